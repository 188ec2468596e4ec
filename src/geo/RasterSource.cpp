// Opening source rasters with every precondition checked once, and the grid arithmetic that
// DEM and imagery loading share.
#include "geo/RasterSource.h"

#include <cpl_string.h>
#include <gdal_priv.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <mutex>
#include <string_view>

#include "core/DiskCache.h"
#include "core/Error.h"

namespace tb::geo {

ProjectedExtent SourceRaster::bounds() const {
  ProjectedExtent e{1e300, 1e300, -1e300, -1e300};
  for (int i = 0; i < 4; ++i) {
    const double px = (i & 1) ? width : 0, py = (i & 2) ? height : 0;
    const double x = gt[0] + px * gt[1] + py * gt[2], y = gt[3] + px * gt[4] + py * gt[5];
    e.west = std::min(e.west, x), e.east = std::max(e.east, x);
    e.south = std::min(e.south, y), e.north = std::max(e.north, y);
  }
  return e;
}

namespace {

bool flaggedSynthetic(GDALDatasetH ds) {
  const char* synth = GDALGetMetadataItem(ds, "TERRABRIEF_SYNTHETIC", nullptr);
  return synth && CPLTestBool(synth);
}

std::vector<std::string> filesOf(GDALDatasetH ds) {
  std::vector<std::string> files;
  char** list = GDALGetFileList(ds);
  for (char** f = list; f && *f; ++f) files.emplace_back(*f);
  CSLDestroy(list);
  return files;
}

std::string identityOf(const std::vector<std::string>& files, const std::string& path) {
  if (files.empty()) return path;  // a URL, a WMS/TMS connection string
  std::string id;
  for (const std::string& f : files) {
    const std::string one = cache::fileIdentity(f);
    id += (one.empty() ? f : one) + ";";
  }
  return id;
}

// A VRT's own metadata rarely carries the flag; its tiles do. Any flagged tile makes the mosaic
// synthetic. Opening every tile costs a few ms each, so the answer is kept per content identity.
bool anyMemberSynthetic(GDALDatasetH vrt, const std::string& path, int depth) {
  const std::vector<std::string> files = filesOf(vrt);
  static std::mutex mutex;
  static std::map<std::string, bool> known;
  const std::string id = identityOf(files, path);
  {
    std::lock_guard lock(mutex);
    if (auto it = known.find(id); it != known.end()) return it->second;
  }
  bool synthetic = false;
  for (const std::string& f : files) {
    if (f == path || synthetic) continue;
    GdalErrorCapture quiet;  // an unreadable tile is the read's problem, reported there
    DatasetPtr member(GDALOpenEx(f.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY, nullptr, nullptr, nullptr));
    if (!member) continue;
    synthetic = flaggedSynthetic(member.get());
    GDALDriverH drv = GDALGetDatasetDriver(member.get());
    if (!synthetic && depth < 4 && drv && std::string_view(GDALGetDriverShortName(drv)) == "VRT")
      synthetic = anyMemberSynthetic(member.get(), f, depth + 1);
  }
  std::lock_guard lock(mutex);
  known[id] = synthetic;
  return synthetic;
}

}  // namespace

std::string sourceIdentity(const SourceRaster& src) { return identityOf(filesOf(src.ds.get()), src.path); }

SourceRaster openSourceRaster(const std::string& path, bool requireGeoref) {
  ensureGdal();
  std::error_code ec;
  // GDAL also opens /vsi paths and connection strings; only plain paths can be checked first.
  if (path.rfind("/vsi", 0) != 0 && !std::filesystem::exists(path, ec)) throw Error(path, "file not found");
  GdalErrorCapture capture;
  SourceRaster src;
  src.path = path;
  {
    // Lets GTiff (and COG) decode compressed blocks on all cores: a DEM read is then faster than a
    // plain single-threaded RasterIO. Thread-local, so other threads keep their settings.
    const std::string previous = CPLGetThreadLocalConfigOption("GDAL_NUM_THREADS", "");
    CPLSetThreadLocalConfigOption("GDAL_NUM_THREADS", "ALL_CPUS");
    src.ds.reset(GDALOpenEx(path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY | GDAL_OF_VERBOSE_ERROR, nullptr, nullptr,
                            nullptr));
    CPLSetThreadLocalConfigOption("GDAL_NUM_THREADS", previous.empty() ? nullptr : previous.c_str());
  }
  if (!src.ds) throw Error(path, "not a raster GDAL can read" + capture.suffix());
  src.width = GDALGetRasterXSize(src.ds.get());
  src.height = GDALGetRasterYSize(src.ds.get());
  src.bands = GDALGetRasterCount(src.ds.get());
  if (src.bands < 1 || src.width < 1 || src.height < 1) throw Error(path, "has no raster bands (is it a vector file?)");
  src.synthetic = flaggedSynthetic(src.ds.get());
  if (GDALDriverH drv = GDALGetDatasetDriver(src.ds.get());
      !src.synthetic && drv && std::string_view(GDALGetDriverShortName(drv)) == "VRT")
    src.synthetic = anyMemberSynthetic(src.ds.get(), path, 0);
  src.srs = GDALGetSpatialRef(src.ds.get());
  if (!requireGeoref) {
    GDALGetGeoTransform(src.ds.get(), src.gt);
    return src;
  }
  if (GDALGetGeoTransform(src.ds.get(), src.gt) != CE_None)
    throw Error(path, "has no georeferencing (no geotransform); cannot place it on the map");
  if (!src.srs) throw Error(path, "has no CRS; cannot place it on the map");
  if (OSRIsLocal(src.srs) || (!OSRIsProjected(src.srs) && !OSRIsGeographic(src.srs)))
    throw Error(path, "unknown CRS \"" + shortCrsName(src.srs) + "\" (neither geographic nor projected)");
  return src;
}

bool footprintIn(const SourceRaster& src, OGRSpatialReferenceH srs, ProjectedExtent& out) {
  // Already in that CRS (the common case of data prepared for the scene): no PROJ pipeline,
  // whose set-up costs more than reading a small raster.
  if (src.northUp() && OSRIsSame(src.srs, srs)) {
    out = src.bounds();
    return true;
  }
  SrsPtr from = cloneSrs(src.srs);
  GdalErrorCapture quiet;
  TransformPtr ct(OCTNewCoordinateTransformation(from.get(), srs));
  if (!ct) return false;
  const ProjectedExtent b = src.bounds();
  return OCTTransformBounds(ct.get(), b.west, b.south, b.east, b.north, &out.west, &out.south, &out.east, &out.north,
                            21) != 0;
}

void requireOverlap(const SourceRaster& src, OGRSpatialReferenceH targetSrs, const GridSpec& target) {
  ProjectedExtent fp;
  if (!footprintIn(src, targetSrs, fp)) return;  // let the warper decide; PROJ may still manage per point
  if (fp.east <= target.originX || fp.west >= target.east() || fp.north <= target.south() ||
      fp.south >= target.originY) {
    const ProjectedExtent b = src.bounds();
    char buf[256];
    std::snprintf(buf, sizeof buf, "does not overlap the scene extent (the raster covers x %.6g..%.6g, y %.6g..%.6g in %s)",
                  b.west, b.east, b.south, b.north, shortCrsName(src.srs).c_str());
    throw Error(src.path, buf);
  }
}

double nativeCellSizeIn(const SourceRaster& src, OGRSpatialReferenceH srs) {
  SrsPtr from = cloneSrs(src.srs);
  GdalErrorCapture quiet;
  TransformPtr ct(OCTNewCoordinateTransformation(from.get(), srs));
  const double cx = src.width * 0.5, cy = src.height * 0.5;
  double x[3], y[3];
  const double px[3] = {cx, cx + 1, cx}, py[3] = {cy, cy, cy + 1};
  for (int i = 0; i < 3; ++i) {
    x[i] = src.gt[0] + px[i] * src.gt[1] + py[i] * src.gt[2];
    y[i] = src.gt[3] + px[i] * src.gt[4] + py[i] * src.gt[5];
  }
  int ok[3] = {0, 0, 0};
  if (!ct || !OCTTransformEx(ct.get(), 3, x, y, nullptr, ok) || !ok[0] || !ok[1] || !ok[2])
    throw Error(src.path, "cannot transform its grid into the scene CRS" + quiet.suffix());
  const double dx = std::hypot(x[1] - x[0], y[1] - y[0]), dy = std::hypot(x[2] - x[0], y[2] - y[0]);
  return std::sqrt(dx * dy);
}

bool alignedWith(const SourceRaster& src, OGRSpatialReferenceH targetSrs, const GridSpec& target, int& colOff,
                 int& rowOff) {
  if (!src.northUp() || !OSRIsSame(src.srs, targetSrs)) return false;
  const double cell = target.cellSize, tol = 1e-9 * cell;
  if (std::abs(src.gt[1] - cell) > tol || std::abs(-src.gt[5] - cell) > tol) return false;
  const double c = (target.originX - src.gt[0]) / cell, r = (src.gt[3] - target.originY) / cell;
  if (std::abs(c - std::round(c)) > 1e-6 || std::abs(r - std::round(r)) > 1e-6) return false;
  colOff = static_cast<int>(std::lround(c));
  rowOff = static_cast<int>(std::lround(r));
  return true;
}

DatasetPtr memDatasetOver(void* data, GDALDataType type, int bands, const GridSpec& grid, OGRSpatialReferenceH srs) {
  GDALDriverH mem = GDALGetDriverByName("MEM");
  DatasetPtr ds(GDALCreate(mem, "", grid.width, grid.height, 0, type, nullptr));
  if (!ds) throw internalError("MEM", "cannot create an in-memory raster");
  const int typeBytes = GDALGetDataTypeSizeBytes(type);
  const GIntBig pixelStride = static_cast<GIntBig>(typeBytes) * bands;
  for (int b = 0; b < bands; ++b) {
    char ptr[64] = {};
    CPLPrintPointer(ptr, static_cast<char*>(data) + static_cast<size_t>(b) * typeBytes, sizeof ptr - 1);
    CPLStringList opts;
    opts.SetNameValue("DATAPOINTER", ptr);
    opts.SetNameValue("PIXELOFFSET", CPLSPrintf(CPL_FRMT_GIB, pixelStride));
    opts.SetNameValue("LINEOFFSET", CPLSPrintf(CPL_FRMT_GIB, pixelStride * grid.width));
    if (GDALAddBand(ds.get(), type, opts.List()) != CE_None) throw internalError("MEM", "cannot add a band");
  }
  double gt[6] = {grid.originX, grid.cellSize, 0, grid.originY, 0, -grid.cellSize};
  GDALSetGeoTransform(ds.get(), gt);
  GDALSetSpatialRef(ds.get(), srs);
  return ds;
}

GridSpec snappedGrid(const std::string& crs, const ProjectedExtent& e, double cell, double phaseX, double phaseY) {
  GridSpec g;
  g.crs = crs;
  g.cellSize = cell;
  // A hair of tolerance so that an extent already on the grid does not grow by a cell.
  const double eps = 1e-7;
  const double w = std::floor((e.west - phaseX) / cell + eps) * cell + phaseX;
  const double east = std::ceil((e.east - phaseX) / cell - eps) * cell + phaseX;
  const double s = std::floor((e.south - phaseY) / cell + eps) * cell + phaseY;
  const double n = std::ceil((e.north - phaseY) / cell - eps) * cell + phaseY;
  g.originX = w;
  g.originY = n;
  g.width = std::max(1, static_cast<int>(std::lround((east - w) / cell)));
  g.height = std::max(1, static_cast<int>(std::lround((n - s) / cell)));
  return g;
}

}  // namespace tb::geo
