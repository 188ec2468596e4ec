// Quadtree layout arithmetic for the streamed terrain.
#include "terrain/QuadTree.h"

#include <algorithm>
#include <cmath>

namespace tb::terrain {

QuadKey QuadTreeLayout::keyAt(glm::dvec2 local, int depth) const {
  const int n = 1 << depth;
  const double s = side(depth);
  // Clamp in double: a far-off point's index does not fit an int; NaN (no point) takes the NW node.
  auto index = [n](double v) { return std::isnan(v) ? 0 : static_cast<int>(std::clamp(std::floor(v), 0.0, double(n - 1))); };
  return {depth, index((local.x - rootNW.x) / s), index((rootNW.y - local.y) / s)};
}

bool QuadTreeLayout::overlaps(const QuadKey& k, glm::dvec2 lo, glm::dvec2 hi) const {
  const glm::dvec2 a = nw(k), b = se(k);
  return a.x < hi.x && b.x > lo.x && b.y < hi.y && a.y > lo.y;
}

QuadTreeLayout QuadTreeLayout::covering(glm::dvec2 lo, glm::dvec2 hi, double finestCell, int cells,
                                        glm::dvec2 anchorNW) {
  QuadTreeLayout l;
  l.cells = cells;
  // Snap the root's corner to the anchor's grid of finest cells, at or north-west of the data.
  const double fx = std::floor((lo.x - anchorNW.x) / finestCell), fy = std::floor((anchorNW.y - hi.y) / finestCell);
  l.rootNW = anchorNW + glm::dvec2(fx, -fy) * finestCell;
  const double need = std::max(hi.x - l.rootNW.x, l.rootNW.y - lo.y);
  l.maxDepth = 0;
  while (cells * finestCell * double(1 << l.maxDepth) < need && l.maxDepth < 24) ++l.maxDepth;
  l.rootSide = cells * finestCell * double(1 << l.maxDepth);
  return l;
}

}  // namespace tb::terrain
