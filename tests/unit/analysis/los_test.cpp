// Line of sight: the horizon over a sea-level plane (curvature and refraction), a cone between
// observer and target, bad input.
#include <cmath>

#include <gtest/gtest.h>

#include "analysis/Elevation.h"
#include "analysis/LineOfSight.h"
#include "core/Error.h"
#include "AnalysisWorlds.h"

namespace tb::analysis {
namespace {

double cone(double x, double y) { return std::max(0.0, 300.0 - 0.3 * std::hypot(x, y)); }

TEST(LineOfSight, TwoMetreObserverSeesSeaLevelToAboutFiveKilometres) {
  // Horizon of a 2 m eye: sqrt(2 R_eff h) = 5412 m with k = 0.13 (R_eff = R / 0.87), 5048 m without.
  const world::World w = test::makeWorld(4000, 100, 10, [](double, double) { return 0.0; });
  const Elevation e(w);
  const glm::dvec2 obs(-3990, 0);
  auto sees = [&](double distance, double k) {
    SightOptions o;
    o.refraction = k;
    return lineOfSight(e, obs, obs + glm::dvec2(distance * 0.99960, 0), o).visible;  // grid metres for ellipsoid ones
  };
  EXPECT_TRUE(sees(5300, 0.13));
  EXPECT_FALSE(sees(5500, 0.13));
  EXPECT_TRUE(sees(4950, 0.0));
  EXPECT_FALSE(sees(5150, 0.0));
  SightOptions flat;
  flat.curvature = false;
  EXPECT_TRUE(lineOfSight(e, obs, {3990, 0}, flat).visible);  // a flat earth hides nothing
  EXPECT_NEAR(curvatureDrop(5412.0), 2.0, 0.01);
}

TEST(LineOfSight, ConeBlocksTheLineAcrossItsTop) {
  const world::World w = test::makeWorld(3000, 3000, 10, cone);
  for (const world::World& world : {w, test::streamed(w)}) {
    const Elevation e(world);
    const LineOfSight los = lineOfSight(e, {-2000, 0}, {2000, 0});
    EXPECT_FALSE(los.visible);
    ASSERT_TRUE(los.firstObstruction);
    // A 2 m eye at ground 0 meets the cone's flank where it first rises above the line (x = -1000).
    EXPECT_NEAR(los.firstObstruction->x, -1000.0, 15.0);
    EXPECT_LT(los.minClearance, -200.0);
    ASSERT_GE(los.sightLine.size(), 2u);
    EXPECT_TRUE(los.sightLine.front().visible);
    EXPECT_FALSE(los.sightLine.back().visible);
    EXPECT_NEAR(los.sightLine.front().from.z, 2.0, 1e-6);
    // Ground: the near flank is seen, the far flank is not.
    bool nearSeen = false, farHidden = false;
    for (const SightSegment& s : los.ground) {
      if (s.to.x < -200 && s.to.x > -900) nearSeen = nearSeen || s.visible;
      if (s.to.x > 200 && s.to.x < 900) farHidden = farHidden || !s.visible;
    }
    EXPECT_TRUE(nearSeen);
    EXPECT_TRUE(farHidden);
    // Beside the cone (closest approach 1414 m > the cone's 1000 m radius): clear.
    const LineOfSight beside = lineOfSight(e, {-2000, 0}, {0, 2000});
    EXPECT_TRUE(beside.visible);
    EXPECT_FALSE(beside.firstObstruction);
    EXPECT_EQ(beside.sightLine.size() >= 1, true);
    for (const SightSegment& s : beside.sightLine) EXPECT_TRUE(s.visible);
  }
}

TEST(LineOfSight, ObserverOnTheTopSeesTheFlanks) {
  const world::World w = test::makeWorld(3000, 3000, 10, cone);
  const Elevation e(w);
  EXPECT_TRUE(lineOfSight(e, {0, 0}, {800, 300}).visible);
  EXPECT_TRUE(lineOfSight(e, {0, 0}, {-2500, 1000}).visible);
}

TEST(LineOfSight, BadInputSaysWhich) {
  const world::World w = test::makeWorld(1000, 1000, 10, cone);
  const Elevation e(w);
  auto problem = [&](glm::dvec2 a, glm::dvec2 b, SightOptions o = {}) {
    try {
      lineOfSight(e, a, b, o);
    } catch (const Error& err) {
      return err.file() + ": " + err.problem();
    }
    return std::string("no error");
  };
  EXPECT_EQ(problem({0, 0}, {5000, 0}), "target: lies outside the terrain data");
  EXPECT_EQ(problem({-5000, 0}, {0, 0}), "observer: lies outside the terrain data");
  EXPECT_EQ(problem({10, 10}, {10, 10}), "target: is the observer's own position");
  SightOptions under;
  under.observerHeight = -3;
  EXPECT_EQ(problem({0, 0}, {100, 0}, under), "observer height: must be 0 or more metres above the ground");
}

}  // namespace
}  // namespace tb::analysis
