// Windowed, resolution-aware raster reads for tile streaming: a pool of GDAL handles (datasets are
// not thread-safe), overview choice by cell size, RasterIO of the window when the source is
// already in the scene CRS, GDAL's warper on the window otherwise (geo/WindowWarp.h).
#include "geo/TileReader.h"

#include <cpl_minixml.h>
#include <cpl_string.h>
#include <cpl_vsi.h>
#include <gdal_utils.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cmath>
#include <cstring>
#include <limits>
#include <map>
#include <mutex>
#include <utility>
#include <vector>

#include "core/Error.h"
#include "core/Log.h"
#include "geo/RasterSource.h"
#include "geo/WindowRead.h"
#include "geo/WindowWarp.h"

namespace tb::geo {
namespace {

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

// [SECTION] Process-wide defaults

// A tile server that hangs must not hang a read for GDAL's default of minutes; a server that
// hiccups gets two more tries. The user's own settings (environment or --config) win.
void setNetworkDefaults() {
  static std::once_flag once;
  std::call_once(once, [] {
    const std::pair<const char*, const char*> defaults[] = {
        {"GDAL_HTTP_TIMEOUT", "10"}, {"GDAL_HTTP_CONNECTTIMEOUT", "5"}, {"GDAL_HTTP_MAX_RETRY", "2"},
        {"GDAL_HTTP_RETRY_DELAY", "0.5"}};
    for (const auto& [key, value] : defaults)
      if (!CPLGetConfigOption(key, nullptr)) CPLSetConfigOption(key, value);
  });
}

// GDAL 3.6's WMS driver waits up to 300 s for a tile unless its description has <Timeout>; it
// does not consult GDAL_HTTP_TIMEOUT. A description without one is opened from an in-memory
// copy that has it (GDAL_HTTP_TIMEOUT's value). Returns the path to open.
std::string wmsWithTimeout(const std::string& path) {
  if (path.size() < 4 || !EQUAL(path.c_str() + path.size() - 4, ".xml")) return path;
  VSILFILE* f = VSIFOpenL(path.c_str(), "rb");
  if (!f) return path;
  std::string text(1 << 20, '\0');
  text.resize(VSIFReadL(text.data(), 1, text.size(), f));
  VSIFCloseL(f);
  if (text.find("<GDAL_WMS") == std::string::npos) return path;
  CPLXMLNode* root = CPLParseXMLString(text.c_str());
  CPLXMLNode* wms = root ? CPLGetXMLNode(root, "=GDAL_WMS") : nullptr;
  std::string patched = path;
  if (wms && !CPLGetXMLNode(wms, "Timeout")) {
    CPLCreateXMLElementAndValue(wms, "Timeout", CPLGetConfigOption("GDAL_HTTP_TIMEOUT", "10"));
    char* xml = CPLSerializeXMLTree(wms);
    static std::atomic<int> counter{0};
    patched = "/vsimem/terrabrief-tiles/wms-" + std::to_string(counter++) + ".xml";
    VSILFILE* out = VSIFOpenL(patched.c_str(), "wb");
    if (out) {
      VSIFWriteL(xml, 1, std::strlen(xml), out);
      VSIFCloseL(out);
    } else {
      patched = path;
    }
    CPLFree(xml);
  }
  if (root) CPLDestroyXMLNode(root);
  return patched;
}

// [SECTION] Footprint and native resolution

// The part of a source worth projecting into the scene CRS, in the source's own CRS, and the
// point where its resolution is measured.
struct UsefulPart {
  ProjectedExtent bounds;
  double x = 0, y = 0;
};

// The source's bounds clipped to the scene CRS's area of use widened by 10° where the source
// reaches beyond it (a world-wide tile service in EPSG:3857 projected into a UTM zone gives
// garbage otherwise), measured at the centre of that area of use; unchanged, and measured at its
// centre, when the area of use is unknown or the source lies within it.
UsefulPart usefulPartOf(const SourceRaster& src, OGRSpatialReferenceH scene) {
  UsefulPart part;
  ProjectedExtent& b = part.bounds;
  b = src.bounds();
  part.x = 0.5 * (b.west + b.east), part.y = 0.5 * (b.south + b.north);
  double w = 0, s = 0, e = 0, n = 0;
  const char* name = nullptr;
  if (!OSRGetAreaOfUse(scene, &w, &s, &e, &n, &name) || w < -180 || e < w) return part;
  const double lon = 0.5 * (w + e), lat = 0.5 * (s + n);
  w = std::max(-180.0, w - 10), e = std::min(180.0, e + 10);
  s = std::max(-85.0, s - 10), n = std::min(85.0, n + 10);
  SrsPtr wgs84 = makeSrs("EPSG:4326");
  SrsPtr from = cloneSrs(src.srs);
  GdalErrorCapture quiet;
  TransformPtr ct(OCTNewCoordinateTransformation(wgs84.get(), from.get()));
  ProjectedExtent area;
  if (!ct || !OCTTransformBounds(ct.get(), w, s, e, n, &area.west, &area.south, &area.east, &area.north, 21))
    return part;
  const ProjectedExtent clipped{std::max(b.west, area.west), std::max(b.south, area.south),
                                std::min(b.east, area.east), std::min(b.north, area.north)};
  if (clipped.east <= clipped.west || clipped.north <= clipped.south) return part;  // elsewhere: leave it to PROJ
  if (clipped.west == b.west && clipped.east == b.east && clipped.south == b.south && clipped.north == b.north)
    return part;
  b = clipped;
  double x = lon, y = lat;
  if (OCTTransform(ct.get(), 1, &x, &y, nullptr) && x > b.west && x < b.east && y > b.south && y < b.north)
    part.x = x, part.y = y;
  else
    part.x = 0.5 * (b.west + b.east), part.y = 0.5 * (b.south + b.north);
  return part;
}

// Pixel size in metres of the scene CRS at `x,y` (source CRS): geometric mean of the projected
// lengths of one pixel step in column and row.
bool cellSizeAt(const SourceRaster& src, OGRSpatialReferenceH scene, double x, double y, double& cell) {
  double inv[6];
  if (!GDALInvGeoTransform(const_cast<double*>(src.gt), inv)) return false;
  const double px = inv[0] + x * inv[1] + y * inv[2], py = inv[3] + x * inv[4] + y * inv[5];
  double xs[3], ys[3];
  const double pxs[3] = {px, px + 1, px}, pys[3] = {py, py, py + 1};
  for (int i = 0; i < 3; ++i) {
    xs[i] = src.gt[0] + pxs[i] * src.gt[1] + pys[i] * src.gt[2];
    ys[i] = src.gt[3] + pxs[i] * src.gt[4] + pys[i] * src.gt[5];
  }
  SrsPtr from = cloneSrs(src.srs);
  GdalErrorCapture quiet;
  TransformPtr ct(OCTNewCoordinateTransformation(from.get(), scene));
  int ok[3] = {0, 0, 0};
  if (!ct || !OCTTransformEx(ct.get(), 3, xs, ys, nullptr, ok) || !ok[0] || !ok[1] || !ok[2]) return false;
  const double dx = std::hypot(xs[1] - xs[0], ys[1] - ys[0]), dy = std::hypot(xs[2] - xs[0], ys[2] - ys[0]);
  cell = std::sqrt(dx * dy);
  return std::isfinite(cell) && cell > 0;
}

bool overlaps(const ProjectedExtent& fp, const GridSpec& g) {
  return fp.east > g.originX && fp.west < g.east() && fp.north > g.south() && fp.south < g.originY;
}

}  // namespace

// [SECTION] The handle pool

// What the warper needs for one resolution level of a source, built on first use.
struct WarpLevel {
  DatasetPtr levelDs;    // the overview opened as a dataset (OVERVIEW_LEVEL=k); null at full resolution
  DatasetPtr decimated;  // every n-th pixel of it, where no overview is coarse enough (VRT)
  DatasetPtr vrt;        // imagery with a palette or wider than 8 bits: RGB(A) bytes over it
  std::unique_ptr<WindowWarper> warper;
};

struct TileReadHandle {
  SourceRaster src;
  // By (overview or -1, decimation): what the warper reads for that resolution.
  std::map<std::pair<int, int>, std::unique_ptr<WarpLevel>> warpLevels;
};

struct RasterTileReader::Impl {
  std::string path, sceneCrs;
  std::string openPath;  // path, or an in-memory copy of a WMS description (wmsWithTimeout)
  RasterRole role = RasterRole::Elevation;
  TileSourceInfo info;
  double gt[6] = {0, 1, 0, 0, 0, -1};
  // Imagery that RasterIO can copy band by band (8-bit, no palette, no nodata or mask but alpha).
  bool directRgba = false;
  int colourBands = 3;  // 3 = bands 1,2,3; 1 = band 1 as grey
  int alphaBand = 0;    // 0: opaque wherever there is data

  mutable std::mutex mutex;
  mutable std::vector<std::unique_ptr<TileReadHandle>> idle;
  mutable std::size_t open = 0;
  static constexpr std::size_t kMaxIdle = 8;

  std::string sceneWkt;
  bool expandToRgba = false;  // imagery with a palette or wider than 8 bits (warped through a VRT)

  std::unique_ptr<TileReadHandle> openHandle(SourceRaster src) const {
    auto h = std::make_unique<TileReadHandle>();
    h->src = std::move(src);
    return h;
  }

  // Errors name the user's path, also when an in-memory copy is opened.
  SourceRaster openSource() const {
    try {
      return openSourceRaster(openPath, true);
    } catch (const Error& e) {
      if (openPath == path) throw;
      throw Error(path, e.problem());
    }
  }

  std::unique_ptr<TileReadHandle> acquire() const {
    {
      std::lock_guard<std::mutex> lock(mutex);
      if (!idle.empty()) {
        auto h = std::move(idle.back());
        idle.pop_back();
        return h;
      }
      ++open;
    }
    try {
      SourceRaster src = openSource();
      if (src.width != info.width || src.height != info.height || src.bands != info.bands)
        throw Error(path,
                    "changed while open (now " + std::to_string(src.width) + "x" + std::to_string(src.height) + ")");
      return openHandle(std::move(src));
    } catch (...) {
      std::lock_guard<std::mutex> lock(mutex);
      --open;
      throw;
    }
  }

  // A handle whose read failed is closed: a driver may keep state from the failure.
  void giveBack(std::unique_ptr<TileReadHandle> h, bool healthy) const {
    std::unique_ptr<TileReadHandle> closing;
    {
      std::lock_guard<std::mutex> lock(mutex);
      if (healthy && idle.size() < kMaxIdle) {
        idle.push_back(std::move(h));
        return;
      }
      --open;
      closing = std::move(h);
    }
  }

  // GDAL's reason, short: without the dataset name it starts with (the error names the source
  // already, and an in-memory copy's name means nothing to the user), without the HTML a tile
  // server sends with its errors, at most 300 characters.
  std::string reason(const GdalErrorCapture& capture) const {
    std::string text = capture.suffix();
    for (const std::string* name : {&openPath, &path}) {
      for (size_t at; (at = text.find(*name + ", ")) != std::string::npos;) text.erase(at, name->size() + 2);
      for (size_t at; (at = text.find(*name + ": ")) != std::string::npos;) text.erase(at, name->size() + 2);
    }
    std::string out;
    for (size_t i = 0; i < text.size(); ++i) {
      const size_t close = text[i] == '<' ? text.find('>', i) : std::string::npos;
      const bool htmlish = i + 1 < text.size() && (std::islower(static_cast<unsigned char>(text[i + 1])) ||
                                                   text[i + 1] == '/' || text[i + 1] == '!');
      if (htmlish && close != std::string::npos && close - i < 80 && text.find('<', i + 1) > close) {
        i = close;  // a tag
        continue;
      }
      const char c = text[i] == '\t' ? ' ' : text[i];
      if (c == ' ' && (out.empty() || out.back() == ' ' || out.back() == '(')) continue;
      out += c;
    }
    if (out.size() > 300) out = out.substr(0, 296) + "...)";
    return out.empty() || out[0] == ' ' ? out : " " + out;
  }

  void checkGrid(const GridSpec& g) const {
    if (g.width <= 0 || g.height <= 0 || !(g.cellSize > 0))
      throw internalError(path,
                          "tile grid is empty (" + std::to_string(g.width) + "x" + std::to_string(g.height) + ")");
    if (!g.crs.empty() && !EQUAL(g.crs.c_str(), sceneCrs.c_str()))
      throw internalError(path, "tile grid in " + g.crs + ", reader opened for " + sceneCrs);
  }

  class Lease;
  WarpLevel& warpLevel(TileReadHandle& h, int level, int decimation = 1) const;
  WindowWarper& warperFor(TileReadHandle& h, const GridSpec& g, GDALResampleAlg& alg) const;
  void heightsSameCrs(TileReadHandle& h, const GridSpec& g, float* out) const;
  void rgbaSameCrs(TileReadHandle& h, const GridSpec& g, std::uint8_t* out) const;
};

// Holds a pooled handle for one read; returns it on success, closes it when the read threw.
class RasterTileReader::Impl::Lease {
 public:
  explicit Lease(const Impl& impl) : impl_(impl), handle_(impl.acquire()) {}
  ~Lease() { impl_.giveBack(std::move(handle_), healthy_); }
  Lease(const Lease&) = delete;
  Lease& operator=(const Lease&) = delete;
  TileReadHandle& operator*() const { return *handle_; }
  void done() { healthy_ = true; }

 private:
  const Impl& impl_;
  std::unique_ptr<TileReadHandle> handle_;
  bool healthy_ = false;
};

// [SECTION] Opening

RasterTileReader::RasterTileReader(const std::string& path, RasterRole role, const std::string& sceneCrs)
    : impl_(std::make_unique<Impl>()) {
  ensureGdal();
  setNetworkDefaults();
  Impl& m = *impl_;
  m.path = path, m.sceneCrs = sceneCrs, m.role = role;
  m.openPath = wmsWithTimeout(path);
  struct DropCopyUnlessOpened {  // the destructor does it once the constructor has finished
    const Impl& m;
    bool opened = false;
    ~DropCopyUnlessOpened() {
      if (!opened && m.openPath != m.path) VSIUnlink(m.openPath.c_str());
    }
  } guard{m};
  SourceRaster src = m.openSource();
  SrsPtr scene = makeSrs(sceneCrs);
  if (!scene) throw Error(path, "unknown scene CRS \"" + sceneCrs + "\"");
  {
    char* wkt = nullptr;
    OSRExportToWkt(scene.get(), &wkt);
    m.sceneWkt = wkt ? wkt : sceneCrs;
    CPLFree(wkt);
  }
  std::copy(src.gt, src.gt + 6, m.gt);

  TileSourceInfo& info = m.info;
  info.path = path;
  GDALDriverH drv = GDALGetDatasetDriver(src.ds.get());
  info.driver = drv ? GDALGetDriverShortName(drv) : "";
  info.crs = shortCrsName(src.srs);
  info.width = src.width, info.height = src.height, info.bands = src.bands;
  GDALRasterBandH b1 = GDALGetRasterBand(src.ds.get(), 1);
  info.overviewCount = GDALGetOverviewCount(b1);
  int hasNodata = 0;
  info.nodata = GDALGetRasterNoDataValue(b1, &hasNodata);
  info.hasNodata = hasNodata != 0;
  if (!info.hasNodata) info.nodata = 0;
  info.synthetic = src.synthetic;
  info.identity = sourceIdentity(src);
  info.sameCrs = src.northUp() && OSRIsSame(src.srs, scene.get());

  if (info.sameCrs) {
    info.footprint = src.bounds();
    info.nativeCellSize = std::sqrt(src.gt[1] * -src.gt[5]);
  } else {
    const UsefulPart useful = usefulPartOf(src, scene.get());
    const ProjectedExtent& b = useful.bounds;
    SrsPtr from = cloneSrs(src.srs);
    GdalErrorCapture capture;
    TransformPtr ct(OCTNewCoordinateTransformation(from.get(), scene.get()));
    ProjectedExtent& fp = info.footprint;
    if (!ct || !OCTTransformBounds(ct.get(), b.west, b.south, b.east, b.north, &fp.west, &fp.south,
                                   &fp.east, &fp.north, 21))
      throw Error(path, "cannot transform its footprint into " + sceneCrs + capture.suffix());
    if (!cellSizeAt(src, scene.get(), useful.x, useful.y, info.nativeCellSize))
      throw Error(path, "cannot transform its grid into " + sceneCrs + capture.suffix());
  }

  if (role == RasterRole::Imagery) {
    const bool byteData = GDALGetRasterDataType(b1) == GDT_Byte;
    const int maskFlags = GDALGetMaskFlags(b1);
    bool plain = byteData && !GDALGetRasterColorTable(b1) && !info.hasNodata &&
                 (maskFlags == GMF_ALL_VALID || (maskFlags & GMF_ALPHA));
    if (src.bands >= 3) {
      m.colourBands = 3;
      // Band 4 is looked at only where it exists (GDAL reports an error for a missing band).
      if (src.bands == 4 ||
          (src.bands > 4 && GDALGetRasterColorInterpretation(GDALGetRasterBand(src.ds.get(), 4)) == GCI_AlphaBand))
        m.alphaBand = 4;
    } else {
      m.colourBands = 1;
      m.alphaBand = src.bands == 2 ? 2 : 0;
    }
    for (int b = 2; b <= src.bands && plain; ++b) {
      GDALRasterBandH band = GDALGetRasterBand(src.ds.get(), b);
      int nd = 0;
      GDALGetRasterNoDataValue(band, &nd);
      plain = GDALGetRasterDataType(band) == GDT_Byte && !nd;
    }
    m.directRgba = plain && info.sameCrs;
    m.expandToRgba = !byteData || GDALGetRasterColorTable(b1);
  }
  m.idle.push_back(m.openHandle(std::move(src)));
  m.open = 1;
  guard.opened = true;
}

RasterTileReader::~RasterTileReader() {
  impl_->idle.clear();
  if (impl_->openPath != impl_->path) VSIUnlink(impl_->openPath.c_str());
}

const TileSourceInfo& RasterTileReader::info() const { return impl_->info; }
RasterRole RasterTileReader::role() const { return impl_->role; }

std::size_t RasterTileReader::openHandles() const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->open;
}

// [SECTION] Reads

WarpLevel& RasterTileReader::Impl::warpLevel(TileReadHandle& h, int level, int decimation) const {
  std::unique_ptr<WarpLevel>& slot = h.warpLevels[{level, decimation}];
  if (slot) return *slot;
  auto lv = std::make_unique<WarpLevel>();
  GDALDatasetH ds = h.src.ds.get();
  GdalErrorCapture capture;
  if (level >= 0) {
    CPLStringList oo;
    oo.SetNameValue("OVERVIEW_LEVEL", std::to_string(level).c_str());
    lv->levelDs.reset(GDALOpenEx(openPath.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY, nullptr, oo.List(), nullptr));
    if (!lv->levelDs) throw Error(path, "cannot open overview " + std::to_string(level) + reason(capture));
    ds = lv->levelDs.get();
  }
  if (decimation > 1) {
    // The warper reads its source window at the source's resolution: from a source without
    // overviews, a coarse tile of a large mosaic would read all of it (minutes for 65536²).
    // A VRT that takes every n-th pixel lets it read what the tile needs.
    const std::string w = std::to_string(std::max(1, GDALGetRasterXSize(ds) / decimation));
    const std::string hgt = std::to_string(std::max(1, GDALGetRasterYSize(ds) / decimation));
    const char* args[] = {"-of", "VRT", "-outsize", w.c_str(), hgt.c_str(), "-r", "nearest", nullptr};
    GDALTranslateOptions* opts = GDALTranslateOptionsNew(const_cast<char**>(args), nullptr);
    lv->decimated.reset(GDALTranslate("", ds, opts, nullptr));
    GDALTranslateOptionsFree(opts);
    if (!lv->decimated) throw Error(path, "cannot decimate it" + reason(capture));
    ds = lv->decimated.get();
  }
  if (expandToRgba) {
    // As loadImagery does: the palette expanded, other types scaled to bytes.
    GDALRasterBandH b1 = GDALGetRasterBand(ds, 1);
    std::vector<std::string> args = {"-of", "VRT"};
    if (GDALGetRasterColorTable(b1)) {
      args.insert(args.end(), {"-b", "1", "-expand", "rgba"});
    } else if (colourBands == 3) {
      args.insert(args.end(), {"-b", "1", "-b", "2", "-b", "3"});
      if (alphaBand) args.insert(args.end(), {"-b", std::to_string(alphaBand), "-colorinterp_4", "alpha"});
    } else {
      args.insert(args.end(), {"-b", "1", "-b", "1", "-b", "1", "-colorinterp", "red,green,blue"});
      if (alphaBand) args.insert(args.end(), {"-b", "2", "-colorinterp_4", "alpha"});
    }
    if (GDALGetRasterDataType(b1) != GDT_Byte) args.insert(args.end(), {"-ot", "Byte", "-scale"});
    CPLStringList argv;
    for (const auto& a : args) argv.AddString(a.c_str());
    GDALTranslateOptions* opts = GDALTranslateOptionsNew(argv.List(), nullptr);
    lv->vrt.reset(GDALTranslate("", ds, opts, nullptr));
    GDALTranslateOptionsFree(opts);
    if (!lv->vrt) throw Error(path, "cannot select its colour bands" + reason(capture));
    ds = lv->vrt.get();
  }
  lv->warper = std::make_unique<WindowWarper>(ds, sceneWkt, path);
  slot = std::move(lv);
  return *slot;
}

// The warper for the overview whose pixels are the coarsest still no wider than g's cells,
// measured where the tile is (a lon/lat source's pixels narrow towards the poles), and the
// resampling for what remains of the decimation.
WindowWarper& RasterTileReader::Impl::warperFor(TileReadHandle& h, const GridSpec& g, GDALResampleAlg& alg) const {
  double factor = warpLevel(h, -1, 1).warper->sourcePixelsPerCell(g);
  if (!(factor > 0)) factor = g.cellSize / info.nativeCellSize;
  double levelFactor = 1;
  const int level = chooseLevel(GDALGetRasterBand(h.src.ds.get(), 1), factor, &levelFactor);
  int decimation = 1;
  switch (decimationFor(factor / levelFactor)) {
    case Decimation::Bilinear: alg = GRA_Bilinear; break;
    case Decimation::Average: alg = GRA_Average; break;
    case Decimation::Nearest:  // every n-th pixel (n a power of two), the rest bilinear
      alg = GRA_Bilinear;
      decimation = 1 << static_cast<int>(std::floor(std::log2(factor / levelFactor)));
      break;
  }
  return *warpLevel(h, level, decimation).warper;
}

void RasterTileReader::Impl::heightsSameCrs(TileReadHandle& h, const GridSpec& g, float* out) const {
  GDALRasterBandH full = GDALGetRasterBand(h.src.ds.get(), 1);
  const int level = chooseLevel(full, g.cellSize / info.nativeCellSize);
  GDALRasterBandH band = level < 0 ? full : GDALGetOverview(full, level);
  const LevelWindow lw = levelWindow(gt, info.width, info.height, band, g);
  const bool fullResolution = level < 0 && info.overviewCount > 0;
  GdalErrorCapture capture;
  for (const Span& y : lw.ys)
    for (const Span& x : lw.xs)
      if (!readWindow(band, x, y, out + static_cast<size_t>(y.d0) * g.width + x.d0, GDT_Float32, sizeof(float),
                      static_cast<GSpacing>(sizeof(float)) * g.width, lw.alg, fullResolution) ||
          capture.failed())
        throw Error(path, "cannot read pixels" + reason(capture));
}

void RasterTileReader::readHeights(const GridSpec& grid, float* out) const {
  const Impl& m = *impl_;
  m.checkGrid(grid);
  const size_t n = static_cast<size_t>(grid.width) * grid.height;
  std::fill(out, out + n, kNaN);
  if (!overlaps(m.info.footprint, grid)) return;
  Impl::Lease lease(m);
  TileReadHandle& h = *lease;
  if (m.info.sameCrs) {
    m.heightsSameCrs(h, grid, out);
  } else {
    GDALResampleAlg alg = GRA_Bilinear;
    WindowWarper& warper = m.warperFor(h, grid, alg);
    WarpBands bands;
    bands.src = {1};
    bands.hasNodata = m.info.hasNodata, bands.nodata = m.info.nodata;
    GdalErrorCapture capture;
    if (!warper.warp(grid, out, GDT_Float32, bands, alg) || capture.failed())
      throw Error(m.path, "cannot read or warp pixels" + m.reason(capture));
  }
  lease.done();
  // The declared nodata value (resampling keeps it where every neighbour is nodata) and
  // infinities (some DEMs use them as nodata without saying so) become NaN.
  const float nd = m.info.hasNodata ? static_cast<float>(m.info.nodata) : kNaN;
  for (size_t i = 0; i < n; ++i)
    if (!(std::fabs(out[i]) <= std::numeric_limits<float>::max()) || out[i] == nd) out[i] = kNaN;
}

void RasterTileReader::Impl::rgbaSameCrs(TileReadHandle& h, const GridSpec& g, std::uint8_t* out) const {
  GDALRasterBandH full1 = GDALGetRasterBand(h.src.ds.get(), 1);
  const int level = chooseLevel(full1, g.cellSize / info.nativeCellSize);
  const auto bandAt = [&](int b) {
    GDALRasterBandH full = GDALGetRasterBand(h.src.ds.get(), b);
    return level < 0 ? full : GDALGetOverview(full, level);
  };
  const LevelWindow lw = levelWindow(gt, info.width, info.height, bandAt(1), g);
  const bool fullResolution = level < 0 && info.overviewCount > 0;
  const GSpacing line = static_cast<GSpacing>(4) * g.width;
  GdalErrorCapture capture;
  const auto read = [&](int b, int channel) {
    GDALRasterBandH band = bandAt(b);
    if (!band) throw Error(path, "band " + std::to_string(b) + " lacks overview " + std::to_string(level));
    for (const Span& y : lw.ys)
      for (const Span& x : lw.xs)
        if (!readWindow(band, x, y, out + (static_cast<size_t>(y.d0) * g.width + x.d0) * 4 + channel, GDT_Byte, 4, line,
                        lw.alg, fullResolution) ||
            capture.failed())
          throw Error(path, "cannot read pixels" + reason(capture));
  };
  for (int c = 0; c < colourBands; ++c) read(c + 1, c);
  if (alphaBand) read(alphaBand, 3);
  if (lw.xs.empty() || lw.ys.empty()) return;
  for (int r = lw.ys.front().d0; r < lw.ys.back().d1; ++r)
    for (int c = lw.xs.front().d0; c < lw.xs.back().d1; ++c) {
      std::uint8_t* px = out + (static_cast<size_t>(r) * g.width + c) * 4;
      if (colourBands == 1) px[1] = px[2] = px[0];
      if (!alphaBand) px[3] = 255;
    }
}

void RasterTileReader::readRgba(const GridSpec& grid, std::uint8_t* out) const {
  const Impl& m = *impl_;
  m.checkGrid(grid);
  std::fill(out, out + static_cast<size_t>(grid.width) * grid.height * 4, std::uint8_t(0));
  if (!overlaps(m.info.footprint, grid)) return;
  Impl::Lease lease(m);
  TileReadHandle& h = *lease;
  if (m.directRgba) {
    m.rgbaSameCrs(h, grid, out);
    lease.done();
    return;
  }
  GDALResampleAlg alg = GRA_Bilinear;
  WindowWarper& warper = m.warperFor(h, grid, alg);
  WarpBands bands;
  if (m.expandToRgba) {
    bands.src = {1, 2, 3};
    bands.srcAlpha = GDALGetRasterCount(warper.source()) >= 4 ? 4 : 0;
  } else {
    bands.src = m.colourBands == 3 ? std::vector<int>{1, 2, 3} : std::vector<int>{1, 1, 1};
    bands.srcAlpha = m.alphaBand;
    bands.hasNodata = m.info.hasNodata, bands.nodata = m.info.nodata;
  }
  bands.dstAlpha = true;
  GdalErrorCapture capture;
  if (!warper.warp(grid, out, GDT_Byte, bands, alg) || capture.failed())
    throw Error(m.path, "cannot read or warp pixels" + m.reason(capture));
  lease.done();
}

double RasterTileReader::nodataFraction() const {
  const Impl& m = *impl_;
  Impl::Lease lease(m);
  GDALRasterBandH band = GDALGetRasterBand((*lease).src.ds.get(), 1);
  // 512² samples (read through the overviews) give the share to well under the 0.1% `info`
  // prints; 1024² cost `info` ~60 ms more of decompression.
  const double scale = std::max(1.0, std::max(m.info.width, m.info.height) / 512.0);
  const int w = std::max(1, static_cast<int>(m.info.width / scale));
  const int h = std::max(1, static_cast<int>(m.info.height / scale));
  std::vector<float> samples(static_cast<size_t>(w) * h);
  GdalErrorCapture capture;
  const CPLErr err =
      GDALRasterIO(band, GF_Read, 0, 0, m.info.width, m.info.height, samples.data(), w, h, GDT_Float32, 0, 0);
  if (err != CE_None || capture.failed())
    throw Error(m.path, "cannot read pixels" + m.reason(capture));
  lease.done();
  const float nd = m.info.hasNodata ? static_cast<float>(m.info.nodata) : kNaN;
  size_t missing = 0;
  for (float v : samples) missing += !(std::fabs(v) <= std::numeric_limits<float>::max()) || v == nd;
  return static_cast<double>(missing) / samples.size();
}

void releaseBlockCache() {
  ensureGdal();
  const GIntBig limit = GDALGetCacheMax64();
  GDALSetCacheMax64(0);  // flushes every unlocked block
  GDALSetCacheMax64(limit);
}

std::size_t blockCacheBytes() { return static_cast<std::size_t>(GDALGetCacheUsed64()); }

}  // namespace tb::geo
