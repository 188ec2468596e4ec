// Coordinate transforms through PROJ (OGRCoordinateTransformation), always in traditional
// GIS axis order: x = longitude/easting, y = latitude/northing.
#pragma once
#include <memory>
#include <string>

#include <glm/glm.hpp>

namespace tb::geo {

// "EPSG:326zz" / "EPSG:327zz" for the UTM zone containing (lon, lat).
std::string utmCrsFor(double lonDeg, double latDeg);

// Throws tb::Error(subject, "unknown CRS ...") when `crs` is not understood by PROJ.
void validateCrs(const std::string& crs, const std::string& subject);

// True when `crs` is a projected CRS measured in metres (what a scene needs). Additive (geo).
bool isProjectedMetres(const std::string& crs);

// Short display name (EPSG:xxxx + name) of a CRS string.
std::string crsDisplayName(const std::string& crs);

class CrsTransform {
 public:
  CrsTransform(const std::string& fromCrs, const std::string& toCrs);  // throws tb::Error
  ~CrsTransform();
  CrsTransform(CrsTransform&&) noexcept;
  CrsTransform& operator=(CrsTransform&&) noexcept;

  glm::dvec2 forward(glm::dvec2 p) const;  // throws tb::Error if the point cannot be transformed
  glm::dvec2 inverse(glm::dvec2 p) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Convenience: WGS84 lon/lat <-> a projected CRS.
class GeoProjection {
 public:
  explicit GeoProjection(const std::string& projectedCrs);
  glm::dvec2 toProjected(double lonDeg, double latDeg) const;
  glm::dvec2 toLonLat(glm::dvec2 projected) const;  // x = lon, y = lat
  const std::string& crs() const { return crs_; }

 private:
  std::string crs_;
  CrsTransform fwd_;
};

}  // namespace tb::geo
