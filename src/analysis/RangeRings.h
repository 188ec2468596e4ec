// Range rings: geodesic circles (GeographicLib Direct) at given radii around a point, labelled,
// returned in the local frame for draping. No GL.
#pragma once
#include <string>
#include <vector>

#include <glm/glm.hpp>

namespace tb::scene {
struct Site;
}

namespace tb::analysis {

class Elevation;

struct RangeRing {
  double radius = 0;               // metres
  std::vector<glm::dvec2> points;  // local xy, closed (last == first)
  std::string label;               // "17 km", "850 m"
  glm::dvec2 labelAt{0.0};         // local xy: where the ring crosses true north of the centre, or
                                   // the first of NE, NW, E, W, SE, SW, S on the data when that is not
};

// "17 km", "2.5 km", "850 m".
std::string formatDistance(double metres);

// Vertices every degree of azimuth, more where a chord would exceed 100 m. Labels say the site
// the rings are around when one is named ("17 km from Kyongsong Castle"). Throws
// tb::Error("radius", ...) for radii that are not positive.
std::vector<RangeRing> rangeRings(const Elevation& elevation, glm::dvec2 centreLocal, const std::vector<double>& radii,
                                  const std::string& siteName = {});

// The centre of range rings around a site: a point site's own position (lon/lat). A line or an
// area has no one position and a note none at all: tb::Error(site name, why) — never a made-up centre.
glm::dvec2 ringCentreOf(const scene::Site& site);

}  // namespace tb::analysis
