// The streamed terrain's quadtree over the scene's local frame: node (depth, x, y) covers a square
// of side rootSide / 2^depth; depth 0 is the root, x grows east, y grows south. Each node carries
// `cells` cells per side; its height samples lie on the (cells+1)^2 nodes of its grid, corners
// included, so neighbours at the same depth share their edge samples. CPU only.
#pragma once
#include <cstddef>
#include <functional>

#include <glm/glm.hpp>

namespace tb::terrain {

struct QuadKey {
  int depth = 0;
  int x = 0, y = 0;
  bool operator==(const QuadKey&) const = default;
  QuadKey parent() const { return {depth - 1, x >> 1, y >> 1}; }
  QuadKey child(int i) const { return {depth + 1, 2 * x + (i & 1), 2 * y + (i >> 1)}; }  // 0 NW 1 NE 2 SW 3 SE
};

struct QuadKeyHash {
  std::size_t operator()(const QuadKey& k) const noexcept {
    return (static_cast<std::size_t>(k.depth) << 58) ^ (static_cast<std::size_t>(k.y) << 29) ^
           static_cast<std::size_t>(k.x);
  }
};

struct QuadTreeLayout {
  glm::dvec2 rootNW{0.0};  // local metres, north-west corner of the root square
  double rootSide = 1.0;   // metres
  int cells = 128;         // cells per node side
  int maxDepth = 0;        // the finest depth: its cell size reaches the finest source's

  double side(int depth) const { return rootSide / double(1 << depth); }
  double cellSize(int depth) const { return side(depth) / cells; }
  glm::dvec2 nw(const QuadKey& k) const { return rootNW + glm::dvec2(k.x, -k.y) * side(k.depth); }
  glm::dvec2 se(const QuadKey& k) const { return nw(k) + glm::dvec2(1.0, -1.0) * side(k.depth); }
  // The node at `depth` that holds a local point (clamped to the root; a NaN coordinate gives 0).
  QuadKey keyAt(glm::dvec2 local, int depth) const;
  // True when the node's square meets the box [lo, hi] (local xy).
  bool overlaps(const QuadKey& k, glm::dvec2 lo, glm::dvec2 hi) const;

  // A layout covering the data box [lo, hi] whose finest depth has cells of at most `finestCell`
  // metres: the root side is cells * finestCell * 2^maxDepth, anchored at `anchorNW` (a source
  // pixel corner, so same-CRS reads at the finest depth line up with the source's pixels).
  static QuadTreeLayout covering(glm::dvec2 lo, glm::dvec2 hi, double finestCell, int cells, glm::dvec2 anchorNW);
};

}  // namespace tb::terrain
