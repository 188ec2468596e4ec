// Geodesic range rings (see RangeRings.h).
#include "analysis/RangeRings.h"

#include <cmath>

#include <fmt/format.h>

#include "analysis/Elevation.h"
#include "analysis/Geodesy.h"
#include "core/Error.h"
#include "scene/Scene.h"

namespace tb::analysis {

std::string formatDistance(double m) {
  if (m >= 1000.0) {
    const double km = m / 1000.0;
    // Three significant figures at most, no trailing zeros: "17 km", "2.5 km", "1.23 km".
    const int decimals = km >= 100 ? 0 : km >= 10 ? 1 : 2;
    std::string s = fmt::format("{:.{}f}", km, decimals);
    if (s.find('.') != std::string::npos) {
      while (s.back() == '0') s.pop_back();
      if (s.back() == '.') s.pop_back();
    }
    return s + " km";
  }
  return fmt::format("{:.0f} m", m);
}

std::vector<RangeRing> rangeRings(const Elevation& elevation, glm::dvec2 centreLocal,
                                  const std::vector<double>& radii, const std::string& siteName) {
  const glm::dvec2 centre = elevation.toLonLat(centreLocal);
  std::vector<RangeRing> rings;
  for (double r : radii) {
    if (!(r > 0) || !std::isfinite(r)) throw Error("radius", fmt::format("{} is not a positive distance", r));
    // One vertex per degree, more when a chord would be longer than 100 m.
    const int n = std::max(360, static_cast<int>(std::ceil(2.0 * M_PI * r / 100.0)));
    RangeRing ring;
    ring.radius = r;
    ring.label = siteName.empty() ? formatDistance(r) : formatDistance(r) + " from " + siteName;
    ring.points.reserve(static_cast<std::size_t>(n) + 1);
    for (int i = 0; i < n; ++i) ring.points.push_back(elevation.toLocal(geodesicDirect(centre, 360.0 * i / n, r)));
    ring.points.push_back(ring.points.front());
    // Due true north of the centre; where that is off the data (a label there is not drawn), the
    // first of NE, NW, E, W, SE, SW, S that is on it.
    ring.labelAt = ring.points.front();
    for (const double azimuth : {0.0, 45.0, 315.0, 90.0, 270.0, 135.0, 225.0, 180.0}) {
      const glm::dvec2 p = ring.points[static_cast<std::size_t>(std::lround(azimuth / 360.0 * n)) % n];
      if (elevation.contains(p)) {
        ring.labelAt = p;
        break;
      }
    }
    rings.push_back(std::move(ring));
  }
  return rings;
}

glm::dvec2 ringCentreOf(const scene::Site& site) {
  if (site.honesty == scene::Honesty::Note || site.lonLat.empty() || site.lonLat.front().empty())
    throw Error(site.name, "the brief gives it no position, so range rings cannot be centred on it");
  if (site.kind != geo::GeometryKind::Point || site.lonLat.size() != 1 || site.lonLat.front().size() != 1)
    throw Error(site.name, "a line or an area has no one position to centre range rings on");
  return site.lonLat.front().front();
}

}  // namespace tb::analysis
