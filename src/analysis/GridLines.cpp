// Graticule and UTM/MGRS grid lines over a box of the local frame (see GridLines.h). Lines are
// computed on the ellipsoid / in the UTM zone and carried into the scene's CRS point by point, so
// they stay true whatever the scene's projection.
#include "analysis/GridLines.h"

#include <algorithm>
#include <cmath>

#include <GeographicLib/UTMUPS.hpp>
#include <fmt/format.h>

#include "analysis/Elevation.h"
#include "core/Error.h"

namespace tb::analysis {
namespace {

constexpr double kMetresPerDegree = 111320.0;
constexpr int kSegmentsPerLine = 128;  // densify: a draped curve needs vertices, not just ends

// Keeps the runs of a densified line that lie inside [lo, hi]; each run becomes a line.
void addClipped(std::vector<GridLine>& out, const std::vector<glm::dvec2>& pts, glm::dvec2 lo, glm::dvec2 hi,
                const std::string& label, bool meridian) {
  GridLine cur;
  auto flush = [&] {
    if (cur.points.size() >= 2) {
      cur.label = label;
      cur.meridian = meridian;
      out.push_back(cur);
    }
    cur.points.clear();
  };
  // A line on the box's edge stays whole despite rounding in the transforms.
  const double eps = 1e-6 * std::max(hi.x - lo.x, hi.y - lo.y);
  for (const glm::dvec2& p : pts) {
    if (p.x >= lo.x - eps && p.x <= hi.x + eps && p.y >= lo.y - eps && p.y <= hi.y + eps)
      cur.points.push_back(p);
    else
      flush();
  }
  flush();
}

std::string angleLabel(double value, double spacingDeg, const char* pos, const char* neg) {
  const long long secs = std::llround(std::fabs(value) * 3600.0);
  const char* hemi = value < 0 ? neg : pos;
  if (spacingDeg >= 1.0 - 1e-9) return fmt::format("{}°{}", secs / 3600, hemi);
  if (spacingDeg * 60.0 >= 1.0 - 1e-9) return fmt::format("{}°{:02}′{}", secs / 3600, (secs / 60) % 60, hemi);
  return fmt::format("{}°{:02}′{:02}″{}", secs / 3600, (secs / 60) % 60, secs % 60, hemi);
}

void checkBox(glm::dvec2 lo, glm::dvec2 hi) {
  if (!(hi.x > lo.x && hi.y > lo.y)) throw Error("grid", "the box to cover is empty");
}

}  // namespace

double graticuleSpacingFor(double viewSizeMetres, double latitudeDeg) {
  const double metresPerDegree = kMetresPerDegree * std::max(0.1, std::cos(latitudeDeg * M_PI / 180.0));
  static const double steps[] = {5.0,      2.0,      1.0,      30 / 60.0,   15 / 60.0,   10 / 60.0,
                                 5 / 60.0, 2 / 60.0, 1 / 60.0, 30 / 3600.0, 15 / 3600.0, 10 / 3600.0};
  for (double s : steps)
    if (viewSizeMetres / (s * metresPerDegree) >= 4.0) return s;
  return steps[std::size(steps) - 1];
}

double utmSpacingFor(double viewSizeMetres) {
  // Every 1st, 2nd or 5th line of the 100 m, 1 km and 10 km grids (and the 100 km one): steps at
  // most 2.5x apart, so one of them always gives 4-10 lines across.
  static const double steps[] = {100000, 50000, 20000, 10000, 5000, 2000, 1000, 500, 200, 100};
  for (double s : steps)
    if (viewSizeMetres / s >= 4.0) return s;
  return steps[std::size(steps) - 1];
}

GridLines graticuleLines(const Elevation& elevation, glm::dvec2 lo, glm::dvec2 hi, double spacing) {
  checkBox(lo, hi);
  if (!(spacing > 0)) throw Error("grid", "graticule spacing must be positive");
  GridLines g;
  g.spacing = spacing;
  g.spacingLabel = spacing >= 1        ? fmt::format("{:g}°", spacing)
                   : spacing * 60 >= 1 ? fmt::format("{:g}′", std::round(spacing * 60))
                                       : fmt::format("{:g}″", std::round(spacing * 3600));
  // The box's lon/lat range from its edges (a projected box is not a lon/lat box).
  glm::dvec2 llMin(1e9), llMax(-1e9);
  for (int i = 0; i <= 16; ++i) {
    const double t = i / 16.0;
    for (glm::dvec2 p : {glm::dvec2(lo.x + (hi.x - lo.x) * t, lo.y), glm::dvec2(lo.x + (hi.x - lo.x) * t, hi.y),
                         glm::dvec2(lo.x, lo.y + (hi.y - lo.y) * t), glm::dvec2(hi.x, lo.y + (hi.y - lo.y) * t)}) {
      const glm::dvec2 ll = elevation.toLonLat(p);
      llMin = glm::min(llMin, ll), llMax = glm::max(llMax, ll);
    }
  }
  if ((llMax.x - llMin.x) / spacing > 2000 || (llMax.y - llMin.y) / spacing > 2000)
    throw Error("grid", "graticule spacing is too fine for this area");
  for (double k = std::ceil(llMin.x / spacing - 1e-9); k <= llMax.x / spacing + 1e-9; ++k) {
    const double lon = k * spacing;
    std::vector<glm::dvec2> pts;
    for (int i = 0; i <= kSegmentsPerLine; ++i)
      pts.push_back(elevation.toLocal({lon, llMin.y + (llMax.y - llMin.y) * i / kSegmentsPerLine}));
    addClipped(g.lines, pts, lo, hi, angleLabel(lon, spacing, "E", "W"), true);
  }
  for (double k = std::ceil(llMin.y / spacing - 1e-9); k <= llMax.y / spacing + 1e-9; ++k) {
    const double lat = k * spacing;
    std::vector<glm::dvec2> pts;
    for (int i = 0; i <= kSegmentsPerLine; ++i)
      pts.push_back(elevation.toLocal({llMin.x + (llMax.x - llMin.x) * i / kSegmentsPerLine, lat}));
    addClipped(g.lines, pts, lo, hi, angleLabel(lat, spacing, "N", "S"), false);
  }
  return g;
}

GridLines utmGridLines(const Elevation& elevation, glm::dvec2 lo, glm::dvec2 hi, double spacing) {
  checkBox(lo, hi);
  if (!(spacing >= 1)) throw Error("grid", "UTM grid spacing must be at least 1 m");
  GridLines g;
  g.spacing = spacing;
  g.spacingLabel = spacing >= 1000 ? fmt::format("{:g} km", spacing / 1000) : fmt::format("{:g} m", spacing);
  const glm::dvec2 centre = elevation.toLonLat((lo + hi) * 0.5);
  const int zone = GeographicLib::UTMUPS::StandardZone(centre.y, centre.x);
  const bool north = centre.y >= 0;
  if (zone == 0) throw Error("grid", "the area lies in the polar (UPS) regions: no UTM grid");
  auto toUtm = [&](glm::dvec2 local) {
    const glm::dvec2 ll = elevation.toLonLat(local);
    int z;
    bool n;
    double x, y;
    GeographicLib::UTMUPS::Forward(ll.y, ll.x, z, n, x, y, zone);
    return glm::dvec2(x, y);
  };
  auto toLocal = [&](glm::dvec2 en) {
    double lat, lon;
    GeographicLib::UTMUPS::Reverse(zone, north, en.x, en.y, lat, lon);
    return elevation.toLocal({lon, lat});
  };
  glm::dvec2 mn(1e12), mx(-1e12);
  for (int i = 0; i <= 16; ++i) {
    const double t = i / 16.0;
    for (glm::dvec2 p : {glm::dvec2(lo.x + (hi.x - lo.x) * t, lo.y), glm::dvec2(lo.x + (hi.x - lo.x) * t, hi.y),
                         glm::dvec2(lo.x, lo.y + (hi.y - lo.y) * t), glm::dvec2(hi.x, lo.y + (hi.y - lo.y) * t)}) {
      const glm::dvec2 en = toUtm(p);
      mn = glm::min(mn, en), mx = glm::max(mx, en);
    }
  }
  if ((mx.x - mn.x) / spacing > 2000 || (mx.y - mn.y) / spacing > 2000)
    throw Error("grid", "UTM grid spacing is too fine for this area");
  // Military-map labels: the grid line's digits within its 100 km square at the finest grid it
  // belongs to: "50" (kilometres), "5" (tens of km), "503" (hundreds of metres); a 100 km line
  // gives its hundreds of kilometres ("5E": easting 500 km).
  auto label = [&](double v, const char* axis) {
    const long long km = std::llround(v / 1000.0);
    if (spacing >= 100000) return fmt::format("{}{}", km / 100, axis);
    if (spacing >= 10000) return fmt::format("{}{}", (km % 100) / 10, axis);
    if (spacing >= 1000) return fmt::format("{:02}{}", km % 100, axis);
    return fmt::format("{:03}{}", std::llround(v / 100.0) % 1000, axis);
  };
  for (double k = std::ceil(mn.x / spacing - 1e-9); k <= mx.x / spacing + 1e-9; ++k) {
    std::vector<glm::dvec2> pts;
    for (int i = 0; i <= kSegmentsPerLine; ++i)
      pts.push_back(toLocal({k * spacing, mn.y + (mx.y - mn.y) * i / kSegmentsPerLine}));
    addClipped(g.lines, pts, lo, hi, label(k * spacing, "E"), true);
  }
  for (double k = std::ceil(mn.y / spacing - 1e-9); k <= mx.y / spacing + 1e-9; ++k) {
    std::vector<glm::dvec2> pts;
    for (int i = 0; i <= kSegmentsPerLine; ++i)
      pts.push_back(toLocal({mn.x + (mx.x - mn.x) * i / kSegmentsPerLine, k * spacing}));
    addClipped(g.lines, pts, lo, hi, label(k * spacing, "N"), false);
  }
  return g;
}

}  // namespace tb::analysis
