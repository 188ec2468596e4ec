// HeightField: validation, bilinear sampling, slopes in local axes (rows run south), normals.
#include "terrain/HeightField.h"

#include <gtest/gtest.h>

#include <cmath>

#include "SyntheticFields.h"
#include "core/Error.h"
#include "terrain/HeightBlockRanges.h"

namespace tb::terrain {
namespace {

TEST(HeightField, RejectsBadInput) {
  EXPECT_THROW(HeightField(1, 5, 1.0, {0, 0}, std::vector<float>(5, 0.f)), Error);
  EXPECT_THROW(HeightField(3, 3, 0.0, {0, 0}, std::vector<float>(9, 0.f)), Error);
  EXPECT_THROW(HeightField(3, 3, 1.0, {0, 0}, std::vector<float>(8, 0.f)), Error);
  std::vector<float> withNan(9, 0.f);
  withNan[4] = NAN;
  EXPECT_THROW(HeightField(3, 3, 1.0, {0, 0}, withNan), Error);
}

TEST(HeightField, MinMaxAndPositions) {
  const HeightField f(3, 2, 10.0, {100.0, 50.0}, {1, 2, 3, -4, 5, 9});
  EXPECT_EQ(f.minHeight(), -4.f);
  EXPECT_EQ(f.maxHeight(), 9.f);
  EXPECT_EQ(f.position(2, 1), glm::dvec2(120.0, 40.0));  // row 1 is south of row 0
  EXPECT_EQ(f.toGrid({110.0, 45.0}), glm::dvec2(1.0, 0.5));
  EXPECT_TRUE(f.contains({120.0, 40.0}));
  EXPECT_FALSE(f.contains({120.1, 40.0}));
  EXPECT_FALSE(f.contains({110.0, 50.1}));
}

TEST(HeightField, GradientOfPlaneIsExactWithNorthUp) {
  const double a = 0.25, b = -0.75;  // z rises east and falls north
  const HeightField f = testing::planeField(7, 5, 2.0, {-10.0, 30.0}, a, b, 100.0);
  for (int r = 0; r < f.height(); ++r)
    for (int c = 0; c < f.width(); ++c) {  // includes the one-sided edges and corners
      const glm::vec2 g = f.gradient(c, r);
      EXPECT_NEAR(g.x, a, 1e-5) << c << "," << r;
      EXPECT_NEAR(g.y, b, 1e-5) << c << "," << r;
    }
  // The north neighbour (row - 1) is higher when b > 0: check the sign against raw samples too.
  const HeightField g2 = testing::planeField(5, 5, 1.0, {0.0, 4.0}, 0.0, 1.0, 0.0);
  EXPECT_GT(g2.at(2, 1), g2.at(2, 3));
  EXPECT_NEAR(g2.gradient(2, 2).y, 1.0, 1e-6);
}

TEST(HeightField, SampleIsBilinearAndClamped) {
  const HeightField f = testing::planeField(9, 6, 3.0, {5.0, 40.0}, 0.4, 0.3, -7.0);
  for (glm::dvec2 p : {glm::dvec2(6.1, 38.2), glm::dvec2(20.0, 30.0), glm::dvec2(28.9, 25.1)})
    EXPECT_NEAR(f.sample(p), 0.4 * p.x + 0.3 * p.y - 7.0, 1e-4);
  // Outside: the nearest edge point's height.
  EXPECT_NEAR(f.sample({-100.0, 30.0}), f.sample({5.0, 30.0}), 1e-9);
  EXPECT_NEAR(f.sample({20.0, 1000.0}), f.sample({20.0, 40.0}), 1e-9);
  // Bilinear between four unequal corners (a saddle no plane fits).
  const HeightField s(2, 2, 1.0, {0.0, 1.0}, {0, 1, 1, 0});
  EXPECT_NEAR(s.sample({0.5, 0.5}), 0.5, 1e-9);
  EXPECT_NEAR(s.sample({0.25, 0.75}), 0.25 * 0.75 + 0.75 * 0.25, 1e-9);
}

TEST(HeightField, NonFiniteCoordinatesNeverReadOutsideTheGrid) {
  const HeightField f = testing::planeField(9, 6, 3.0, {5.0, 40.0}, 0.4, 0.3, -7.0);
  // NaN names no point: no height (it used to be cast to an int index and read far off the grid).
  for (glm::dvec2 p : {glm::dvec2(NAN, 30.0), glm::dvec2(20.0, NAN), glm::dvec2(NAN, NAN)}) {
    EXPECT_TRUE(std::isnan(f.sample(p))) << p.x << "," << p.y;
    EXPECT_EQ(f.normal(p, 2.0), glm::dvec3(0.0, 0.0, 1.0));
  }
  // Infinity and huge values clamp to the edge like any point outside.
  EXPECT_NEAR(f.sample({INFINITY, 30.0}), f.sample({29.0, 30.0}), 1e-9);
  EXPECT_NEAR(f.sample({-INFINITY, -INFINITY}), f.sample({5.0, 25.0}), 1e-9);
  EXPECT_NEAR(f.sample({1e300, 30.0}), f.sample({29.0, 30.0}), 1e-9);
  EXPECT_TRUE(std::isfinite(f.normal({-1e300, INFINITY}).z));
}

TEST(HeightField, NormalOfPlaneFollowsExaggeration) {
  const HeightField f = testing::planeField(6, 6, 1.0, {0.0, 5.0}, 0.5, -0.2, 0.0);
  for (double e : {1.0, 3.0}) {
    const glm::dvec3 n = f.normal({2.3, 2.7}, e);
    const glm::dvec3 expected = glm::normalize(glm::dvec3(-0.5 * e, 0.2 * e, 1.0));
    EXPECT_NEAR(n.x, expected.x, 1e-6);
    EXPECT_NEAR(n.y, expected.y, 1e-6);
    EXPECT_NEAR(n.z, expected.z, 1e-6);
  }
}

TEST(HeightField, BlockRangesBoundEveryCellTightly) {
  const HeightField f = testing::roughField(70, 37);  // neither size a multiple of the block
  const HeightBlockRanges* blocks = f.blockRanges();
  ASSERT_NE(blocks, nullptr);
  constexpr int B = HeightBlockRanges::kBlockCells;
  ASSERT_EQ(blocks->blocksX, (69 + B - 1) / B);
  ASSERT_EQ(blocks->blocksY, (36 + B - 1) / B);
  std::vector<glm::vec2> seen(blocks->minMax.size(), glm::vec2(INFINITY, -INFINITY));
  for (int r = 0; r + 1 < f.height(); ++r)
    for (int c = 0; c + 1 < f.width(); ++c) {
      const int bx = c / B, by = r / B;
      for (int k = 0; k < 4; ++k) {  // the cell's four corners
        const float h = f.at(c + k % 2, r + k / 2);
        EXPECT_GE(h, blocks->at(bx, by).x);
        EXPECT_LE(h, blocks->at(bx, by).y);
        glm::vec2& s = seen[size_t(by) * blocks->blocksX + bx];
        s = {std::min(s.x, h), std::max(s.y, h)};
      }
    }
  for (size_t i = 0; i < seen.size(); ++i) EXPECT_EQ(seen[i], blocks->minMax[i]) << "block " << i << " is not tight";
}

}  // namespace
}  // namespace tb::terrain
