// Elevation profile along a polyline, sampled at the DEM's native resolution (never the rendered
// level of detail), with its summary figures and a CSV export. No GL.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include <glm/glm.hpp>

namespace tb::analysis {

class Elevation;

struct ProfileSample {
  double distance = 0;            // metres along the path (geodesic per leg)
  glm::dvec2 local{0.0};
  glm::dvec2 lonLat{0.0};         // x = lon, y = lat
  std::optional<double> height;   // nothing on nodata
};

struct Profile {
  std::vector<ProfileSample> samples;  // first and last are the path's ends; each vertex is a sample
  double length = 0;                   // metres
  double spacing = 0;                  // the step used (the native cell unless asked otherwise)
  std::optional<double> minHeight, maxHeight;
  double ascent = 0, descent = 0;      // sums of rises and drops between consecutive samples
  double maxSlope = 0, meanSlope = 0;  // |dz/ddistance| between consecutive samples (ratio, 0.1 = 10 %)
  std::size_t missing = 0;             // samples without data
};

// Throws tb::Error("path", ...) for fewer than two points or zero length, and ("point N", ...)
// for a vertex outside the data. spacing <= 0: the DEM's native cell.
Profile elevationProfile(const Elevation& elevation, const std::vector<glm::dvec2>& localPath, double spacing = 0);

// distance_m,lon,lat,x,y,height_m (empty where no data); written atomically (throws tb::Error).
void writeProfileCsv(const Profile& profile, const std::string& path);

}  // namespace tb::analysis
