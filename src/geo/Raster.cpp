// DEM and imagery loading: any raster GDAL opens, warped once into the target grid by GDAL's
// warper (bilinear, all CPUs), or copied with one RasterIO when it already lies on that grid.
#include "geo/Raster.h"

#include <cpl_string.h>
#include <gdal_utils.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>

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
  g.synthetic = src.synthetic;
  g.sourcePath = src.path;
  g.sourceCrs = shortCrsName(src.srs);
  g.sourceWidth = src.width;
  g.sourceHeight = src.height;
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
bool readImageryAligned(const SourceRaster& src, OGRSpatialReferenceH tsrs, const GridSpec& t, std::vector<std::uint8_t>& rgba) {
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
  const int c0 = std::max(0, colOff), r0 = std::max(0, rowOff);
  const int c1 = std::min(src.width, colOff + t.width), r1 = std::min(src.height, rowOff + t.height);
  if (c1 <= c0 || r1 <= r0) return true;  // nothing of it inside: all transparent
  const int nBands = alphaBand ? 4 : 3;
  std::uint8_t* dst = rgba.data() + (static_cast<size_t>(r0 - rowOff) * t.width + (c0 - colOff)) * 4;
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
  out.heights.resize(n);
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
    log::debug("{}: on the target grid, read directly", path);
    readAligned(src, band, target, colOff, rowOff, out.heights);
    checkNodata = hasNodata && !std::isnan(nodata);
    nd = static_cast<float>(nodata);
  } else {
    std::fill(out.heights.begin(), out.heights.end(), std::numeric_limits<float>::quiet_NaN());
    DatasetPtr dst = memDatasetOver(out.heights.data(), GDT_Float32, 1, target, tsrs.get());
    DatasetPtr firstBand = src.bands > 1 ? translatedVrt(src, {"-b", "1"}) : nullptr;
    warpInto(firstBand ? firstBand.get() : src.ds.get(), dst.get(), path,
             {"-dstnodata", "nan", "-wo", "INIT_DEST=NO_DATA"});
  }
  // Branch-free so that the compiler vectorises it (3x faster than the obvious loop): NaN never
  // compares equal, so without a declared nodata value the second test always passes.
  const double readMs = msSince(t1);
  const auto t2 = std::chrono::steady_clock::now();
  const float nan = std::numeric_limits<float>::quiet_NaN(), ndv = checkNodata ? nd : nan;
  int anyValid = 0;
  for (float& h : out.heights) {
    const bool valid = (std::fabs(h) <= std::numeric_limits<float>::max()) & (h != ndv);
    anyValid |= valid;
    h = valid ? h : nan;
  }
  if (!anyValid) throw Error(path, "no elevation inside the scene extent: every sample there is nodata");
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
  out.rgba.assign(static_cast<size_t>(target.width) * target.height * 4, 0);
  if (readImageryAligned(src, tsrs.get(), target, out.rgba)) {
    log::debug("{}: on the target grid, read directly", path);
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
  DatasetPtr dst = memDatasetOver(out.rgba.data(), GDT_Byte, 4, target, tsrs.get());
  GDALSetRasterColorInterpretation(GDALGetRasterBand(dst.get(), 4), GCI_AlphaBand);
  warpInto(vrt.get(), dst.get(), path, {"-dstalpha"});
  return out;
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
