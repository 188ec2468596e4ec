// DEM and imagery loading: any raster GDAL opens, warped once into the target grid by GDAL's
// warper (bilinear, all CPUs), or copied with one RasterIO when it already lies on that grid.
#include "geo/Raster.h"

#include <cpl_string.h>
#include <cpl_virtualmem.h>
#include <cpl_vsi.h>
#include <gdal_utils.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <future>
#include <limits>
#include <memory>
#include <optional>

#include <fmt/format.h>

#include "core/DiskCache.h"
#include "core/Error.h"
#include "core/Log.h"
#include "geo/RasterSource.h"

namespace tb::geo {
namespace {

void requireValidTarget(const GridSpec& t, const std::string& path) {
  if (t.width <= 0 || t.height <= 0 || !(t.cellSize > 0))
    throw internalError(path, "target grid is empty (" + std::to_string(t.width) + "x" + std::to_string(t.height) + ")");
}

SrsPtr targetSrs(const GridSpec& t, const std::string& path) {
  SrsPtr srs = makeSrs(t.crs);
  if (!srs) throw Error(path, "unknown target CRS \"" + t.crs + "\"");
  return srs;
}

// An in-memory VRT over `src` built by gdal_translate (band selection, palette expansion).
DatasetPtr translatedVrt(const SourceRaster& src, std::vector<std::string> args) {
  args.insert(args.begin(), {"-of", "VRT"});
  CPLStringList argv;
  for (const auto& a : args) argv.AddString(a.c_str());
  GDALTranslateOptions* opts = GDALTranslateOptionsNew(argv.List(), nullptr);
  GdalErrorCapture capture;
  DatasetPtr vrt(GDALTranslate("", src.ds.get(), opts, nullptr));
  GDALTranslateOptionsFree(opts);
  if (!vrt) throw Error(src.path, "cannot select its bands" + capture.suffix());
  return vrt;
}

// Warps `srcDs` into the MEM dataset `dst` (whose grid is the target). Throws with GDAL's reason
// when the warper fails, e.g. on a read error in a truncated file.
void warpInto(GDALDatasetH srcDs, GDALDatasetH dst, const std::string& path, std::vector<std::string> extra) {
  std::vector<std::string> args = {"-r", "bilinear", "-wo", "NUM_THREADS=ALL_CPUS", "-wm", "256", "-q"};
  args.insert(args.end(), extra.begin(), extra.end());
  CPLStringList argv;
  for (const auto& a : args) argv.AddString(a.c_str());
  GDALWarpAppOptions* opts = GDALWarpAppOptionsNew(argv.List(), nullptr);
  GdalErrorCapture capture;
  int usageError = 0;
  GDALDatasetH out = GDALWarp(nullptr, dst, 1, &srcDs, opts, &usageError);
  GDALWarpAppOptionsFree(opts);
  if (!out || capture.failed()) throw Error(path, "cannot read or warp the raster" + capture.suffix());
}

template <typename Grid>
void fillSourceInfo(Grid& g, const SourceRaster& src) {
  if (std::string identity = cache::fileIdentity(src.path); !identity.empty()) {
    const GridSpec& t = g.grid;
    g.contentKey = fmt::format("{}|{} {:.9f} {:.9f} {:.9f} {}x{}|loader 1|GDAL {}", identity, t.crs, t.originX, t.originY,
                               t.cellSize, t.width, t.height, GDALVersionInfo("RELEASE_NAME"));
  }
  g.synthetic = src.synthetic;
  g.sourcePath = src.path;
  g.sourceCrs = shortCrsName(src.srs);
  g.sourceWidth = src.width;
  g.sourceHeight = src.height;
}

// The whole raster exactly as the file holds it, `channels` samples of T per pixel, rows packed,
// borrowed from a read-only file mapping: GDAL offers one for uncompressed, untiled GeoTIFFs in
// native byte order. Null when the layout differs or when the file is shorter than its strips
// claim (a truncated file would fault on access instead of failing the read).
template <typename T>
std::optional<SampleBuffer<T>> mappedSamples(SourceRaster& src, int channels) {
  GDALRasterBandH band = GDALGetRasterBand(src.ds.get(), 1);
  int blockW = 0, blockH = 0;
  GDALGetBlockSize(band, &blockW, &blockH);
  if (blockW != src.width || blockH <= 0) return std::nullopt;  // tiled
  const int strips = (src.height + blockH - 1) / blockH;
  const std::string last = std::to_string(strips - 1);
  const char* offset = GDALGetMetadataItem(band, ("BLOCK_OFFSET_0_" + last).c_str(), "TIFF");
  const char* size = GDALGetMetadataItem(band, ("BLOCK_SIZE_0_" + last).c_str(), "TIFF");
  VSIStatBufL stat;
  if (!offset || !size || VSIStatL(src.path.c_str(), &stat) != 0 ||
      std::strtoull(offset, nullptr, 10) + std::strtoull(size, nullptr, 10) > static_cast<unsigned long long>(stat.st_size))
    return std::nullopt;
  GdalErrorCapture capture;  // "no mapping" is not an error: the read below takes over
  int pixelSpace = 0;
  GIntBig lineSpace = 0;
  const char* options[] = {"USE_DEFAULT_IMPLEMENTATION=NO", nullptr};
  CPLVirtualMem* vm = GDALGetVirtualMemAuto(band, GF_Read, &pixelSpace, &lineSpace, const_cast<char**>(options));
  if (!vm) return std::nullopt;
  struct Mapping {
    Mapping(DatasetPtr d, CPLVirtualMem* v) : ds(std::move(d)), vm(v) {}
    ~Mapping() { CPLVirtualMemFree(vm); }  // before the dataset closes
    DatasetPtr ds;
    CPLVirtualMem* vm;
  };
  const auto* data = static_cast<const T*>(CPLVirtualMemGetAddr(vm));
  const std::size_t count = static_cast<std::size_t>(src.width) * src.height * channels;
  if (pixelSpace != static_cast<int>(sizeof(T)) * channels || lineSpace != GIntBig(pixelSpace) * src.width ||
      CPLVirtualMemGetSize(vm) < count * sizeof(T) || reinterpret_cast<std::uintptr_t>(data) % alignof(T) != 0) {
    CPLVirtualMemFree(vm);
    return std::nullopt;
  }
  auto owner = std::make_shared<const Mapping>(std::move(src.ds), vm);
  return SampleBuffer<T>(std::move(owner), data, count);
}

bool coversExactly(const SourceRaster& src, const GridSpec& t, int colOff, int rowOff) {
  return colOff == 0 && rowOff == 0 && src.width == t.width && src.height == t.height;
}

// One RasterIO of the source window that lies on the target grid; the rest stays NaN.
void readAligned(const SourceRaster& src, GDALRasterBandH band, const GridSpec& t, int colOff, int rowOff,
                 FloatBuffer& out) {
  const int c0 = std::max(0, colOff), r0 = std::max(0, rowOff);
  const int c1 = std::min(src.width, colOff + t.width), r1 = std::min(src.height, rowOff + t.height);
  if (c1 <= c0 || r1 <= r0) return;
  const bool whole = c0 == colOff && r0 == rowOff && c1 - c0 == t.width && r1 - r0 == t.height;
  if (!whole) std::fill(out.begin(), out.end(), std::numeric_limits<float>::quiet_NaN());
  float* dst = out.data() + static_cast<size_t>(r0 - rowOff) * t.width + (c0 - colOff);
  GdalErrorCapture capture;
  const CPLErr err = GDALRasterIOEx(band, GF_Read, c0, r0, c1 - c0, r1 - r0, dst, c1 - c0, r1 - r0, GDT_Float32,
                                    sizeof(float), static_cast<GSpacing>(sizeof(float)) * t.width, nullptr);
  if (err != CE_None || capture.failed())
    throw Error(src.path, "read error (truncated or damaged file?)" + capture.suffix());
}

// Imagery already on the target grid: the colour bands go straight into the interleaved RGBA
// buffer with one RasterIO. Only for plain 8-bit RGB/RGBA/grey without nodata; the rest warps.
bool readImageryAligned(SourceRaster& src, OGRSpatialReferenceH tsrs, const GridSpec& t, SampleBuffer<std::uint8_t>& out) {
  int colOff = 0, rowOff = 0;
  if (!alignedWith(src, tsrs, t, colOff, rowOff)) return false;
  int bandMap[4] = {1, 2, 3, 4};
  int alphaBand = 0;
  for (int b = 1; b <= src.bands; ++b) {
    GDALRasterBandH band = GDALGetRasterBand(src.ds.get(), b);
    int hasNodata = 0;
    GDALGetRasterNoDataValue(band, &hasNodata);
    if (GDALGetRasterDataType(band) != GDT_Byte || GDALGetRasterColorTable(band) || hasNodata) return false;
    if (GDALGetRasterColorInterpretation(band) == GCI_AlphaBand) alphaBand = b;
  }
  if (src.bands >= 3) {
    if (src.bands == 4) alphaBand = 4;
    if (alphaBand && alphaBand != 4) return false;
  } else {
    bandMap[1] = bandMap[2] = 1;
    if (src.bands == 2 && alphaBand != 2) return false;
    alphaBand = src.bands == 2 ? 2 : 0;
    bandMap[3] = alphaBand;
  }
  if (src.bands == 4 && coversExactly(src, t, colOff, rowOff)) {
    if (auto mapped = mappedSamples<std::uint8_t>(src, 4)) {
      log::debug("{}: on the target grid, used in place (file mapping)", src.path);
      out = std::move(*mapped);
      return true;
    }
  }
  out = SampleBuffer<std::uint8_t>::filled(static_cast<size_t>(t.width) * t.height * 4, 0);
  std::uint8_t* rgba = out.mutableData();
  const int c0 = std::max(0, colOff), r0 = std::max(0, rowOff);
  const int c1 = std::min(src.width, colOff + t.width), r1 = std::min(src.height, rowOff + t.height);
  if (c1 <= c0 || r1 <= r0) return true;  // nothing of it inside: all transparent
  const int nBands = alphaBand ? 4 : 3;
  std::uint8_t* dst = rgba + (static_cast<size_t>(r0 - rowOff) * t.width + (c0 - colOff)) * 4;
  GdalErrorCapture capture;
  const CPLErr err = GDALDatasetRasterIOEx(src.ds.get(), GF_Read, c0, r0, c1 - c0, r1 - r0, dst, c1 - c0, r1 - r0,
                                           GDT_Byte, nBands, bandMap, 4, static_cast<GSpacing>(4) * t.width, 1, nullptr);
  if (err != CE_None || capture.failed())
    throw Error(src.path, "read error (truncated or damaged file?)" + capture.suffix());
  if (!alphaBand)
    for (int r = r0 - rowOff; r < r1 - rowOff; ++r)
      for (int c = c0 - colOff; c < c1 - colOff; ++c) rgba[(static_cast<size_t>(r) * t.width + c) * 4 + 3] = 255;
  return true;
}

}  // namespace

HeightGrid loadDem(const std::string& path, const GridSpec& target) {
  const auto t0 = std::chrono::steady_clock::now();
  const auto msSince = [](std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count();
  };
  requireValidTarget(target, path);
  SourceRaster src = openSourceRaster(path, true);
  SrsPtr tsrs = targetSrs(target, path);
  requireOverlap(src, tsrs.get(), target);

  HeightGrid out;
  out.grid = target;
  fillSourceInfo(out, src);
  const size_t n = static_cast<size_t>(target.width) * target.height;
  GDALRasterBandH band = GDALGetRasterBand(src.ds.get(), 1);
  int hasNodata = 0;
  const double nodata = GDALGetRasterNoDataValue(band, &hasNodata);

  // After the read, one pass over the heights: the declared nodata value and infinities (some
  // DEMs use them as nodata without saying so) become NaN. One pass, not two: at 10 m over a
  // city's area the array is tens of MB and each pass costs about as much as GDAL's copy.
  bool checkNodata = false;
  float nd = 0.0f;
  int colOff = 0, rowOff = 0;
  const double openMs = msSince(t0);
  const auto t1 = std::chrono::steady_clock::now();
  if (alignedWith(src, tsrs.get(), target, colOff, rowOff)) {
    checkNodata = hasNodata && !std::isnan(nodata);
    nd = static_cast<float>(nodata);
    std::optional<SampleBuffer<float>> mapped;
    if (src.bands == 1 && GDALGetRasterDataType(band) == GDT_Float32 && coversExactly(src, target, colOff, rowOff))
      mapped = mappedSamples<float>(src, 1);
    if (mapped) {
      log::debug("{}: on the target grid, used in place (file mapping)", path);
      out.heights = std::move(*mapped);
    } else {
      log::debug("{}: on the target grid, read directly", path);
      FloatBuffer heights(n);
      readAligned(src, band, target, colOff, rowOff, heights);
      out.heights = std::move(heights);
    }
  } else {
    FloatBuffer heights(n, std::numeric_limits<float>::quiet_NaN());
    DatasetPtr dst = memDatasetOver(heights.data(), GDT_Float32, 1, target, tsrs.get());
    DatasetPtr firstBand = src.bands > 1 ? translatedVrt(src, {"-b", "1"}) : nullptr;
    warpInto(firstBand ? firstBand.get() : src.ds.get(), dst.get(), path,
             {"-dstnodata", "nan", "-wo", "INIT_DEST=NO_DATA"});
    out.heights = std::move(heights);
  }
  // Branch-free so that the compiler vectorises it (3x faster than the obvious loop): NaN never
  // compares equal, so without a declared nodata value the second test always passes. Samples
  // used in place are only counted; they are copied (and fixed) if any is nodata.
  const double readMs = msSince(t1);
  const auto t2 = std::chrono::steady_clock::now();
  const float nan = std::numeric_limits<float>::quiet_NaN(), ndv = checkNodata ? nd : nan;
  const auto valid = [ndv](float h) { return (std::fabs(h) <= std::numeric_limits<float>::max()) & (h != ndv); };
  size_t validCount = 0;
  if (out.heights.borrowed()) {
    // The first touch of each mapped page is most of this pass's cost in VMs; two threads
    // halve it (the machines this targets have two cores).
    const float* h = out.heights.data();
    auto count = [&](size_t i0, size_t i1) {
      size_t k = 0;
      for (size_t i = i0; i < i1; ++i) k += valid(h[i]);
      return k;
    };
    std::future<size_t> firstHalf = std::async(std::launch::async, count, size_t(0), n / 2);
    validCount = count(n / 2, n) + firstHalf.get();
  }
  if (!out.heights.borrowed() || validCount != n) {
    validCount = 0;
    float* heights = out.heights.mutableData();
    for (size_t i = 0; i < n; ++i) {
      const bool ok = valid(heights[i]);
      validCount += ok;
      heights[i] = ok ? heights[i] : nan;
    }
  }
  if (validCount == 0) throw Error(path, "no elevation inside the scene extent: every sample there is nodata");
  log::trace("{}: opened, checked and allocated in {:.1f} ms, read in {:.1f} ms, nodata pass {:.1f} ms", path, openMs, readMs,
             msSince(t2));
  return out;
}

GridSpec demGridFor(const std::string& path, const std::string& crs, const ProjectedExtent* clip) {
  SourceRaster src = openSourceRaster(path, true);
  SrsPtr tsrs = makeSrs(crs);
  if (!tsrs) throw Error(path, "unknown target CRS \"" + crs + "\"");
  ProjectedExtent fp;
  GridSpec g;
  if (src.northUp() && OSRIsSame(src.srs, tsrs.get()) && std::abs(src.gt[1] + src.gt[5]) <= 1e-9 * src.gt[1]) {
    // Same CRS, square pixels: keep the source's own pixel edges so that loadDem can copy them.
    fp = src.bounds();
    const double cell = src.gt[1];
    if (clip) {
      fp.west = std::max(fp.west, clip->west), fp.east = std::min(fp.east, clip->east);
      fp.south = std::max(fp.south, clip->south), fp.north = std::min(fp.north, clip->north);
    }
    if (fp.east <= fp.west || fp.north <= fp.south) throw Error(path, "does not overlap the scene extent");
    g = snappedGrid(crs, fp, cell, std::fmod(src.gt[0], cell), std::fmod(src.gt[3], cell));
    return g;
  }
  if (!footprintIn(src, tsrs.get(), fp)) throw Error(path, "cannot transform its footprint into " + crs);
  if (clip) {
    fp.west = std::max(fp.west, clip->west), fp.east = std::min(fp.east, clip->east);
    fp.south = std::max(fp.south, clip->south), fp.north = std::min(fp.north, clip->north);
  }
  if (fp.east <= fp.west || fp.north <= fp.south) throw Error(path, "does not overlap the scene extent");
  // Two significant digits: 30.87 m SRTM pixels become 31 m, 0.93 m ones 0.93 m.
  double cell = nativeCellSizeIn(src, tsrs.get());
  const double mag = std::pow(10.0, std::floor(std::log10(cell)) - 1);
  cell = std::max(mag, std::round(cell / mag) * mag);
  return snappedGrid(crs, fp, cell);
}

RgbaGrid loadImagery(const std::string& path, const GridSpec& target) {
  requireValidTarget(target, path);
  SourceRaster src = openSourceRaster(path, true);
  SrsPtr tsrs = targetSrs(target, path);
  requireOverlap(src, tsrs.get(), target);

  RgbaGrid out;
  out.grid = target;
  fillSourceInfo(out, src);
  if (readImageryAligned(src, tsrs.get(), target, out.rgba)) {
    if (!out.rgba.borrowed()) log::debug("{}: on the target grid, read directly", path);
    return out;
  }

  // Bring every flavour to 3 colour bands (+ alpha when the source has one) in a VRT, so that
  // one warp into a pixel-interleaved RGBA buffer handles them all.
  GDALRasterBandH b1 = GDALGetRasterBand(src.ds.get(), 1);
  const bool byteData = GDALGetRasterDataType(b1) == GDT_Byte;
  std::vector<std::string> args;
  if (GDALGetRasterColorTable(b1)) {
    args = {"-b", "1", "-expand", "rgba"};
  } else if (src.bands >= 3) {
    args = {"-b", "1", "-b", "2", "-b", "3"};
    if (src.bands >= 4 && (src.bands == 4 || GDALGetRasterColorInterpretation(GDALGetRasterBand(src.ds.get(), 4)) ==
                                                 GCI_AlphaBand))
      args.insert(args.end(), {"-b", "4", "-colorinterp_4", "alpha"});
  } else {
    args = {"-b", "1", "-b", "1", "-b", "1", "-colorinterp", "red,green,blue"};
    if (src.bands == 2) args.insert(args.end(), {"-b", "2", "-colorinterp_4", "alpha"});
  }
  if (!byteData) args.insert(args.end(), {"-ot", "Byte", "-scale"});
  DatasetPtr vrt = translatedVrt(src, args);
  out.rgba = SampleBuffer<std::uint8_t>::filled(static_cast<size_t>(target.width) * target.height * 4, 0);
  DatasetPtr dst = memDatasetOver(out.rgba.mutableData(), GDT_Byte, 4, target, tsrs.get());
  GDALSetRasterColorInterpretation(GDALGetRasterBand(dst.get(), 4), GCI_AlphaBand);
  warpInto(vrt.get(), dst.get(), path, {"-dstalpha"});
  return out;
}

ProjectedExtent lonLatFootprint(const std::string& path) {
  const SourceRaster src = openSourceRaster(path, true);
  const SrsPtr wgs84 = makeSrs("EPSG:4326");
  ProjectedExtent fp;
  if (!footprintIn(src, wgs84.get(), fp) || !(fp.east > fp.west) || !(fp.north > fp.south))
    throw Error(path, "its footprint cannot be transformed to WGS 84 longitude and latitude");
  return fp;
}

RasterInfo probeRaster(const std::string& path) {
  SourceRaster src = openSourceRaster(path, false);
  RasterInfo info;
  info.path = path;
  GDALDriverH drv = GDALGetDatasetDriver(src.ds.get());
  info.driver = drv ? GDALGetDriverShortName(drv) : "";
  info.crs = src.srs ? shortCrsName(src.srs) : "(none)";
  info.width = src.width;
  info.height = src.height;
  info.bands = src.bands;
  info.synthetic = src.synthetic;
  for (char** md = GDALGetMetadata(src.ds.get(), nullptr); md && *md; ++md) {
    char* key = nullptr;
    const char* value = CPLParseNameValue(*md, &key);
    if (key) info.metadata[key] = value ? value : "";
    CPLFree(key);
  }
  return info;
}

}  // namespace tb::geo
