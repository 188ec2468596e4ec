// World::pick: the terrain under a ray from the best heights at hand. The whole-extent field
// answers first (exact for in-memory terrain; an overview when streaming), then the streamed
// tiles already in RAM refine the hit near it, at their own resolution.
#include <algorithm>
#include <cmath>

#include "terrain/TerrainRay.h"
#include "world/TerrainStream.h"
#include "world/World.h"

namespace tb::world {

namespace {
constexpr int kMaxSteps = 20000;  // bounds the refinement's cost (it runs for the cursor every frame)
}

std::optional<glm::dvec3> World::pick(glm::dvec3 eye, glm::dvec3 dir, double exaggeration) const {
  const auto coarse = terrain::intersectRay(heights, eye, dir, exaggeration);
  if (!stream || !coarse) return coarse;
  dir = glm::normalize(dir);
  const double t0 = glm::length(*coarse - eye);
  // The overview may lie off the finer surface by a few of its cells in height: search that far
  // along the ray on either side (further where the ray is flat).
  const double span = std::min(20000.0, 4.0 * heights.cellSize() * exaggeration / std::max(std::abs(dir.z), 0.05));
  const double step = std::max(stream->layout().cellSize(stream->demDepth()) * 0.5, 2.0 * span / kMaxSteps);
  auto below = [&](double t, bool& known) {
    const glm::dvec3 p = eye + dir * t;
    const auto h = stream->residentHeight(glm::dvec2(p));
    known = h.has_value();
    return known && p.z <= *h * exaggeration;
  };
  double start = std::max(0.0, t0 - span);
  bool known = false;
  if (below(start, known)) start = std::max(0.0, start - span);
  double prev = start;
  for (double t = start; t <= t0 + span; t += step) {
    if (!below(t, known)) {
      prev = t;
      continue;
    }
    double lo = prev, hi = t;  // above at lo, below at hi
    for (int i = 0; i < 20; ++i) {
      const double mid = 0.5 * (lo + hi);
      (below(mid, known) ? hi : lo) = mid;
    }
    return eye + dir * hi;
  }
  return coarse;
}

}  // namespace tb::world
