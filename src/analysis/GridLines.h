// Reference grids over the data's extent, as polylines in the local frame for draping: a
// graticule (degrees / minutes, spacing from the view's size) and a UTM/MGRS grid (100 m to 100 km).
#pragma once
#include <string>
#include <vector>

#include <glm/glm.hpp>

namespace tb::analysis {

class Elevation;

struct GridLine {
  // Local xy, densified so the curve stays true when draped; from south to north (meridians,
  // easting lines) or west to east, so a renderer walking from the start finds the view's
  // bottom or left edge first and labels the line there.
  std::vector<glm::dvec2> points;
  std::string label;  // "41°35′N", "129°36′E", "52T 5" + easting/northing digits
  bool meridian = false;           // graticule: meridian (else parallel); UTM: easting line (else northing)
};

struct GridLines {
  std::vector<GridLine> lines;
  double spacing = 0;        // degrees for a graticule, metres for UTM
  std::string spacingLabel;  // "1′", "5′", "1°", "100 m", "2 km", "10 km"
};

// A graticule step with about 4-10 meridians across `viewSizeMetres` at `latitudeDeg` (where
// they are cos(latitude) closer than the parallels), from 1°, 30′, 15′, 10′, 5′, 2′, 1′, 30″...
double graticuleSpacingFor(double viewSizeMetres, double latitudeDeg = 0.0);  // degrees
// 4-10 lines across `viewSizeMetres`: every 1st, 2nd or 5th line of the 100 m / 1 km / 10 km /
// 100 km grids (100, 200, 500 m ... 100 km).
double utmSpacingFor(double viewSizeMetres);

// Lines over the box [lo, hi] (local xy; clipped to it).
GridLines graticuleLines(const Elevation& elevation, glm::dvec2 lo, glm::dvec2 hi, double spacingDeg);
GridLines utmGridLines(const Elevation& elevation, glm::dvec2 lo, glm::dvec2 hi, double spacingMetres);

}  // namespace tb::analysis
