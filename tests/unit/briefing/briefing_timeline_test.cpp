// BriefingTimeline: step layout in time, continuity across step boundaries (flights, orbits,
// exaggeration changes), terrain clearance over a ridge, and each transition kind's profile.
#include <gtest/gtest.h>

#include <cmath>

#include "BriefingFixtures.h"
#include "briefing/BriefingTimeline.h"
#include "camera/TerrainClearance.h"
#include "core/Error.h"

namespace tb::briefing {
namespace {

using test::angleBetween;

Step lookAtStep(const world::World& w, std::string id, glm::dvec2 local, double range, double heading, double pitch,
                double hold) {
  Step s;
  s.id = id;
  s.title = "Title " + id;
  s.caption = "Caption " + id;
  s.view.kind = StepView::Kind::LookAt;
  s.view.spec.kind = scene::ViewSpec::Kind::LookAt;
  const glm::dvec2 ll = w.toLonLat(local);
  s.view.spec.lon = ll.x, s.view.spec.lat = ll.y;
  s.view.spec.rangeOrHeight = range;
  s.view.spec.headingDeg = heading;
  s.view.spec.pitchDeg = pitch;
  s.holdSeconds = hold;
  return s;
}

Transition transition(TransitionKind kind, std::optional<double> seconds,
                      camera::Easing easing = camera::Easing::EaseInOutCubic) {
  return {kind, seconds, easing};
}

double clearance(const world::World& w, const FrameState& f) {
  return f.camera.eye.z - camera::groundZ(w.heights, f.exaggeration, glm::dvec2(f.camera.eye));
}

// Hills everywhere, so that flights and orbits have terrain to clear.
terrain::HeightField hills() {
  return test::analyticField([](double x, double y) { return 300.0 + 250.0 * std::sin(x / 3000.0) * std::cos(y / 2500.0); });
}

struct Timeline : ::testing::Test {
  std::unique_ptr<world::World> world = test::testWorld(hills());
  Briefing briefing;

  void SetUp() override {
    briefing.title = "T";
    const world::World& w = *world;
    Step a = lookAtStep(w, "a", {-8000, -3000}, 3000, 30, -35, 3);
    a.orbitDegPerSec = 4.0;
    Step b = lookAtStep(w, "b", {9000, 6000}, 1500, 250, -25, 2);
    b.transition = transition(TransitionKind::Flight, 6.0);
    b.orbitDegPerSec = -3.0;
    b.exaggeration = 3.0;  // changes during the flight into b
    b.sun = Sun{300, 15};
    Step c;
    c.id = "c", c.title = "site", c.holdSeconds = 2.5;
    c.view.kind = StepView::Kind::Site, c.view.ref = "east";
    c.transition = transition(TransitionKind::Flight, std::nullopt, camera::Easing::Smoothstep);  // automatic length
    c.orbitDegPerSec = 5.0;
    Step d = lookAtStep(w, "d", {-2000, 8000}, 4000, 0, -50, 1);
    d.transition = transition(TransitionKind::Cut, std::nullopt);
    Step e = lookAtStep(w, "e", {3000, -9000}, 2500, 120, -30, 2);
    e.transition = transition(TransitionKind::Fade, 2.0);
    e.highlight = {"west"};
    briefing.steps = {a, b, c, d, e};
  }
};

TEST_F(Timeline, LaysStepsOutInTime) {
  const BriefingTimeline tl(briefing, *world);
  ASSERT_EQ(tl.stepCount(), 5u);
  EXPECT_EQ(tl.stepStart(0), 0.0);
  EXPECT_EQ(tl.transitionDuration(0), 0.0);
  EXPECT_DOUBLE_EQ(tl.stepStart(1), 3.0);
  EXPECT_DOUBLE_EQ(tl.holdStart(1), 9.0);
  EXPECT_DOUBLE_EQ(tl.stepStart(2), 11.0);
  EXPECT_GT(tl.transitionDuration(2), 0.5);  // an automatic flight takes some time
  EXPECT_EQ(tl.transitionDuration(3), 0.0);  // a cut takes none
  EXPECT_DOUBLE_EQ(tl.transitionDuration(4), 2.0);
  EXPECT_DOUBLE_EQ(tl.totalDuration(), tl.holdStart(4) + 2.0);
  for (size_t i = 0; i < tl.stepCount(); ++i) {
    EXPECT_EQ(tl.stepAt(tl.stepStart(i)), i);
    EXPECT_EQ(tl.stepAt(tl.holdStart(i) + 0.01), i);
    const FrameState f = tl.at(tl.holdStart(i) + 0.01);
    EXPECT_EQ(f.step, i);
    EXPECT_EQ(f.title, briefing.steps[i].title);
    EXPECT_FALSE(f.inTransition);
    EXPECT_EQ(f.transitionProgress, 1.0);
  }
  EXPECT_EQ(tl.at(-5).step, 0u);
  EXPECT_EQ(tl.at(1e9).step, 4u);
  // Inherited and changed state: b sets exaggeration 3 and the sun; later steps keep them.
  EXPECT_EQ(tl.at(0.5).exaggeration, 1.5);
  EXPECT_EQ(tl.at(tl.holdStart(3)).exaggeration, 3.0);
  EXPECT_EQ(tl.at(tl.holdStart(3)).sun, (Sun{300, 15}));
  EXPECT_EQ(tl.at(tl.holdStart(4) + 0.5).highlights, std::vector<std::string>{"west"});
}

TEST_F(Timeline, PoseIsContinuousAcrossEveryBoundary) {
  const BriefingTimeline tl(briefing, *world);
  const double eps = 1e-6;
  for (size_t i = 1; i < tl.stepCount(); ++i) {
    // A step's start, and its hold's start (the end of its transition in). Cuts and fades
    // jump on purpose (tested below); flights and orbits must not.
    std::vector<double> boundaries;
    if (tl.transitionDuration(i) > 0.0) boundaries.push_back(tl.holdStart(i));
    if (briefing.steps[i].transition.kind == TransitionKind::Flight) boundaries.push_back(tl.stepStart(i));
    for (double t : boundaries) {
      const FrameState before = tl.at(t - eps), after = tl.at(t + eps);
      EXPECT_LT(glm::length(before.camera.eye - after.camera.eye), 0.05) << "step " << i << " t " << t;
      EXPECT_LT(angleBetween(before.camera, after.camera), 1e-4) << "step " << i << " t " << t;
      EXPECT_NEAR(before.exaggeration, after.exaggeration, 1e-4);
    }
  }
  // And within flights and orbits, at a fine time step: no sample jumps far beyond its neighbours.
  const double dt = 1.0 / 120.0;
  for (size_t i = 0; i < 3; ++i) {
    double maxMove = 0.0, sum = 0.0;
    int n = 0;
    CameraPose prev = tl.at(tl.stepStart(i)).camera;
    for (double t = tl.stepStart(i) + dt; t < tl.stepStart(i + 1) - 1e-9; t += dt, ++n) {
      const CameraPose p = tl.at(t).camera;
      const double move = glm::length(p.eye - prev.eye);
      maxMove = std::max(maxMove, move), sum += move;
      EXPECT_LT(angleBetween(prev, p), glm::radians(3.0)) << "step " << i << " t " << t;
      prev = p;
    }
    EXPECT_LT(maxMove, 20.0 * sum / n + 1.0) << "step " << i;
  }
}

TEST_F(Timeline, OrbitTurnsAboutTheTargetAndEndsWhereTheNextFlightStarts) {
  const BriefingTimeline tl(briefing, *world);
  const FrameState start = tl.at(0.0), end = tl.at(tl.stepStart(1) - 1e-9);
  EXPECT_NEAR(end.camera.headingDeg - start.camera.headingDeg, 4.0 * 3.0, 1e-3);
  // The look-at target stays put: both views' rays pass through the same point.
  const camera::LookAtView look = camera::lookAtViewOf(start.camera, &world->heights, 1.5);
  const glm::dvec3 toTarget = look.target - end.camera.eye;
  EXPECT_LT(glm::length(glm::cross(glm::normalize(toTarget), end.camera.forward())), 1e-6);
  EXPECT_GT(glm::length(start.camera.eye - end.camera.eye), 100.0);  // it did move
}

TEST_F(Timeline, FlightsStayAboveTheTerrainAcrossARidge) {
  // A 2,000 m north-south ridge between two low views at its feet, looking across it.
  world = test::testWorld(test::analyticField([](double x, double) { return std::max(0.0, 2000.0 * (1.0 - std::abs(x) / 2500.0)); }));
  Briefing b;
  b.title = "ridge";
  b.steps.push_back(lookAtStep(*world, "w", {-2700, -500}, 900, 90, -15, 1));
  Step e = lookAtStep(*world, "e", {2700, 800}, 800, 270, -12, 1);
  e.transition = transition(TransitionKind::Flight, 5.0, camera::Easing::Linear);
  b.steps.push_back(e);
  auto lowestOver = [&](double wantedClearance) {
    TimelineOptions options;
    options.flight.clearance = wantedClearance;
    const BriefingTimeline tl(b, *world, options);
    double lowest = 1e300, highestGround = 0;
    for (double t = tl.stepStart(1); t <= tl.holdStart(1); t += 1.0 / 240.0) {
      const FrameState f = tl.at(t);
      lowest = std::min(lowest, clearance(*world, f));
      highestGround = std::max(highestGround, camera::groundZ(world->heights, f.exaggeration, glm::dvec2(f.camera.eye)));
    }
    EXPECT_GT(highestGround, 1000.0) << "the path must cross the ridge";
    return lowest;
  };
  for (double exaggeration : {1.0, 2.5}) {
    b.steps[0].exaggeration = exaggeration;
    // Without the planned lift this flight would cut through the ridge; with it, it clears it.
    EXPECT_LT(lowestOver(-1e9), 0.0) << "exaggeration " << exaggeration;
    EXPECT_GE(lowestOver(40.0), 0.0) << "exaggeration " << exaggeration;
  }
}

TEST_F(Timeline, CutJumpsExactlyAtItsTime) {
  const BriefingTimeline tl(briefing, *world);
  const double t = tl.stepStart(3);
  const FrameState before = tl.at(t - 1e-6), at = tl.at(t);
  EXPECT_EQ(before.step, 2u);
  EXPECT_EQ(at.step, 3u);
  EXPECT_EQ(at.camera.eye, tl.stepPose(3).eye);
  EXPECT_EQ(at.camera.headingDeg, tl.stepPose(3).headingDeg);
  EXPECT_GT(glm::length(before.camera.eye - at.camera.eye), 1000.0);
  EXPECT_EQ(at.fadeAlpha, 0.0);
}

TEST_F(Timeline, FadeGoesToBlackCutsAtTheMidpointAndComesBack) {
  const BriefingTimeline tl(briefing, *world);
  const double t0 = tl.stepStart(4), d = tl.transitionDuration(4), mid = t0 + 0.5 * d;
  const CameraPose prevEnd = tl.at(t0 - 1e-9).camera;
  EXPECT_EQ(tl.at(t0).fadeAlpha, 0.0);
  EXPECT_NEAR(tl.at(mid - 1e-9).fadeAlpha, 1.0, 1e-6);
  EXPECT_EQ(tl.at(mid).fadeAlpha, 1.0);
  EXPECT_NEAR(tl.at(t0 + d - 1e-9).fadeAlpha, 0.0, 1e-6);
  EXPECT_EQ(tl.at(t0 + d).fadeAlpha, 0.0);
  double last = -1.0;
  for (double t = t0; t < mid; t += d / 100) {
    const FrameState f = tl.at(t);
    EXPECT_GE(f.fadeAlpha, last);
    last = f.fadeAlpha;
    EXPECT_EQ(f.camera.eye, prevEnd.eye);  // the old view until the screen is black
    EXPECT_TRUE(f.highlights.empty());     // and the old step's highlights
    EXPECT_TRUE(f.inTransition);
    EXPECT_EQ(f.transition, TransitionKind::Fade);
  }
  for (double t = mid; t < t0 + d; t += d / 100) {
    const FrameState f = tl.at(t);
    EXPECT_LE(f.fadeAlpha, last);
    last = f.fadeAlpha;
    EXPECT_EQ(f.camera.eye, tl.stepPose(4).eye);
    EXPECT_EQ(f.highlights, std::vector<std::string>{"west"});
  }
  EXPECT_NEAR(tl.at(t0 + 0.25 * d).transitionProgress, 0.25, 1e-9);
}

TEST_F(Timeline, FlightsZoomOutBetweenDistantViewsOnly) {
  auto peakHeight = [&](glm::dvec2 from, glm::dvec2 to) {
    Briefing b;
    b.title = "zoom";
    b.steps.push_back(lookAtStep(*world, "a", from, 1500, 0, -40, 1));
    Step s = lookAtStep(*world, "b", to, 1500, 0, -40, 1);
    s.transition = transition(TransitionKind::Flight, 5.0);
    b.steps.push_back(s);
    const BriefingTimeline tl(b, *world);
    double peak = 0.0;
    for (double t = tl.stepStart(1); t <= tl.holdStart(1); t += 0.05) peak = std::max(peak, clearance(*world, tl.at(t)));
    return peak / clearance(*world, tl.at(0.0));
  };
  EXPECT_GT(peakHeight({-12000, -8000}, {12000, 9000}), 4.0);  // ~30 km apart: zooms far out
  EXPECT_LT(peakHeight({-300, 0}, {300, 0}), 1.5);             // 600 m apart: hardly at all
}

TEST_F(Timeline, FlightBlendsLayersExaggerationAndSun) {
  briefing.steps[1].layers = {{"Coast", false, std::nullopt}};
  briefing.steps[0].sun = Sun{20, 35};
  const BriefingTimeline tl(briefing, *world);
  const double t0 = tl.stepStart(1), d = tl.transitionDuration(1);
  const FrameState half = tl.at(t0 + 0.5 * d);
  EXPECT_TRUE(half.inTransition);
  EXPECT_NEAR(half.exaggeration, 2.25, 1e-9);  // ease-in-out is symmetric: halfway at the middle
  ASSERT_EQ(half.layers.size(), 2u);
  EXPECT_EQ(half.layers[1].name, "Coast");
  EXPECT_NEAR(half.layers[1].opacity, 0.5, 1e-9);  // fading out
  EXPECT_TRUE(half.layers[1].visible);
  EXPECT_FALSE(tl.at(tl.holdStart(1)).layers[1].visible);
  // The sun turns the short way round: 20 -> 300 passes north (340), not south (160).
  EXPECT_NEAR(std::fmod(half.sun.azimuthDeg + 360.0, 360.0), 340.0, 1e-9);
  EXPECT_NEAR(half.sun.elevationDeg, 0.5 * (35 + 15), 1e-9);
}

TEST_F(Timeline, StillOfAStepWithoutHoldShowsThatStep) {
  // Issue 12, item 4: an imported tour without waits has steps with no hold; each still must carry
  // its own step's caption and camera, not the next step's (whose interval begins at that time).
  for (Step& s : briefing.steps) s.holdSeconds = 0.0, s.orbitDegPerSec = 0.0;
  const BriefingTimeline tl(briefing, *world);
  for (size_t i = 0; i < tl.stepCount(); ++i) {
    const double t = tl.stillTime(i);
    EXPECT_DOUBLE_EQ(t, tl.holdStart(i));
    const FrameState f = tl.atStep(i, t);
    EXPECT_EQ(f.step, i);
    EXPECT_EQ(f.title, briefing.steps[i].title);
    EXPECT_EQ(f.caption, briefing.steps[i].caption);
    EXPECT_FALSE(f.inTransition);
    EXPECT_LT(glm::length(f.camera.eye - tl.stepPose(i).eye), 1e-6) << "step " << i;
  }
  // at() is unchanged: a boundary belongs to the step that starts there.
  EXPECT_EQ(tl.at(tl.holdStart(1)).step, 2u);
}

TEST_F(Timeline, RejectsReferencesTheWorldDoesNotHave) {
  briefing.steps[2].view.ref = "nowhere";
  EXPECT_THROW(BriefingTimeline(briefing, *world), Error);
}

TEST(RescaleExaggeration, KeepsLookingAtTheSameGroundPoint) {
  const glm::dvec3 target(100, 200, 300 * 1.5);
  const CameraPose p = lookAtPose(target, 2000, 40, -30);
  const CameraPose q = rescaleExaggeration(p, 1.5, 3.0);
  const glm::dvec3 scaledTarget(100, 200, 300 * 3.0);
  EXPECT_LT(glm::length(glm::cross(glm::normalize(scaledTarget - q.eye), q.forward())), 1e-9);
  EXPECT_NEAR(q.eye.z, p.eye.z * 2.0, 1e-9);
  const CameraPose back = rescaleExaggeration(q, 3.0, 1.5);
  EXPECT_NEAR(back.pitchDeg, p.pitchDeg, 1e-9);
}

TEST_F(Timeline, CaptionsCrossFadeAtTheStartOfEachStep) {
  briefing.steps[0].caption = "first caption";
  briefing.steps[1].caption = "second caption";
  const BriefingTimeline tl(briefing, *world);
  const FrameState first = tl.at(1.0);
  EXPECT_EQ(first.captionBlend, 1.0);
  EXPECT_TRUE(first.previousCaption.empty());
  // 0.3 s into b's 6 s flight: half way from a's caption to b's.
  const FrameState mid = tl.at(tl.stepStart(1) + 0.3);
  EXPECT_EQ(mid.step, 1u);
  EXPECT_NEAR(mid.captionBlend, 0.5, 1e-9);
  EXPECT_EQ(mid.previousTitle, briefing.steps[0].title);
  EXPECT_EQ(mid.previousCaption, "first caption");
  EXPECT_EQ(mid.caption, "second caption");
  const FrameState settled = tl.at(tl.stepStart(1) + 1.0);
  EXPECT_EQ(settled.captionBlend, 1.0);
  EXPECT_TRUE(settled.previousCaption.empty());
  // The cut into d swaps at once; the fade into e swaps under black.
  EXPECT_EQ(tl.at(tl.stepStart(3)).captionBlend, 1.0);
  EXPECT_TRUE(tl.at(tl.stepStart(3) + 0.15).previousCaption.empty());
  EXPECT_EQ(tl.at(tl.stepStart(4) + 0.9).captionBlend, 0.0);
  EXPECT_EQ(tl.at(tl.stepStart(4) + 1.1).captionBlend, 1.0);
}

}  // namespace
}  // namespace tb::briefing
