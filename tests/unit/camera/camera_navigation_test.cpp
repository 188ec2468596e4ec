// NavigationController: picked points stay under the cursor (orbit, pan, zoom), inertia decays,
// the eye never goes below terrain + clearance, flights run and are cancelled by input.
#include <gtest/gtest.h>

#include <cmath>

#include "AnalyticTerrain.h"
#include "camera/CameraNavigation.h"
#include "camera/CameraRay.h"
#include "terrain/TerrainRay.h"

namespace tb::camera {
namespace {

constexpr int kW = 1280, kH = 720;
constexpr double kEx = 1.5;

using test::projectWithMatrices;

struct Rig {
  terrain::HeightField field;
  NavigationController nav;
  Rig(terrain::HeightField f, const CameraPose& start, NavigationOptions o = {})
      : field(std::move(f)), nav(start, o) {
    nav.setViewport(kW, kH);
    nav.setTerrain(&field, kEx);
  }
  glm::dvec3 pickNow(double px, double py) const {
    const auto hit = terrain::intersectRay(field, nav.pose().eye, rayDirection(nav.pose(), kW, kH, px, py), kEx);
    EXPECT_TRUE(hit);
    return hit.value_or(glm::dvec3(0.0));
  }
  double clearance(const CameraPose& p) const { return p.eye.z - field.sample(glm::dvec2(p.eye)) * kEx; }
};

void expectAtPixel(const CameraPose& pose, const glm::dvec3& point, glm::dvec2 px) {
  const glm::dvec2 got = projectWithMatrices(pose, kW, kH, point);
  EXPECT_NEAR(got.x, px.x, 0.5);
  EXPECT_NEAR(got.y, px.y, 0.5);
}

TEST(Orbit, RotationKeepsThePivotUnderTheCursor) {
  Rig rig(test::coneField(0, 0, 1200, 6000), lookAtPose({0, 0, 1200 * kEx}, 9000, 20, -40));
  const glm::dvec2 start(900, 250);
  const glm::dvec3 pivot = rig.pickNow(start.x, start.y);
  const CameraPose before = rig.nav.pose();
  expectAtPixel(before, pivot, start);
  rig.nav.mouseDown(MouseButton::Left, start.x, start.y);
  glm::dvec2 m = start;
  for (int i = 0; i < 40; ++i) {
    m += glm::dvec2(7.0, i < 20 ? -3.0 : 4.0);
    rig.nav.mouseMove(m.x, m.y);
    rig.nav.update(1.0 / 60.0);
    expectAtPixel(rig.nav.pose(), pivot, start);
  }
  rig.nav.mouseUp(MouseButton::Left, m.x, m.y);
  // The drag did turn the camera (280 px at 0.25 deg/px), so the check above was not vacuous.
  EXPECT_NEAR(std::fmod(before.headingDeg - rig.nav.pose().headingDeg + 360.0, 360.0), 70.0, 1e-6);
  EXPECT_GT(glm::length(rig.nav.pose().eye - before.eye), 1000.0);
}

TEST(Orbit, PitchStaysWithinLimits) {
  Rig rig(test::planeField(0), lookAtPose({0, 0, 0}, 5000, 0, -45));
  rig.nav.mouseDown(MouseButton::Left, 640, 360);
  for (int i = 0; i < 200; ++i) rig.nav.mouseMove(640, 360 - 10.0 * i);  // up: towards the horizon
  EXPECT_LE(rig.nav.pose().pitchDeg, 0.0);
  EXPECT_GE(rig.nav.pose().pitchDeg, -89.9);
  // Orbiting about a point on the plane, the eye meets the ground just before the horizon: it
  // tilts as far as the clearance allows, no further.
  EXPECT_GT(rig.nav.pose().pitchDeg, -0.2);
  EXPECT_GE(rig.clearance(rig.nav.pose()), 5.0 - 1e-9);
  for (int i = 0; i < 400; ++i) rig.nav.mouseMove(640, -1990 + 10.0 * i);  // down: towards nadir
  EXPECT_NEAR(rig.nav.pose().pitchDeg, -89.9, 1e-9);
}

TEST(Orbit, WheelZoomKeepsThePointUnderTheCursor) {
  Rig rig(test::coneField(1000, 2000, 1500, 5000), lookAtPose({1000, 2000, 0}, 12000, 200, -35));
  const glm::dvec2 cursor(300, 500);
  const glm::dvec3 point = rig.pickNow(cursor.x, cursor.y);
  const double before = glm::length(point - rig.nav.pose().eye);
  for (int i = 0; i < 5; ++i) {
    rig.nav.wheel(1.0, cursor.x, cursor.y);
    expectAtPixel(rig.nav.pose(), point, cursor);
  }
  EXPECT_NEAR(glm::length(point - rig.nav.pose().eye), before * std::pow(0.85, 5), 1e-6 * before);
  rig.nav.wheel(-2.0, cursor.x, cursor.y);  // and back out
  expectAtPixel(rig.nav.pose(), point, cursor);
  EXPECT_NEAR(glm::length(point - rig.nav.pose().eye), before * std::pow(0.85, 3), 1e-6 * before);
}

TEST(Orbit, PanKeepsTheGrabbedPointUnderTheCursor) {
  Rig rig(test::coneField(0, 0, 1000, 7000), lookAtPose({0, 0, 0}, 10000, 135, -50));
  for (MouseButton button : {MouseButton::Right, MouseButton::Middle}) {
    glm::dvec2 m(500, 420);
    const glm::dvec3 grabbed = rig.pickNow(m.x, m.y);
    const double z = rig.nav.pose().eye.z;
    rig.nav.mouseDown(button, m.x, m.y);
    for (int i = 0; i < 30; ++i) {
      m += glm::dvec2(9.0, -4.0);
      rig.nav.mouseMove(m.x, m.y);
      expectAtPixel(rig.nav.pose(), grabbed, m);
    }
    rig.nav.mouseUp(button, m.x, m.y);
    EXPECT_NEAR(rig.nav.pose().eye.z, z, 1e-9);  // panning slides, it does not climb
  }
}

TEST(Orbit, PanGrabsTheLowlandBeyondTheGridEdge) {
  // The field spans +-10 km; the camera near its east edge looks east, over the edge, where the
  // ground is taken to continue at the field's lowest height (0 here).
  Rig rig(test::coneField(0, 0, 1000, 3000), lookAtPose({10500, 0, 0}, 3000, 90, -30));
  glm::dvec2 m(640, 300);
  const glm::dvec3 d = rayDirection(rig.nav.pose(), kW, kH, m.x, m.y);
  const glm::dvec3 grabbed = rig.nav.pose().eye + d * (-rig.nav.pose().eye.z / d.z);
  ASSERT_GT(grabbed.x, 10000.0);  // really beyond the grid
  rig.nav.mouseDown(MouseButton::Middle, m.x, m.y);
  for (int i = 0; i < 10; ++i) {
    m += glm::dvec2(-5.0, 12.0);
    rig.nav.mouseMove(m.x, m.y);
    expectAtPixel(rig.nav.pose(), grabbed, m);
  }
}

TEST(Orbit, InertiaDecaysAfterAFastReleaseOnly) {
  Rig rig(test::planeField(0), lookAtPose({0, 0, 0}, 5000, 0, -45));
  rig.nav.mouseDown(MouseButton::Right, 640, 400);
  for (int i = 1; i <= 10; ++i) {
    rig.nav.mouseMove(640 + 15.0 * i, 400);
    rig.nav.update(1.0 / 60.0);
  }
  rig.nav.mouseUp(MouseButton::Right, 790, 400);
  ASSERT_TRUE(rig.nav.isAnimating());
  double lastStep = 1e18;
  int frames = 0;
  while (rig.nav.isAnimating() && frames < 1000) {
    const glm::dvec3 before = rig.nav.pose().eye;
    rig.nav.update(1.0 / 60.0);
    const double step = glm::length(rig.nav.pose().eye - before);
    EXPECT_LE(step, lastStep + 1e-9);  // exponential decay: each step no longer than the last
    lastStep = step;
    ++frames;
  }
  EXPECT_GT(frames, 5);
  EXPECT_LT(frames, 1000);  // and it comes to rest

  // A drag that rests before release has no inertia.
  rig.nav.mouseDown(MouseButton::Right, 640, 400);
  rig.nav.mouseMove(700, 400);
  rig.nav.update(1.0 / 60.0);
  for (int i = 0; i < 20; ++i) rig.nav.update(1.0 / 60.0);
  rig.nav.mouseUp(MouseButton::Right, 700, 400);
  EXPECT_FALSE(rig.nav.isAnimating());
}

TEST(Orbit, RotationInertiaKeepsTurningAboutThePivot) {
  // Gently sloping (not exactly level: a ray meeting a flat field exactly at its minimum height is
  // missed by terrain::intersectRay through rounding, which is the terrain module's to fix).
  Rig rig(test::makeField([](double x, double y) { return 100.0 + 0.01 * x + 0.005 * y; }),
          lookAtPose({0, 0, 150}, 6000, 0, -40));
  const glm::dvec2 start(700, 420);
  const glm::dvec3 pivot = rig.pickNow(start.x, start.y);
  rig.nav.mouseDown(MouseButton::Left, start.x, start.y);
  for (int i = 1; i <= 8; ++i) {
    rig.nav.mouseMove(start.x + 12.0 * i, start.y);
    rig.nav.update(1.0 / 60.0);
  }
  rig.nav.mouseUp(MouseButton::Left, start.x + 96.0, start.y);
  const double released = rig.nav.pose().headingDeg;
  for (int i = 0; i < 30; ++i) {
    rig.nav.update(1.0 / 60.0);
    expectAtPixel(rig.nav.pose(), pivot, start);
  }
  EXPECT_GT(std::abs(rig.nav.pose().headingDeg - released), 1.0);  // it kept turning
  rig.nav.mouseDown(MouseButton::Left, 10, 10);  // grabbing again stops it
  EXPECT_FALSE(rig.nav.isAnimating());
}

TEST(Collision, FlyingIntoAMountainNeverGoesBelowTheGround) {
  NavigationOptions o;
  o.clearance = 5.0;
  // Low over the plain, heading east straight at a 2000 m cone.
  CameraPose start;
  start.eye = {-4500, 0, 30};
  start.headingDeg = 90;
  start.pitchDeg = -5;
  Rig rig(test::coneField(0, 0, 2000, 4000), start, o);
  rig.nav.setMode(NavigationMode::Fly);
  rig.nav.keyDown(NavKey::Forward);
  rig.nav.keyDown(NavKey::Faster);
  double highest = 0.0;
  for (int i = 0; i < 2400; ++i) {
    rig.nav.update(1.0 / 60.0);
    ASSERT_GE(rig.clearance(rig.nav.pose()), o.clearance - 1e-9) << "frame " << i;
    highest = std::max(highest, rig.nav.pose().eye.z);
  }
  EXPECT_GT(rig.nav.pose().eye.x, -2000.0);  // it did reach the mountain...
  EXPECT_GT(highest, 1000.0 * kEx);          // ...and slid up its flank
  rig.nav.keyUp(NavKey::Forward);
  rig.nav.keyDown(NavKey::Down);  // descending into the ground stops at the clearance
  for (int i = 0; i < 300; ++i) rig.nav.update(1.0 / 60.0);
  EXPECT_NEAR(rig.clearance(rig.nav.pose()), o.clearance, 1e-6);
}

TEST(Collision, WheelAndOrbitStayAboveTheGround) {
  Rig rig(test::coneField(0, 0, 2000, 4000), lookAtPose({0, -1000, 1500 * kEx}, 3000, 0, -20));
  for (int i = 0; i < 60; ++i) {
    rig.nav.wheel(2.0, 640, 360);
    EXPECT_GE(rig.clearance(rig.nav.pose()), 5.0 - 1e-9);
  }
  rig.nav.mouseDown(MouseButton::Left, 640, 500);
  for (int i = 0; i < 100; ++i) {
    rig.nav.mouseMove(640 + 3.0 * i, 500 - 4.0 * i);
    EXPECT_GE(rig.clearance(rig.nav.pose()), 5.0 - 1e-9);
  }
}

TEST(Fly, SpeedScalesWithHeightAboveGround) {
  auto travelled = [](double height) {
    CameraPose start;
    start.eye = {0, 0, height};
    start.pitchDeg = 0;
    Rig rig(test::planeField(0), start);
    rig.nav.setMode(NavigationMode::Fly);
    rig.nav.keyDown(NavKey::Forward);
    for (int i = 0; i < 10; ++i) rig.nav.update(0.01);
    return glm::length(rig.nav.pose().eye - start.eye);
  };
  EXPECT_NEAR(travelled(2000.0) / travelled(200.0), 10.0, 0.5);
}

TEST(Fly, MouseLookTurnsAboutTheEye) {
  CameraPose start;
  start.eye = {0, 0, 500};
  Rig rig(test::planeField(0), start);
  rig.nav.setMode(NavigationMode::Fly);
  rig.nav.mouseDown(MouseButton::Left, 100, 100);
  rig.nav.mouseMove(200, 50);
  EXPECT_EQ(rig.nav.pose().eye, start.eye);
  EXPECT_NEAR(rig.nav.pose().headingDeg, 15.0, 1e-9);  // right: turn right
  EXPECT_NEAR(rig.nav.pose().pitchDeg, start.pitchDeg + 7.5, 1e-9);  // up: look up
}

TEST(Flights, FlyToArrivesAndInputCancelsIt) {
  Rig rig(test::ridgeField(800, 3000), lookAtPose({-5000, 0, 0}, 2000, 90, -30));
  const CameraPose goal = lookAtPose({5000, 2000, 0}, 1500, 270, -25);
  rig.nav.flyTo(goal);
  ASSERT_TRUE(rig.nav.isFlying());
  int frames = 0;
  while (rig.nav.isFlying() && frames < 10000) {
    rig.nav.update(1.0 / 60.0);
    EXPECT_GE(rig.clearance(rig.nav.pose()), 5.0 - 1e-6);
    ++frames;
  }
  EXPECT_EQ(rig.nav.pose().eye, goal.eye);
  EXPECT_GT(frames, 30);

  rig.nav.setHome(lookAtPose({0, 0, 0}, 15000, 0, -50));
  rig.nav.keyDown(NavKey::Home);
  ASSERT_TRUE(rig.nav.isFlying());
  rig.nav.update(0.1);
  EXPECT_GT(glm::length(rig.nav.pose().eye - goal.eye), 1.0);  // on its way home
  rig.nav.wheel(1.0, 640, 360);  // direct manipulation wins
  EXPECT_FALSE(rig.nav.isFlying());
  const CameraPose stopped = rig.nav.pose();
  rig.nav.update(0.1);
  EXPECT_EQ(rig.nav.pose().eye, stopped.eye);

  rig.nav.setMode(NavigationMode::Fly);  // in fly mode a movement key cancels a flight too
  rig.nav.goHome();
  ASSERT_TRUE(rig.nav.isFlying());
  rig.nav.keyDown(NavKey::Forward);
  EXPECT_FALSE(rig.nav.isFlying());
}

TEST(Exaggeration, ChangingItKeepsThePointLookedAt) {
  // Issue 12, item 2: the slider must not push the terrain off-screen. Looking at a cone's flank
  // from the side, the centre pixel stays on the same ground point, raised with the terrain.
  Rig rig(test::coneField(0, 0, 2000, 6000), lookAtPose({-2000, 0, (2000.0 * 2 / 3) * kEx}, 9000, 90, -25));
  const glm::dvec3 before = rig.pickNow(kW / 2.0, kH / 2.0);
  const double range = glm::length(before - rig.nav.pose().eye);
  for (double ex : {4.0, 1.0}) {
    rig.nav.setTerrain(&rig.field, ex);
    const auto hit = terrain::intersectRay(rig.field, rig.nav.pose().eye, rig.nav.pose().forward(), ex);
    ASSERT_TRUE(hit) << ex;
    EXPECT_NEAR(hit->x, before.x, 1.0) << ex;
    EXPECT_NEAR(hit->y, before.y, 1.0) << ex;
    EXPECT_NEAR(hit->z, before.z / kEx * ex, 1.0) << ex;
    EXPECT_NEAR(glm::length(*hit - rig.nav.pose().eye), range, 1.0) << ex;
  }
}

// [SECTION] bounds: no input path may take the eye far from the data (issue 12, item 1)

bool insideBounds(const NavigationController& nav) {
  const auto& b = nav.bounds();
  const glm::dvec3 e = nav.pose().eye;
  return std::isfinite(e.x) && std::isfinite(e.y) && std::isfinite(e.z) && b.contains(e);
}

TEST(Bounds, AreAroundTheTerrain) {
  Rig rig(test::planeField(0), lookAtPose({0, 0, 0}, 5000, 0, -45));
  const auto& b = rig.nav.bounds();
  // The field spans 20 km: one size of margin on each side, a ceiling two sizes up.
  EXPECT_NEAR(b.lo.x, -30000.0, 1e-6);
  EXPECT_NEAR(b.hi.y, 30000.0, 1e-6);
  EXPECT_NEAR(b.hi.z, 40000.0, 1e-6);
}

TEST(Bounds, WheelOverTheSkyDoesNotClimb) {
  // Level camera, pointer on the sky above the horizon: "zoom in" must not climb away.
  CameraPose start;
  start.eye = {0, -8000, 2600};
  start.pitchDeg = 0;
  Rig rig(test::planeField(0), start);
  for (int i = 0; i < 15; ++i) rig.nav.wheel(1.0, 640, 40);
  EXPECT_NEAR(rig.nav.pose().eye.z, 2600.0, 1e-6);
  EXPECT_GT(rig.nav.pose().eye.y, start.eye.y);  // it did move, toward the horizon
  EXPECT_TRUE(insideBounds(rig.nav));
}

TEST(Bounds, WheelOutStopsAtTheBounds) {
  Rig rig(test::planeField(0), lookAtPose({0, 0, 0}, 5000, 0, -45));
  for (int i = 0; i < 200; ++i) {
    rig.nav.wheel(-1.0, 640, 360);
    ASSERT_TRUE(insideBounds(rig.nav)) << "notch " << i;
  }
  EXPECT_GT(rig.nav.pose().eye.z, 20000.0);  // it zoomed out as far as allowed
}

TEST(Bounds, FlyingAwayStopsAtTheBoundsWithCappedSpeed) {
  CameraPose start;
  start.eye = {0, 0, 500};
  start.pitchDeg = 5;
  Rig rig(test::planeField(0), start);
  rig.nav.setMode(NavigationMode::Fly);
  rig.nav.keyDown(NavKey::Forward);
  glm::dvec3 last = rig.nav.pose().eye;
  const double cap = 20000.0 / 8.0;  // one size in 8 s
  for (int i = 0; i < 35 * 60; ++i) {
    rig.nav.update(1.0 / 60.0);
    ASSERT_TRUE(insideBounds(rig.nav)) << "frame " << i;
    ASSERT_LE(glm::length(rig.nav.pose().eye - last), cap / 60.0 + 1e-6) << "frame " << i;
    last = rig.nav.pose().eye;
  }
  rig.nav.keyUp(NavKey::Forward);
  rig.nav.keyDown(NavKey::Up);
  for (int i = 0; i < 60 * 60; ++i) rig.nav.update(1.0 / 60.0);
  EXPECT_TRUE(insideBounds(rig.nav));
}

TEST(Bounds, HomeSiteOrViewFromFarAwayLandsSafely) {
  // A pose as far off as the one in the bug report is pulled in; every flight from the edge of
  // the bounds stays inside them and arrives.
  Rig rig(test::coneField(0, 0, 2000, 4000), lookAtPose({0, 0, 0}, 5000, 0, -45));
  CameraPose far = rig.nav.pose();
  far.eye = {-55016941.1, 30033522.6, 290000.0};
  rig.nav.setPose(far);
  EXPECT_TRUE(insideBounds(rig.nav));
  const CameraPose home = lookAtPose({0, 0, 0}, 15000, 0, -50);
  rig.nav.setHome(home);
  rig.nav.keyDown(NavKey::Home);
  int frames = 0;
  while (rig.nav.isFlying() && frames < 10000) {
    rig.nav.update(1.0 / 60.0);
    ASSERT_TRUE(insideBounds(rig.nav)) << "frame " << frames;
    ++frames;
  }
  EXPECT_EQ(rig.nav.pose().eye, home.eye);
  // A target outside the bounds (a saved view far off) is flown to its nearest allowed point.
  CameraPose outside = home;
  outside.eye = {1e7, 0, 1e6};
  rig.nav.flyTo(outside);
  while (rig.nav.isFlying()) rig.nav.update(1.0 / 60.0);
  EXPECT_TRUE(insideBounds(rig.nav));
}

}  // namespace
}  // namespace tb::camera
