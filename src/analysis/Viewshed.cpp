// Viewshed through GDAL's GDALViewshedGenerate on an in-memory copy of the native heights (see
// Viewshed.h). GDAL does the sight lines; this file reads the heights, masks radius, sector and
// nodata, and writes the GeoTIFF.
#include "analysis/Viewshed.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>
#include <cpl_conv.h>
#include <gdal_alg.h>

#include "analysis/Elevation.h"
#include "analysis/LineOfSight.h"
#include "core/AtomicFile.h"
#include "core/Error.h"
#include "geo/GdalSession.h"
#include "world/World.h"

namespace tb::analysis {
namespace {

constexpr double kNodataFill = -20000.0;  // below any terrain: a hole in the data never hides what lies behind it

// Clockwise from `from` to `to` (degrees), the ends included.
bool inSector(double az, double from, double to) {
  auto wrap = [](double d) { return d - 360.0 * std::floor(d / 360.0); };
  const double span = wrap(to - from);
  return span == 0.0 ? true : wrap(az - from) <= span;
}

}  // namespace

ViewshedSetup prepareViewshed(const Elevation& elevation, glm::dvec2 observer, const ViewshedOptions& o) {
  if (!(o.observerHeight >= 0)) throw Error("observer height", "must be 0 or more metres above the ground");
  if (!(o.targetHeight >= 0)) throw Error("target height", "must be 0 or more metres above the ground");
  if (!(o.radius > 0) || !std::isfinite(o.radius)) throw Error("radius", "must be a positive number of metres");
  if (!(o.refraction >= 0 && o.refraction < 1)) throw Error("refraction", "must be in [0, 1)");
  if (o.azimuthFrom.has_value() != o.azimuthTo.has_value())
    throw Error("sector", "needs both a start and an end azimuth");
  const std::optional<double> ground = elevation.heightAt(observer);
  if (!ground)
    throw Error("observer",
                elevation.contains(observer) ? "has no height data (nodata)" : "lies outside the terrain data");
  const glm::dvec2 lo = elevation.dataLo(), hi = elevation.dataHi();
  const double reach = std::max({observer.x - lo.x, hi.x - observer.x, observer.y - lo.y, hi.y - observer.y});
  if (o.radius > std::hypot(reach, reach))
    throw Error("radius", fmt::format("{:.0f} m reaches beyond the terrain data on every side", o.radius));
  const world::World& world = elevation.world();
  if (!world.projection) throw internalError("viewshed", "the world has no CRS");
  ViewshedSetup s;
  s.observer = observer;
  s.options = o;
  s.ground = *ground;
  s.northBearing = o.azimuthFrom ? world.trueNorthBearing(observer) : 0.0;
  s.crs = world.projection->crs();
  return s;
}

Viewshed computeViewshed(const Elevation& elevation, glm::dvec2 observer, const ViewshedOptions& o) {
  return runViewshed(elevation, prepareViewshed(elevation, observer, o));
}

Viewshed runViewshed(const Elevation& elevation, const ViewshedSetup& setup, const std::atomic<bool>* cancel) {
  const glm::dvec2 observer = setup.observer;
  const ViewshedOptions& o = setup.options;
  const std::optional<double> ground = setup.ground;
  const glm::dvec2 lo = elevation.dataLo(), hi = elevation.dataHi();
  auto checkCancel = [&] {
    if (cancel && cancel->load()) throw Error("viewshed", "cancelled");
  };
  HeightWindow w = elevation.readWindow(glm::max(observer - o.radius, lo), glm::min(observer + o.radius, hi), o.cell);
  checkCancel();
  std::vector<std::uint8_t> nodata(w.heights.size(), 0);
  for (std::size_t i = 0; i < w.heights.size(); ++i)
    if (std::isnan(w.heights[i])) nodata[i] = 1, w.heights[i] = static_cast<float>(kNodataFill);

  // GDAL 3.6 projects the horizon for the cells next to the observer from the observer's own DEM
  // cell, not from its eye: on a summit every neighbour lies below that cell and is marked hidden,
  // and the shadow spreads over everything beyond. Lowering the observer's cell (and raising the
  // eye height handed in by as much) lets the neighbours be judged against the eye, as they must.
  const int oc = static_cast<int>(std::floor((observer.x - w.westEdge) / w.cell));
  const int orow = static_cast<int>(std::floor((w.northEdge - observer.y) / w.cell));
  if (oc < 0 || orow < 0 || oc >= w.width || orow >= w.height)
    throw internalError("viewshed", "observer outside its window");
  const double eye = *ground + o.observerHeight;
  w.heights[static_cast<std::size_t>(orow) * w.width + oc] = static_cast<float>(kNodataFill);

  geo::ensureGdal();
  geo::GdalErrorCapture errors;
  GDALDriverH mem = GDALGetDriverByName("MEM");
  geo::DatasetPtr dem(GDALCreate(mem, "", w.width, w.height, 1, GDT_Float32, nullptr));
  if (!dem) throw internalError("viewshed", "cannot create an in-memory raster" + errors.suffix());
  double gt[6] = {w.westEdge, w.cell, 0, w.northEdge, 0, -w.cell};
  GDALSetGeoTransform(dem.get(), gt);
  // GDAL 3.6 bends sight lines over the earth only when the raster has a CRS on a WGS 84-sized
  // ellipsoid (it takes the sphere from the CRS): without one, curvature is silently ignored.
  geo::SrsPtr srs = geo::makeSrs(setup.crs);
  if (!srs) throw internalError("viewshed", "cannot read the scene's CRS " + setup.crs);
  GDALSetSpatialRef(dem.get(), srs.get());
  GDALRasterBandH band = GDALGetRasterBand(dem.get(), 1);
  if (GDALRasterIO(band, GF_Write, 0, 0, w.width, w.height, w.heights.data(), w.width, w.height, GDT_Float32, 0, 0) !=
      CE_None)
    throw internalError("viewshed", "cannot fill the in-memory raster" + errors.suffix());
  // GDAL lowers each cell by curvCoeff * d² / (2 a): with curvCoeff = 1 - k that is a sphere of
  // radius a / (1 - k), the usual refraction model.
  const double curvCoeff = o.curvature ? 1.0 - o.refraction : 0.0;
  constexpr double kOutside = 0, kHidden = 1, kVisible = 2;
  checkCancel();
  // GDAL asks its progress callback as it goes: answering FALSE stops it (a superseded request).
  GDALProgressFunc progress = [](double, const char*, void* flag) -> int {
    return flag && static_cast<const std::atomic<bool>*>(flag)->load() ? FALSE : TRUE;
  };
  geo::DatasetPtr out(GDALViewshedGenerate(band, "MEM", "", nullptr, observer.x, observer.y, eye - kNodataFill,
                                           o.targetHeight, kVisible, kHidden, kOutside, kOutside, curvCoeff, GVM_Edge,
                                           o.radius, progress, const_cast<std::atomic<bool>*>(cancel), GVOT_NORMAL,
                                           nullptr));
  checkCancel();
  if (!out) throw internalError("viewshed", "GDAL's viewshed failed" + errors.suffix());
  const int ow = GDALGetRasterXSize(out.get()), oh = GDALGetRasterYSize(out.get());
  double ogt[6];
  GDALGetGeoTransform(out.get(), ogt);
  std::vector<std::uint8_t> vis(static_cast<std::size_t>(ow) * oh);
  if (GDALRasterIO(GDALGetRasterBand(out.get(), 1), GF_Read, 0, 0, ow, oh, vis.data(), ow, oh, GDT_Byte, 0, 0) !=
      CE_None)
    throw internalError("viewshed", "cannot read GDAL's viewshed" + errors.suffix());

  Viewshed v;
  v.observer = {observer, *ground + o.observerHeight};
  v.options = o;
  v.cell = w.cell;
  v.westEdge = w.westEdge;
  v.northEdge = w.northEdge;
  v.width = w.width;
  v.height = w.height;
  v.cells.assign(static_cast<std::size_t>(w.width) * w.height, Visibility::Outside);
  // GDAL may return a sub-window of the input (the box within range): place it by its geotransform.
  const int dc = static_cast<int>(std::lround((ogt[0] - w.westEdge) / w.cell));
  const int dr = static_cast<int>(std::lround((w.northEdge - ogt[3]) / w.cell));
  const bool sector = o.azimuthFrom.has_value();
  const double northBearing = setup.northBearing;
  const double radius2 = o.radius * o.radius;
  for (int r = 0; r < oh; ++r)
    for (int c = 0; c < ow; ++c) {
      const int vc = c + dc, vr = r + dr;
      if (vc < 0 || vr < 0 || vc >= w.width || vr >= w.height) continue;
      const std::size_t i = static_cast<std::size_t>(vr) * w.width + vc;
      const std::uint8_t value = vis[static_cast<std::size_t>(r) * ow + c];
      if (nodata[i] || value == kOutside) continue;
      const glm::dvec2 d = v.centre(vc, vr) - observer;
      const double d2 = glm::dot(d, d);
      if (d2 > radius2) continue;
      if (sector && d2 > 0) {
        const double trueAz = glm::degrees(std::atan2(d.x, d.y)) - northBearing;
        if (!inSector(trueAz, *o.azimuthFrom, *o.azimuthTo)) continue;
      }
      const bool visible = value == kVisible;
      v.cells[i] = visible ? Visibility::Visible : Visibility::Hidden;
      ++(visible ? v.visibleCount : v.hiddenCount);
    }
  return v;
}

void writeViewshedGeoTiff(const Viewshed& v, const Elevation& elevation, const std::string& path) {
  checkWritableOutput(path);
  AtomicFile file(path);
  geo::ensureGdal();
  geo::GdalErrorCapture errors;
  const char* options[] = {"COMPRESS=DEFLATE", "TILED=YES", nullptr};
  geo::DatasetPtr ds(GDALCreate(GDALGetDriverByName("GTiff"), file.tempPath().c_str(), v.width, v.height, 1, GDT_Byte,
                                const_cast<char**>(options)));
  if (!ds) throw Error(path, "cannot be created" + errors.suffix());
  const world::World& world = elevation.world();
  double gt[6] = {v.westEdge + world.originProjected.x, v.cell, 0, v.northEdge + world.originProjected.y, 0, -v.cell};
  GDALSetGeoTransform(ds.get(), gt);
  if (world.projection) {
    geo::SrsPtr srs = geo::makeSrs(world.projection->crs());
    char* wkt = nullptr;
    if (srs && OSRExportToWkt(srs.get(), &wkt) == OGRERR_NONE) GDALSetProjection(ds.get(), wkt);
    CPLFree(wkt);
  }
  GDALRasterBandH band = GDALGetRasterBand(ds.get(), 1);
  GDALSetRasterNoDataValue(band, 0);
  GDALSetDescription(band, "visibility: 1 hidden, 2 visible, 0 outside radius/sector/data");
  std::vector<std::uint8_t> bytes(v.cells.size());
  std::transform(v.cells.begin(), v.cells.end(), bytes.begin(),
                 [](Visibility x) { return static_cast<std::uint8_t>(x); });
  if (GDALRasterIO(band, GF_Write, 0, 0, v.width, v.height, bytes.data(), v.width, v.height, GDT_Byte, 0, 0) != CE_None)
    throw Error(path, "cannot be written" + errors.suffix());
  ds.reset();  // flushes
  if (errors.failed()) throw Error(path, "cannot be written" + errors.suffix());
  file.commit();
}

}  // namespace tb::analysis
