// Geodesics on WGS 84 through GeographicLib (Karney's algorithms, accurate to nanometres), and the
// measuring tool's figures for a list of points on the terrain. No GL.
#pragma once
#include <optional>
#include <vector>

#include <glm/glm.hpp>

namespace tb::analysis {

class Elevation;

struct GeodesicLeg {
  double distance = 0;  // metres along the ellipsoid
  double azimuth1 = 0;  // degrees clockwise from true north at the start, [0, 360)
  double azimuth2 = 0;  // forward azimuth at the end, [0, 360)
};

// lonLat: x = longitude, y = latitude, degrees.
GeodesicLeg geodesicInverse(glm::dvec2 lonLat1, glm::dvec2 lonLat2);
glm::dvec2 geodesicDirect(glm::dvec2 lonLat, double azimuthDeg, double distance);
// Area (m², positive) of the geodesic polygon through the points (closed implicitly).
double geodesicPolygonArea(const std::vector<glm::dvec2>& lonLat);
// Straight-line distance between two points given as lon/lat plus height above the ellipsoid (m).
double slantDistance(glm::dvec3 lonLatH1, glm::dvec3 lonLatH2);
// Bearing measured from grid north (local +y) given the true bearing and World::trueNorthBearing
// (degrees clockwise from grid north to true north) at that point; in [0, 360).
double gridBearing(double trueBearingDeg, double trueNorthBearingDeg);

struct MeasureLeg {
  double horizontal = 0;   // geodesic distance on the ellipsoid
  double surface = 0;      // along the terrain, sampled at the DEM's native cell
  double slant = 0;        // straight line between the two terrain points
  double heightDelta = 0;  // end - start
  double trueBearing = 0;  // at the start, degrees [0, 360)
  double gridBearing = 0;
};

struct Measurement {
  std::vector<glm::dvec3> points;  // local xy + terrain height
  std::vector<glm::dvec2> lonLat;
  std::vector<MeasureLeg> legs;    // one per consecutive pair (plus the closing one when closed)
  double horizontal = 0, surface = 0, slant = 0;  // sums over the legs
  double heightDelta = 0;                         // last point - first point
  std::optional<double> area;                     // m², when closed with at least three points
  bool closed = false;
};

// Throws tb::Error("point N", ...) when a point lies outside the data or on nodata, and
// ("points", ...) with fewer than two points.
Measurement measure(const Elevation& elevation, const std::vector<glm::dvec2>& localPoints, bool closed = false);

}  // namespace tb::analysis
