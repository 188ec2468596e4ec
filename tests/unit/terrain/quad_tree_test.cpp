// QuadTreeLayout: the streamed terrain's node arithmetic.
#include <cmath>

#include <gtest/gtest.h>

#include "terrain/QuadTree.h"

namespace tb::terrain {
namespace {

TEST(QuadTree, CoveringReachesTheFinestCellAndHoldsTheData) {
  const glm::dvec2 lo(-20000, -15000), hi(21000, 16000);
  const QuadTreeLayout l = QuadTreeLayout::covering(lo, hi, 10.0, 128, glm::dvec2(-20003.0, 16004.0));
  EXPECT_DOUBLE_EQ(l.cellSize(l.maxDepth), 10.0);
  EXPECT_GT(l.cellSize(l.maxDepth - 1), 10.0);  // no deeper than needed
  EXPECT_LE(l.rootNW.x, lo.x);
  EXPECT_GE(l.rootNW.y, hi.y);
  EXPECT_GE(l.rootNW.x + l.rootSide, hi.x);
  EXPECT_LE(l.rootNW.y - l.rootSide, lo.y);
  // Anchored on the anchor's grid of finest cells (a source pixel corner).
  EXPECT_NEAR(std::remainder(l.rootNW.x - -20003.0, 10.0), 0.0, 1e-6);
  EXPECT_NEAR(std::remainder(l.rootNW.y - 16004.0, 10.0), 0.0, 1e-6);
}

TEST(QuadTree, KeysChildrenAndOverlap) {
  QuadTreeLayout l;
  l.rootNW = {0, 1024};
  l.rootSide = 1024;
  l.cells = 16;
  l.maxDepth = 4;
  const QuadKey k = l.keyAt({700, 100}, 2);  // 256 m nodes: column 2, row 3 (from the north)
  EXPECT_EQ(k, (QuadKey{2, 2, 3}));
  EXPECT_EQ(k.child(3).parent(), k);
  EXPECT_EQ(k.child(1), (QuadKey{3, 5, 6}));
  EXPECT_EQ(l.nw(k), glm::dvec2(512, 256));
  EXPECT_EQ(l.se(k), glm::dvec2(768, 0));
  EXPECT_TRUE(l.overlaps(k, {700, 100}, {710, 110}));
  EXPECT_FALSE(l.overlaps(k, {800, 100}, {900, 110}));
  EXPECT_EQ(l.keyAt({-50, 5000}, 3), (QuadKey{3, 0, 0}));  // clamped to the root
  EXPECT_NE(QuadKeyHash{}(QuadKey{3, 1, 2}), QuadKeyHash{}(QuadKey{3, 2, 1}));
}

}  // namespace
}  // namespace tb::terrain
