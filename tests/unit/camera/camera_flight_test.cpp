// CameraFlight: exact endpoints, continuity, zoom-out between distant views only, terrain
// clearance over a ridge, and the degenerate flights (no motion, pure zoom, pure rotation).
#include <gtest/gtest.h>

#include <cmath>

#include "AnalyticTerrain.h"
#include "camera/CameraFlight.h"
#include "camera/TerrainClearance.h"

namespace tb::camera {
namespace {

using test::planeField;
using test::ridgeField;

void expectSamePose(const CameraPose& a, const CameraPose& b) {
  EXPECT_EQ(a.eye, b.eye);
  EXPECT_EQ(a.headingDeg, b.headingDeg);
  EXPECT_EQ(a.pitchDeg, b.pitchDeg);
  EXPECT_EQ(a.fovYDeg, b.fovYDeg);
}

bool finitePose(const CameraPose& p) {
  return std::isfinite(p.eye.x) && std::isfinite(p.eye.y) && std::isfinite(p.eye.z) && std::isfinite(p.headingDeg) &&
         std::isfinite(p.pitchDeg) && std::isfinite(p.fovYDeg);
}

struct Steps {
  double maxMove = 0.0;   // metres between consecutive samples
  double maxTurn = 0.0;   // radians between consecutive view directions
};

Steps maxSteps(const CameraFlight& f, int samples) {
  Steps s;
  CameraPose prev = f.at(0.0);
  for (int i = 1; i <= samples; ++i) {
    const CameraPose p = f.at(double(i) / samples);
    s.maxMove = std::max(s.maxMove, glm::length(p.eye - prev.eye));
    s.maxTurn = std::max(s.maxTurn, std::acos(std::clamp(glm::dot(p.forward(), prev.forward()), -1.0, 1.0)));
    prev = p;
  }
  return s;
}

TEST(Easing, MonotoneFromZeroToOne) {
  for (Easing e : {Easing::Linear, Easing::EaseInOutCubic, Easing::Smoothstep}) {
    EXPECT_EQ(ease(e, 0.0), 0.0);
    EXPECT_EQ(ease(e, 1.0), 1.0);
    double last = 0.0;
    for (int i = 1; i <= 1000; ++i) {
      const double v = ease(e, i / 1000.0);
      EXPECT_GE(v, last) << int(e) << " at " << i;
      last = v;
    }
    EXPECT_NEAR(ease(e, 0.5), 0.5, 1e-12);  // all three are symmetric
  }
  EXPECT_LT(ease(Easing::EaseInOutCubic, 0.1), 0.1);  // eases in
}

TEST(CameraFlight, EndpointsAreExact) {
  const terrain::HeightField field = planeField(50.0);
  const CameraPose a = lookAtPose({-6000, -4000, 50}, 5000, 20, -40);
  const CameraPose b = lookAtPose({5000, 3000, 50}, 1200, 200, -25, 35);
  const CameraFlight f(a, b, {}, &field, 1.5);
  expectSamePose(f.at(0.0), a);
  expectSamePose(f.at(1.0), b);
  // and the ends are approached continuously, not snapped to
  EXPECT_LT(glm::length(f.at(1e-6).eye - a.eye), 1.0);
  EXPECT_LT(glm::length(f.at(1.0 - 1e-6).eye - b.eye), 1.0);
}

TEST(CameraFlight, ContinuousInPositionAndDirection) {
  const terrain::HeightField field = ridgeField(600.0, 2500.0);
  const CameraPose a = lookAtPose({-7000, -5000, 0}, 3000, 60, -35);
  const CameraPose b = lookAtPose({7000, 6000, 0}, 2000, 300, -20);
  for (Easing easing : {Easing::Linear, Easing::EaseInOutCubic, Easing::Smoothstep}) {
    FlightOptions o;
    o.easing = easing;
    const CameraFlight f(a, b, o, &field, 2.0);
    const double n = 600.0 * f.durationSeconds();  // dt = 1/600 s
    const Steps coarse = maxSteps(f, int(n)), fine = maxSteps(f, int(4 * n));
    // Bounded: no sample jumps more than a small fraction of the whole route.
    const double route = glm::length(b.eye - a.eye);
    EXPECT_LT(coarse.maxMove, 0.01 * route) << int(easing);
    EXPECT_LT(coarse.maxTurn, glm::radians(1.0)) << int(easing);
    // Shrinking with dt (about 4x for 4x more samples): there is no jump hidden in the path.
    EXPECT_LT(fine.maxMove, 0.35 * coarse.maxMove) << int(easing);
    EXPECT_LT(fine.maxTurn, 0.35 * coarse.maxTurn) << int(easing);
  }
}

TEST(CameraFlight, ZoomsOutBetweenDistantViewsButNotNearOnes) {
  const terrain::HeightField field = planeField(0.0);
  // Same pitch at both ends over a plane: eye height is proportional to the view range.
  const CameraPose a = lookAtPose({-8000, 0, 0}, 1500, 90, -45);
  const CameraPose b = lookAtPose({8000, 500, 0}, 1000, 90, -45);
  const CameraFlight far(a, b, {}, &field, 1.0);
  EXPECT_GT(far.at(0.5).eye.z, 2.0 * std::max(a.eye.z, b.eye.z));

  const CameraPose c = lookAtPose({-8000 + 60, 0, 0}, 1000, 90, -45);  // 60 m apart, 1 km range
  const CameraFlight near(a, c, {}, &field, 1.0);
  double highest = 0.0;
  for (int i = 0; i <= 200; ++i) highest = std::max(highest, near.at(i / 200.0).eye.z);
  EXPECT_LE(highest, 1.01 * std::max(a.eye.z, c.eye.z));
  EXPECT_LT(near.pathLength(), far.pathLength());
  EXPECT_LT(near.durationSeconds(), far.durationSeconds());
}

TEST(CameraFlight, StaysAboveTheGroundAcrossARidge) {
  const double ex = 1.5;
  const terrain::HeightField field = ridgeField(900.0, 3000.0);
  FlightOptions o;
  o.clearance = 40.0;
  // Low views on either side of the ridge, so the straight zoom path would cut through it.
  const CameraPose a = lookAtPose({-4000, 0, 0}, 400, 90, -10);
  const CameraPose b = lookAtPose({4000, 300, 0}, 400, 270, -10);
  bool crossesRidge = false;
  for (double rho : {1.4, 0.3}) {  // rho 0.3: almost no zoom-out, so the lift must do the work
    o.rho = rho;
    const CameraFlight f(a, b, o, &field, ex);
    double worst = 1e9;
    for (int i = 0; i <= 20000; ++i) {
      const CameraPose p = f.at(i / 20000.0);
      ASSERT_TRUE(finitePose(p));
      worst = std::min(worst, p.eye.z - field.sample(glm::dvec2(p.eye)) * ex);
      if (std::abs(p.eye.x) < 500.0) crossesRidge = true;
    }
    EXPECT_GE(worst, o.clearance - 1e-6) << "rho " << rho;
    // The lift rises smoothly: it adds no jump to the flight it modifies.
    const Steps lifted = maxSteps(f, 20000), free = maxSteps(CameraFlight(a, b, o, nullptr, ex), 20000);
    EXPECT_LT(lifted.maxMove, 1.5 * free.maxMove) << "rho " << rho;
    EXPECT_LT(lifted.maxTurn, glm::radians(0.1)) << "rho " << rho;
  }
  EXPECT_TRUE(crossesRidge);
}

TEST(TerrainClearance, NanPointsHaveNoGroundAndFarPointsClampToTheEdge) {
  const terrain::HeightField field = ridgeField(900.0, 3000.0);
  EXPECT_TRUE(std::isnan(groundZ(field, 1.5, {NAN, 0.0})));
  EXPECT_TRUE(std::isnan(maxGroundZNear(field, 1.5, {0.0, NAN}, 100.0)));
  EXPECT_TRUE(std::isnan(maxGroundZNear(field, 1.5, {0.0, 0.0}, NAN)));
  // A point far beyond int range used to be cast to an int cell index before clamping.
  const double edge = maxGroundZNear(field, 1.5, {1e6, 0.0}, 1.0);
  EXPECT_EQ(maxGroundZNear(field, 1.5, {1e300, 0.0}, 1.0), edge);
  EXPECT_TRUE(std::isfinite(maxGroundZNear(field, 1.5, {-INFINITY, INFINITY}, 1e12)));
}

TEST(CameraFlight, EndsBelowTheClearanceAreReachedWithoutAJump) {
  // Both ends sit 10 m above a mountain's flank, closer than the flight's 30 m clearance: the
  // flight must still start and end exactly there, and leave and arrive continuously.
  const double ex = 1.0;
  const terrain::HeightField field = test::coneField(0, 0, 2000, 5000);
  auto onFlank = [&](double x, double y, double heading) {
    CameraPose p;
    p.eye = {x, y, field.sample({x, y}) * ex + 10.0};
    p.headingDeg = heading;
    p.pitchDeg = -15;
    return p;
  };
  const CameraPose a = onFlank(-2500, 0, 90), b = onFlank(0, 2600, 180);
  FlightOptions o;
  o.clearance = 30.0;
  const CameraFlight f(a, b, o, &field, ex);
  expectSamePose(f.at(0.0), a);
  expectSamePose(f.at(1.0), b);
  const double route = glm::length(b.eye - a.eye);
  for (double t : {1e-5, 1e-4, 1e-3}) {
    EXPECT_LT(glm::length(f.at(t).eye - a.eye), 1e-3 * route) << t;
    EXPECT_LT(glm::length(f.at(1.0 - t).eye - b.eye), 1e-3 * route) << t;
  }
  const Steps coarse = maxSteps(f, 3000), fine = maxSteps(f, 12000);
  EXPECT_LT(fine.maxMove, 0.35 * coarse.maxMove);
  // The clearance grows from the ends' 10 m with distance travelled, up to the full 30 m.
  int full = 0;
  for (int i = 1; i < 4000; ++i) {
    const CameraPose p = f.at(i / 4000.0);
    const double c = p.eye.z - field.sample(glm::dvec2(p.eye)) * ex;
    const double owed = std::min({o.clearance, 10.0 + glm::length(p.eye - a.eye), 10.0 + glm::length(p.eye - b.eye)});
    EXPECT_GE(c, owed - 0.5) << i;
    if (i >= 1000 && i <= 3000) full += c >= o.clearance - 1e-6;
  }
  EXPECT_EQ(full, 2001);  // mid-flight, the whole clearance
}

TEST(CameraFlight, SamePoseIsAStillFlight) {
  const terrain::HeightField field = planeField(0.0);
  const CameraPose a = lookAtPose({100, 200, 0}, 3000, 45, -30);
  const CameraFlight f(a, a, {}, &field, 1.0);
  EXPECT_EQ(f.durationSeconds(), 0.0);
  expectSamePose(f.at(0.5), a);
  FlightOptions timed;
  timed.durationSeconds = 3.0;
  const CameraFlight g(a, a, timed, &field, 1.0);
  EXPECT_EQ(g.durationSeconds(), 3.0);
  for (int i = 0; i <= 10; ++i) {
    const CameraPose p = g.at(i / 10.0);
    ASSERT_TRUE(finitePose(p));
    EXPECT_NEAR(glm::length(p.eye - a.eye), 0.0, 1e-6);
  }
}

TEST(CameraFlight, SharedTargetIsAPureZoom) {
  const glm::dvec3 target(500, -200, 0);
  const CameraPose a = lookAtPose(target, 8000, 30, -50), b = lookAtPose(target, 500, 30, -50);
  const CameraFlight f(a, b, {}, nullptr, 1.0);
  EXPECT_GT(f.durationSeconds(), 0.0);
  double last = 1e18;
  for (int i = 0; i <= 100; ++i) {
    const CameraPose p = f.at(i / 100.0);
    ASSERT_TRUE(finitePose(p));
    const double range = glm::length(p.eye - target);
    EXPECT_LE(range, last + 1e-9);  // only ever closer
    EXPECT_NEAR(glm::length(glm::cross(p.forward(), glm::normalize(target - p.eye))), 0.0, 1e-9);
    last = range;
  }
}

TEST(CameraFlight, PureRotationTurnsTheShortWay) {
  const glm::dvec3 target(0, 0, 0);
  const CameraPose a = lookAtPose(target, 2000, 350, -30), b = lookAtPose(target, 2000, 10, -30);
  const CameraFlight f(a, b, {}, nullptr, 1.0);
  EXPECT_GT(f.durationSeconds(), 0.0);
  for (int i = 0; i <= 100; ++i) {
    const CameraPose p = f.at(i / 100.0);
    const double h = std::fmod(p.headingDeg + 360.0, 360.0);
    EXPECT_TRUE(h >= 349.999 || h <= 10.001) << h;  // never swings through the south
    EXPECT_NEAR(glm::length(p.eye - target), 2000.0, 1e-6);
  }
}

TEST(CameraFlight, DurationFollowsPathLengthWithinLimits) {
  FlightOptions o;
  o.minSeconds = 1.0;
  o.maxSeconds = 6.0;
  const CameraPose a = lookAtPose({0, 0, 0}, 1000, 0, -45);
  const CameraFlight shortHop(a, lookAtPose({800, 0, 0}, 1000, 0, -45), o, nullptr, 1.0);
  const CameraFlight longHop(a, lookAtPose({6000, 0, 0}, 1000, 0, -45), o, nullptr, 1.0);
  const CameraFlight huge(a, lookAtPose({9e6, 0, 0}, 1000, 0, -45), o, nullptr, 1.0);
  EXPECT_GE(shortHop.durationSeconds(), 1.0);
  EXPECT_GT(longHop.durationSeconds(), shortHop.durationSeconds());
  EXPECT_EQ(huge.durationSeconds(), 6.0);
  o.durationSeconds = 2.5;
  EXPECT_EQ(CameraFlight(a, lookAtPose({6000, 0, 0}, 1000, 0, -45), o, nullptr, 1.0).durationSeconds(), 2.5);
}

}  // namespace
}  // namespace tb::camera
