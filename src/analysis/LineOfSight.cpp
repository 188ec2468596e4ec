// Line of sight over the terrain with curvature and refraction (see LineOfSight.h).
#include "analysis/LineOfSight.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "analysis/Elevation.h"
#include "analysis/Geodesy.h"
#include "core/Error.h"

namespace tb::analysis {
namespace {

constexpr int kMaxSightSegments = 128;  // the sight line is a gentle curve: this many chords draw it

double groundAt(const Elevation& elevation, glm::dvec2 p, const char* what) {
  const std::optional<double> h = elevation.heightAt(p);
  if (!h) throw Error(what, elevation.contains(p) ? "has no height data (nodata)" : "lies outside the terrain data");
  return *h;
}

}  // namespace

double curvatureDrop(double distance, double refraction) {
  return distance * distance / (2.0 * kEarthRadius / (1.0 - refraction));
}

LineOfSight lineOfSight(const Elevation& elevation, glm::dvec2 observer, glm::dvec2 target, const SightOptions& o) {
  if (!(o.observerHeight >= 0)) throw Error("observer height", "must be 0 or more metres above the ground");
  if (!(o.targetHeight >= 0)) throw Error("target height", "must be 0 or more metres above the ground");
  if (!(o.refraction >= 0 && o.refraction < 1)) throw Error("refraction", "must be in [0, 1)");
  const double g0 = groundAt(elevation, observer, "observer"), gT = groundAt(elevation, target, "target");
  const double flat = glm::length(target - observer);
  if (flat <= 0) throw Error("target", "is the observer's own position");

  LineOfSight los;
  los.distance = geodesicInverse(elevation.toLonLat(observer), elevation.toLonLat(target)).distance;
  const double D = los.distance;
  const double e0 = g0 + o.observerHeight, eT = gT + o.targetHeight;
  los.observer = {observer, e0};
  los.target = {target, eT};
  // The surface's rise above the chord between the two ends, d (D - d) / 2R_eff: added to the
  // ground (or taken from the line) it makes the flat-frame comparison exact for a spherical earth.
  const double reff = kEarthRadius / (1.0 - o.refraction);
  auto bulge = [&](double d) { return o.curvature ? d * (D - d) / (2.0 * reff) : 0.0; };
  auto drop = [&](double d) { return o.curvature ? d * d / (2.0 * reff) : 0.0; };

  const int n = std::max(1, static_cast<int>(std::ceil(flat / elevation.nativeCellSize())));
  std::vector<glm::dvec2> xy(static_cast<std::size_t>(n) + 1);
  for (int k = 0; k <= n; ++k) xy[static_cast<std::size_t>(k)] = observer + (target - observer) * (double(k) / n);
  const std::vector<std::optional<double>> ground = elevation.heightsAt(xy);

  auto lineZ = [&](double t) { return e0 + (eT - e0) * t - bulge(t * D); };  // as drawn over the flat frame
  los.minClearance = std::numeric_limits<double>::infinity();
  int blockedAt = -1;
  for (int k = 1; k < n; ++k) {
    const auto& g = ground[static_cast<std::size_t>(k)];
    if (!g) continue;
    const double clearance = lineZ(double(k) / n) - *g;
    los.minClearance = std::min(los.minClearance, clearance);
    if (clearance < 0 && blockedAt < 0) blockedAt = k;
  }
  if (!std::isfinite(los.minClearance)) los.minClearance = std::min(e0 - g0, eT - gT);
  los.visible = blockedAt < 0;
  if (blockedAt >= 0) los.firstObstruction = glm::dvec3(xy[static_cast<std::size_t>(blockedAt)], *ground[blockedAt]);

  // The sight line in chords, split exactly at the obstruction.
  const int stride = std::max(1, (n + kMaxSightSegments - 1) / kMaxSightSegments);
  auto point = [&](int k) { return glm::dvec3(xy[static_cast<std::size_t>(k)], lineZ(double(k) / n)); };
  std::vector<int> cuts;
  for (int k = 0; k < n; k += stride) cuts.push_back(k);
  if (blockedAt >= 0 && std::find(cuts.begin(), cuts.end(), blockedAt) == cuts.end()) cuts.push_back(blockedAt);
  cuts.push_back(n);
  std::sort(cuts.begin(), cuts.end());
  for (std::size_t i = 0; i + 1 < cuts.size(); ++i)
    los.sightLine.push_back({point(cuts[i]), point(cuts[i + 1]), blockedAt < 0 || cuts[i] < blockedAt});

  // The ground seen from the eye: a point is visible when its elevation angle (with the surface's
  // drop below the observer's horizon) is at least every nearer point's.
  double maxAngle = -std::numeric_limits<double>::infinity();
  std::optional<glm::dvec3> prev = glm::dvec3(observer, g0);
  bool prevVisible = true;
  for (int k = 1; k <= n; ++k) {
    const auto& g = ground[static_cast<std::size_t>(k)];
    if (!g) {
      prev.reset();
      continue;
    }
    const double d = D * k / n;
    const double angle = (*g - drop(d) - e0) / d;
    const bool visible = angle >= maxAngle;
    maxAngle = std::max(maxAngle, angle);
    const glm::dvec3 here(xy[static_cast<std::size_t>(k)], *g);
    if (prev) los.ground.push_back({*prev, here, visible && prevVisible});
    prev = here;
    prevVisible = visible;
  }
  return los;
}

}  // namespace tb::analysis
