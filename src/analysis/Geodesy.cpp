// Geodesics through GeographicLib and the measuring tool's figures (see Geodesy.h).
#include "analysis/Geodesy.h"

#include <cmath>

#include <GeographicLib/Geocentric.hpp>
#include <GeographicLib/Geodesic.hpp>
#include <GeographicLib/PolygonArea.hpp>
#include <fmt/format.h>

#include "analysis/Elevation.h"
#include "core/Error.h"
#include "world/World.h"

namespace tb::analysis {
namespace {

double wrap360(double deg) {
  double d = std::fmod(deg, 360.0);
  if (d < 0) d += 360.0;
  return d >= 360.0 ? 0.0 : d;
}

// Length along the terrain between two local points: the straight leg sampled at the native cell,
// each step's horizontal length scaled to the geodesic (the projection's scale factor).
double surfaceLength(const Elevation& elevation, glm::dvec2 a, glm::dvec2 b, double geodesic) {
  const double flat = glm::length(b - a);
  if (flat <= 0) return 0;
  const int steps = std::max(1, static_cast<int>(std::ceil(flat / elevation.nativeCellSize())));
  const double scale = geodesic / flat;
  double sum = 0, carried = 0;  // carried: horizontal distance since the last sample with data
  std::optional<double> last = elevation.heightAt(a);
  for (int i = 1; i <= steps; ++i) {
    const double step = flat / steps * scale;
    const std::optional<double> h = elevation.heightAt(a + (b - a) * (static_cast<double>(i) / steps));
    carried += step;
    if (!h) continue;  // nodata: bridge to the next sample with data
    sum += last ? std::hypot(carried, *h - *last) : carried;
    last = h;
    carried = 0;
  }
  return sum + carried;
}

}  // namespace

GeodesicLeg geodesicInverse(glm::dvec2 a, glm::dvec2 b) {
  GeodesicLeg leg;
  GeographicLib::Geodesic::WGS84().Inverse(a.y, a.x, b.y, b.x, leg.distance, leg.azimuth1, leg.azimuth2);
  leg.azimuth1 = wrap360(leg.azimuth1);
  leg.azimuth2 = wrap360(leg.azimuth2);
  return leg;
}

glm::dvec2 geodesicDirect(glm::dvec2 lonLat, double azimuthDeg, double distance) {
  double lat2 = 0, lon2 = 0;
  GeographicLib::Geodesic::WGS84().Direct(lonLat.y, lonLat.x, azimuthDeg, distance, lat2, lon2);
  return {lon2, lat2};
}

double geodesicPolygonArea(const std::vector<glm::dvec2>& lonLat) {
  GeographicLib::PolygonArea poly(GeographicLib::Geodesic::WGS84());
  for (const glm::dvec2& p : lonLat) poly.AddPoint(p.y, p.x);
  double perimeter = 0, area = 0;
  poly.Compute(false, true, perimeter, area);  // signed by orientation: report the magnitude
  return std::abs(area);
}

double slantDistance(glm::dvec3 a, glm::dvec3 b) {
  const auto& g = GeographicLib::Geocentric::WGS84();
  double ax, ay, az, bx, by, bz;
  g.Forward(a.y, a.x, a.z, ax, ay, az);
  g.Forward(b.y, b.x, b.z, bx, by, bz);
  return std::sqrt((ax - bx) * (ax - bx) + (ay - by) * (ay - by) + (az - bz) * (az - bz));
}

double gridBearing(double trueBearingDeg, double trueNorthBearingDeg) {
  // True north points trueNorthBearing clockwise of grid north, so every direction does too.
  return wrap360(trueBearingDeg + trueNorthBearingDeg);
}

Measurement measure(const Elevation& elevation, const std::vector<glm::dvec2>& localPoints, bool closed) {
  if (localPoints.size() < 2) throw Error("points", "a measurement needs at least two points");
  Measurement m;
  m.closed = closed && localPoints.size() >= 3;
  for (std::size_t i = 0; i < localPoints.size(); ++i) {
    const glm::dvec2 p = localPoints[i];
    const std::optional<double> h = elevation.heightAt(p);
    if (!h) {
      const char* why = elevation.contains(p) ? "has no height data (nodata)" : "lies outside the terrain data";
      throw Error(fmt::format("point {}", i + 1), why);
    }
    m.points.emplace_back(p, *h);
    m.lonLat.push_back(elevation.toLonLat(p));
  }
  const std::size_t n = m.points.size();
  const std::size_t legs = m.closed ? n : n - 1;
  for (std::size_t i = 0; i < legs; ++i) {
    const std::size_t j = (i + 1) % n;
    const GeodesicLeg g = geodesicInverse(m.lonLat[i], m.lonLat[j]);
    MeasureLeg leg;
    leg.horizontal = g.distance;
    leg.surface = surfaceLength(elevation, glm::dvec2(m.points[i]), glm::dvec2(m.points[j]), g.distance);
    leg.heightDelta = m.points[j].z - m.points[i].z;
    leg.slant = slantDistance({m.lonLat[i], m.points[i].z}, {m.lonLat[j], m.points[j].z});
    leg.trueBearing = g.azimuth1;
    leg.gridBearing = gridBearing(g.azimuth1, elevation.world().trueNorthBearing(glm::dvec2(m.points[i])));
    m.horizontal += leg.horizontal;
    m.surface += leg.surface;
    m.slant += leg.slant;
    m.legs.push_back(leg);
  }
  m.heightDelta = m.points.back().z - m.points.front().z;
  if (m.closed) m.area = geodesicPolygonArea(m.lonLat);
  return m;
}

}  // namespace tb::analysis
