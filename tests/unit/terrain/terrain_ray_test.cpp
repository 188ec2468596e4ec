// Ray / terrain intersection against a cone h = max(0, H - r*slope), whose hit points are known in
// closed form, with and without vertical exaggeration; misses return nothing.
#include "terrain/TerrainRay.h"

#include <gtest/gtest.h>

#include <cmath>

#include "SyntheticFields.h"

namespace tb::terrain {
namespace {

constexpr double kPeak = 100.0, kSlope = 1.0, kTolerance = 0.05;  // metres (render space)

class ConeRay : public ::testing::TestWithParam<double> {
 protected:
  static const HeightField& cone() {
    static const HeightField f = testing::coneField(300, 1.0, kPeak, kSlope);  // 601 x 601 samples, 1 m
    return f;
  }
  double e() const { return GetParam(); }
  void expectHit(glm::dvec3 origin, glm::dvec3 dir, glm::dvec3 expected) const {
    const auto hit = intersectRay(cone(), origin, dir, e());
    ASSERT_TRUE(hit.has_value()) << "no hit, expected " << expected.x << "," << expected.y << "," << expected.z;
    EXPECT_NEAR(hit->x, expected.x, kTolerance);
    EXPECT_NEAR(hit->y, expected.y, kTolerance);
    EXPECT_NEAR(hit->z, expected.z, kTolerance);
  }
};

TEST_P(ConeRay, HorizontalRayFromTheSide) {
  // At render height z the cone's radius is (H - z/e) / slope.
  for (double z : {20.0, 55.0, 80.0}) {
    const double radius = (kPeak - z / e() * 1.0) / kSlope;
    if (radius <= 5.0) continue;
    expectHit({-280, 0, z}, {1, 0, 0}, {-radius, 0, z});
    // Off-axis along y = 17: meets the circle where x^2 + 17^2 = radius^2.
    expectHit({-280, 17, z}, {3, 0, 0}, {-std::sqrt(radius * radius - 17 * 17), 17, z});
    // From the north-east, heading south-west through the axis.
    const glm::dvec3 dir = glm::normalize(glm::dvec3(-1, -1, 0));
    expectHit(glm::dvec3(200, 200, z), dir, glm::dvec3(radius / std::sqrt(2.0), radius / std::sqrt(2.0), z));
  }
}

TEST_P(ConeRay, VerticalRayFromAbove) {
  for (glm::dvec2 p : {glm::dvec2(20, -35), glm::dvec2(-61.3, 12.7), glm::dvec2(150, 150)}) {
    const double h = std::max(0.0, kPeak - glm::length(p) * kSlope);
    expectHit({p.x, p.y, 5000}, {0, 0, -1}, {p.x, p.y, h * e()});
  }
}

TEST_P(ConeRay, ObliqueRayAimedAtTheAxis) {
  // In the plane y = 0 the near flank is z = e * (H + slope * x) for x in [-H/slope, 0]; a ray
  // from (x0, 0, z0) going down with slope m (dz/dx) meets it where z0 + m (x - x0) equals it.
  const double x0 = -400, z0 = 150 * e(), m = -0.2 * e();
  const double x = (e() * kPeak - z0 + m * x0) / (m - e() * kSlope);
  ASSERT_GT(x, -kPeak / kSlope);
  ASSERT_LT(x, -5.0);
  expectHit({x0, 0, z0}, {1, 0, m}, {x, 0, z0 + m * (x - x0)});
}

TEST_P(ConeRay, MissesReturnNothing) {
  EXPECT_FALSE(intersectRay(cone(), {-280, 0, kPeak * e() + 1}, {1, 0, 0}, e()));    // above the apex
  EXPECT_FALSE(intersectRay(cone(), {-280, 0, 50 * e()}, {-1, 0, 0}, e()));          // pointing away
  EXPECT_FALSE(intersectRay(cone(), {-280, 80, 30 * e()}, {1, 0, 0}, e()));          // passes beside it
  EXPECT_FALSE(intersectRay(cone(), {-280, 0, 50 * e()}, {1, 0, 0}, e(), 100.0));    // too short
  EXPECT_FALSE(intersectRay(cone(), {1000, 1000, 10}, {0, 0, -1}, e()));             // outside the grid
  EXPECT_FALSE(intersectRay(cone(), {0, 0, 500}, {0, 0, 1}, e()));                   // straight up
  EXPECT_FALSE(intersectRay(cone(), {0, 0, 500}, {0, 0, 0}, e()));                   // no direction
}

INSTANTIATE_TEST_SUITE_P(Exaggeration, ConeRay, ::testing::Values(1.0, 2.0));

TEST(TerrainRay, NonFiniteRaysHitNothing) {
  const HeightField f = testing::coneField(20, 1.0, 10.0, 1.0);
  const glm::dvec3 down(0.0, 0.0, -1.0), above(0.0, 0.0, 50.0);
  ASSERT_TRUE(intersectRay(f, above, down));
  for (double bad : {double(NAN), double(INFINITY), -double(INFINITY)}) {
    EXPECT_FALSE(intersectRay(f, {bad, 0.0, 50.0}, down)) << bad;
    EXPECT_FALSE(intersectRay(f, {0.0, bad, 50.0}, down)) << bad;
    EXPECT_FALSE(intersectRay(f, {0.0, 0.0, bad}, down)) << bad;
    EXPECT_FALSE(intersectRay(f, above, {bad, 0.0, -1.0})) << bad;
    EXPECT_FALSE(intersectRay(f, above, {0.0, 0.0, bad})) << bad;
    EXPECT_FALSE(intersectRay(f, above, down, 1.0, double(NAN))) << bad;
  }
}

TEST(TerrainRay, ExactOnAPlaneFromOutsideTheGrid) {
  // A tilted plane is reproduced exactly by bilinear cells: the hit is exact to rounding.
  const HeightField f = testing::planeField(200, 150, 7.5, {1000.0, -2000.0}, 0.1, -0.05, 40.0);
  for (double e : {1.0, 3.0}) {
    const glm::dvec3 origin{900.0, -3300.0, 700.0 * e};  // south-west of the grid, high up
    const glm::dvec3 dir = glm::normalize(glm::dvec3(1.0, 1.5, -0.6 * e));
    // Solve origin.z + t dir.z = e (0.1 x - 0.05 y + 40) for t.
    const double t = (e * (0.1 * origin.x - 0.05 * origin.y + 40) - origin.z) /
                     (dir.z - e * (0.1 * dir.x - 0.05 * dir.y));
    const glm::dvec3 expected = origin + t * dir;
    ASSERT_TRUE(f.contains({expected.x, expected.y}));
    const auto hit = intersectRay(f, origin, dir * 4.0, e);
    ASSERT_TRUE(hit);
    EXPECT_NEAR(glm::distance(*hit, expected), 0.0, 1e-3);
  }
}

TEST(TerrainRay, FindsTheFirstOfSeveralHits) {
  // Two ridges along y; a shallow ray from the west must stop at the western one.
  std::vector<float> z(100 * 20);
  for (int r = 0; r < 20; ++r)
    for (int c = 0; c < 100; ++c) z[r * 100 + c] = (c == 30 || c == 70) ? 50.f : 0.f;
  const HeightField f(100, 20, 1.0, {0.0, 19.0}, z);
  const auto hit = intersectRay(f, {-10, 10, 25}, {1, 0, 0});
  ASSERT_TRUE(hit);
  EXPECT_NEAR(hit->x, 29.5, 1e-6);  // halfway up the western ridge's rising cell
  EXPECT_NEAR(hit->z, 25.0, 1e-6);
}

}  // namespace
}  // namespace tb::terrain

// A flat field lying exactly at its minimum height (the sea beside land is the common case):
// rounding used to leave rays a hair above it and report a miss.
TEST(TerrainRay, HitsFlatGroundAtTheFieldMinimum) {
  const int n = 65;
  std::vector<float> h(static_cast<size_t>(n) * n, 100.0f);
  tb::terrain::HeightField field(n, n, 10.0, {0.0, 640.0}, h);
  int hits = 0;
  for (int i = 0; i < 100; ++i) {
    const glm::dvec3 origin{30.0 + 3.1 * i, 20.0 + 3.7 * i, 900.0};
    const glm::dvec3 dir{0.05 + 0.002 * i, 0.2 - 0.004 * i, -1.0};  // every hit lies inside the grid
    const auto hit = tb::terrain::intersectRay(field, origin, dir, 1.5);
    if (hit && std::abs(hit->z - 150.0) < 1e-3) ++hits;
  }
  EXPECT_EQ(hits, 100);
}
