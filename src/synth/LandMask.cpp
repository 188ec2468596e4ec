// Land/sea mask from the shoreline polygons: OGR reads, PROJ projects, our own scan fill rasterizes
// (a few hundred edges over a few thousand rows: cheaper than setting up GDALRasterizeGeometries).
#include "synth/LandMask.h"

#include <algorithm>
#include <cmath>

#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include "core/Error.h"
#include "synth/ParallelRows.h"

namespace tb::synth {

struct LonLatProjector::Impl {
  OGRSpatialReference geographic, projected;
  std::unique_ptr<OGRCoordinateTransformation> transform;
};

LonLatProjector::LonLatProjector(const std::string& crs) : impl_(std::make_unique<Impl>()) {
  impl_->geographic.SetWellKnownGeogCS("WGS84");
  impl_->geographic.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  CPLPushErrorHandler(CPLQuietErrorHandler);
  const OGRErr err = impl_->projected.SetFromUserInput(crs.c_str());
  CPLPopErrorHandler();
  if (err != OGRERR_NONE) throw Error(crs, "unknown CRS");
  impl_->projected.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  impl_->transform.reset(OGRCreateCoordinateTransformation(&impl_->geographic, &impl_->projected));
  if (!impl_->transform) throw Error(crs, "no transformation from WGS84 to this CRS");
}

LonLatProjector::~LonLatProjector() = default;

glm::dvec2 LonLatProjector::project(double lonDeg, double latDeg) const {
  double x = lonDeg, y = latDeg;
  if (!impl_->transform->Transform(1, &x, &y)) {
    throw Error("synth", "cannot project lon/lat " + std::to_string(lonDeg) + "," + std::to_string(latDeg));
  }
  return {x, y};
}

namespace {

void collectRings(const OGRGeometry* g, std::vector<std::vector<glm::dvec2>>& out) {
  if (!g) return;
  const auto type = wkbFlatten(g->getGeometryType());
  if (type == wkbPolygon) {
    const auto* poly = g->toPolygon();
    for (const auto* ring : *poly) {
      std::vector<glm::dvec2> pts;
      for (int i = 0; i < ring->getNumPoints(); ++i) pts.push_back({ring->getX(i), ring->getY(i)});
      if (pts.size() >= 4) out.push_back(std::move(pts));
    }
  } else if (type == wkbMultiPolygon || type == wkbGeometryCollection) {
    for (const auto* part : *g->toGeometryCollection()) collectRings(part, out);
  }
}

}  // namespace

std::vector<Ring> readLandRings(const std::string& path, const LonLatProjector& projector, double marginDeg) {
  GDALAllRegister();
  CPLPushErrorHandler(CPLQuietErrorHandler);
  std::unique_ptr<GDALDataset> ds(
      static_cast<GDALDataset*>(GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr)));
  CPLPopErrorHandler();
  if (!ds) throw Error(path, "cannot open as a vector file (land polygons expected)");
  std::vector<std::vector<glm::dvec2>> lonLat;
  for (auto* layer : ds->GetLayers()) {
    layer->ResetReading();
    for (auto& feature : *layer) collectRings(feature->GetGeometryRef(), lonLat);
  }
  if (lonLat.empty()) throw Error(path, "no polygon found (land polygons expected)");

  double minX = 1e9, maxX = -1e9, minY = 1e9, maxY = -1e9;
  for (const auto& r : lonLat)
    for (const auto& p : r) {
      if (p.x < -180 || p.x > 360 || p.y < -90 || p.y > 90) throw Error(path, "coordinates are not lon/lat degrees");
      minX = std::min(minX, p.x), maxX = std::max(maxX, p.x), minY = std::min(minY, p.y), maxY = std::max(maxY, p.y);
    }
  const double eps = 1e-7;
  std::vector<Ring> rings;
  for (auto& r : lonLat) {
    for (auto& p : r) {
      if (std::fabs(p.x - minX) < eps) p.x -= marginDeg;
      if (std::fabs(p.x - maxX) < eps) p.x += marginDeg;
      if (std::fabs(p.y - minY) < eps) p.y -= marginDeg;
      if (std::fabs(p.y - maxY) < eps) p.y += marginDeg;
    }
    Ring out;
    for (size_t i = 0; i + 1 < r.size(); ++i) {
      const glm::dvec2 a = r[i], b = r[i + 1];
      const int steps = std::max(1, static_cast<int>(std::ceil(glm::length(b - a) / 0.01)));
      for (int s = 0; s < steps; ++s) {
        const glm::dvec2 p = a + (b - a) * (static_cast<double>(s) / steps);
        out.push_back(projector.project(p.x, p.y));
      }
    }
    rings.push_back(std::move(out));
  }
  return rings;
}

std::vector<std::uint8_t> rasterizeRings(const std::vector<Ring>& rings, const geo::GridSpec& grid, int threads) {
  std::vector<std::uint8_t> mask(static_cast<size_t>(grid.width) * grid.height, 0);
  parallelRows(grid.height, threads, [&](int r0, int r1) {
    std::vector<double> xs;
    for (int row = r0; row < r1; ++row) {
      const double y = grid.centreY(row);
      xs.clear();
      for (const auto& ring : rings) {
        const size_t n = ring.size();
        for (size_t i = 0; i < n; ++i) {
          const glm::dvec2 a = ring[i], b = ring[(i + 1) % n];
          // Half-open rule: a vertex exactly on the scan line is counted once.
          if ((a.y <= y) != (b.y <= y)) xs.push_back(a.x + (y - a.y) * (b.x - a.x) / (b.y - a.y));
        }
      }
      std::sort(xs.begin(), xs.end());
      std::uint8_t* out = mask.data() + static_cast<size_t>(row) * grid.width;
      for (size_t k = 0; k + 1 < xs.size(); k += 2) {
        const int c0 = std::max(0, static_cast<int>(std::ceil((xs[k] - grid.originX) / grid.cellSize - 0.5)));
        const int c1 = std::min(grid.width - 1, static_cast<int>(std::floor((xs[k + 1] - grid.originX) / grid.cellSize - 0.5)));
        for (int c = c0; c <= c1; ++c) out[c] = 1;
      }
    }
  });
  return mask;
}

}  // namespace tb::synth
