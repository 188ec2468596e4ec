// StreamGround: the camera's view of the resident tiles.
#include "world/StreamGround.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace tb::world {

std::optional<double> StreamGround::heightAt(glm::dvec2 xy) const { return stream_->residentHeight(xy); }

std::optional<double> StreamGround::maxHeightNear(glm::dvec2 xy, double halfSize) const {
  if (std::isnan(xy.x) || std::isnan(xy.y) || !(halfSize >= 0.0)) return std::nullopt;
  const terrain::QuadTreeLayout& layout = stream_->layout();
  const glm::dvec2 lo = xy - halfSize, hi = xy + halfSize;
  int depth = layout.maxDepth;
  while (depth > 0 && layout.side(depth) < halfSize) --depth;  // the square then spans at most 3 tiles a side
  for (; depth >= 0; --depth) {
    const terrain::QuadKey nw = layout.keyAt({lo.x, hi.y}, depth), se = layout.keyAt({hi.x, lo.y}, depth);
    double best = -std::numeric_limits<double>::infinity();
    bool complete = true;
    for (int y = std::min(nw.y, se.y); y <= std::max(nw.y, se.y) && complete; ++y)
      for (int x = std::min(nw.x, se.x); x <= std::max(nw.x, se.x) && complete; ++x) {
        const terrain::QuadKey key{depth, x, y};
        if (!layout.overlaps(key, lo, hi) || !stream_->hasData(key)) continue;
        const auto tile = stream_->find(key);
        if (!tile) complete = false;
        else if (tile->anyData)
          best = std::max(best, terrain::maxSampleNear(*tile->field, xy, halfSize));
      }
    if (complete) return std::isfinite(best) ? std::optional<double>(best) : std::nullopt;
  }
  return std::nullopt;
}

}  // namespace tb::world
