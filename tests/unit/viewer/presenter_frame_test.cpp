// Presenter: the presenter's place maps onto the briefing's timeline (step times, camera,
// caption with the step counter, progress, black screen), over a real projection and terrain.
#include <gtest/gtest.h>

#include "../briefing/BriefingFixtures.h"
#include <unistd.h>

#include <algorithm>
#include <filesystem>

#include "analysis/Elevation.h"
#include "analysis/SavedAnalyses.h"
#include "core/Error.h"
#include "viewer/AnalysisTool.h"
#include "viewer/Presenter.h"

namespace tb::viewer {
namespace {

namespace bt = briefing::test;

briefing::Step viewStep(const std::string& id, const std::string& view, double hold) {
  briefing::Step s;
  s.id = id;
  s.title = "Title " + id;
  s.caption = "Caption of " + id;
  s.view.kind = briefing::StepView::Kind::View;
  s.view.ref = view;
  s.holdSeconds = hold;
  return s;
}

struct PresenterFrames : ::testing::Test {
  std::unique_ptr<world::World> world =
      bt::testWorld(bt::analyticField([](double x, double y) { return 200.0 + 0.01 * x - 0.005 * y; }));
  briefing::Briefing briefing;
  render::FrameSettings base;

  void SetUp() override {
    briefing.title = "T";
    briefing::Step a = viewStep("a", "overview", 4);
    briefing::Step b = viewStep("b", "west-close", 3);
    b.transition = {briefing::TransitionKind::Flight, 5.0, camera::Easing::EaseInOutCubic};
    b.highlight = {"west"};
    briefing::Step c = viewStep("c", "east-close", 2);
    c.transition = {briefing::TransitionKind::Fade, 2.0, camera::Easing::Linear};
    briefing.steps = {a, b, c};
    base.width = 320;
    base.height = 180;
    base.imagery = {{true, 1.0f}};
    base.overlays = {1};
  }
};

TEST_F(PresenterFrames, StepTimesComeFromTheTimeline) {
  Presenter p(briefing, *world, false);
  const auto times = presenterStepTimes(p.timeline());
  ASSERT_EQ(times.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_DOUBLE_EQ(times[i].start, p.timeline().stepStart(i));
    EXPECT_DOUBLE_EQ(times[i].holdStart, p.timeline().holdStart(i));
  }
  EXPECT_DOUBLE_EQ(times[0].end, times[1].start);
  EXPECT_DOUBLE_EQ(times[2].end, p.timeline().totalDuration());
  EXPECT_DOUBLE_EQ(times[1].holdStart - times[1].start, 5.0);
}

TEST_F(PresenterFrames, CaptionCounterAndCameraFollowTheStep) {
  Presenter p(briefing, *world, false);
  render::FrameSettings f = p.frame(base);
  ASSERT_TRUE(f.caption);
  EXPECT_EQ(f.caption->title, "Title a");
  EXPECT_EQ(f.caption->stepIndex, 0u);
  EXPECT_EQ(f.caption->stepCount, 3u);
  EXPECT_TRUE(f.caption->showLowerThird);
  EXPECT_EQ(f.width, 320);  // the viewer's settings are kept

  p.state().apply(PresenterKey::Next);
  p.state().advance(2.5);  // halfway through the flight into b
  f = p.frame(base);
  EXPECT_EQ(f.caption->title, "Title b");
  EXPECT_EQ(f.caption->caption, "Caption of b");
  EXPECT_EQ(f.caption->stepIndex, 1u);
  const briefing::FrameState mid = p.timeline().at(p.state().time());
  EXPECT_EQ(f.camera.eye, mid.camera.eye);
  EXPECT_EQ(f.highlightSites, std::vector<std::string>{"west"});
  // In flight: neither where a's hold ended nor b's view.
  EXPECT_GT(glm::distance(f.camera.eye, p.timeline().stepPose(1).eye), 1.0);
  EXPECT_NEAR(f.caption->progress01, p.state().time() / p.timeline().totalDuration(), 1e-12);

  p.state().advance(100.0);  // the hold is over: b's view, b's caption still
  f = p.frame(base);
  EXPECT_EQ(f.caption->title, "Title b");
  EXPECT_LT(glm::distance(f.camera.eye, p.timeline().stepPose(1).eye), 1e-3);
  EXPECT_EQ(p.stepTitle(), "Title b");
}

TEST_F(PresenterFrames, BlackScreenHidesTheLowerThirdAndFadesFully) {
  Presenter p(briefing, *world, false);
  p.state().apply(PresenterKey::Black);
  const render::FrameSettings f = p.frame(base);
  ASSERT_TRUE(f.caption);
  EXPECT_FALSE(f.caption->showLowerThird);
  EXPECT_DOUBLE_EQ(f.caption->fadeAlpha, 1.0);
  p.state().apply(PresenterKey::Black);
  EXPECT_DOUBLE_EQ(p.frame(base).caption->fadeAlpha, 0.0);
}

TEST_F(PresenterFrames, FadeTransitionGoesThroughBlack) {
  Presenter p(briefing, *world, false);
  p.state().goTo(2, true);
  p.state().advance(1.0);  // the middle of c's 2 s fade: the cut, fully black
  const render::FrameSettings f = p.frame(base);
  EXPECT_NEAR(f.caption->fadeAlpha, 1.0, 0.05);
  EXPECT_TRUE(f.caption->showLowerThird);
}

// Forwards, a flight cross-fades the captions over its start and a cut swaps them at once.
// Backwards the presenter cuts to the step's hold, so whatever its transition (cut, flight, fade)
// its caption shows alone at once: no cross-fade from the step before it, which was not on screen.
TEST_F(PresenterFrames, CutsAndStepsBackShowTheCaptionAloneAtOnce) {
  briefing::Step d = viewStep("d", "overview", 3);
  d.transition = {briefing::TransitionKind::Cut, std::nullopt, camera::Easing::Linear};
  briefing.steps.insert(briefing.steps.begin() + 2, d);  // a, b (flight), d (cut), c (fade)
  Presenter p(briefing, *world, false);
  const auto caption = [&] { return *p.frame(base).caption; };
  const auto alone = [&](const std::string& title) {
    const render::CaptionContent c = caption();
    EXPECT_EQ(c.title, title);
    EXPECT_DOUBLE_EQ(c.blend, 1.0) << title << " cross-fades from " << c.previousTitle;
  };

  p.state().apply(PresenterKey::Next);  // the flight into b: a's caption fades out
  EXPECT_DOUBLE_EQ(caption().blend, 0.0);
  EXPECT_EQ(caption().previousTitle, "Title a");
  p.state().advance(0.3);
  EXPECT_NEAR(caption().blend, 0.5, 1e-9);
  p.state().advance(10);
  p.state().apply(PresenterKey::Next);  // the cut into d
  alone("Title d");
  p.state().advance(0.2);
  alone("Title d");
  p.state().advance(10);
  p.state().apply(PresenterKey::Next);  // the fade into c
  p.state().advance(10);

  p.state().apply(PresenterKey::Previous);  // back to d (a cut)
  alone("Title d");
  p.state().advance(0.3);
  alone("Title d");
  p.state().apply(PresenterKey::Previous);  // back to b (a flight)
  alone("Title b");
  p.state().advance(0.3);
  alone("Title b");
  p.state().goTo(3, false);  // straight to c's hold (a fade), as preview from a step does
  alone("Title c");
}

// A step's own layer opacity (the step editor's slider) reaches the frame the presenter and the
// preview draw, and stays for the steps after it that leave it unset.
TEST_F(PresenterFrames, AStepsLayerOpacityReachesTheFrame) {
  briefing.steps[1].layers = {{"Cover", std::nullopt, 0.3}};
  briefing.steps[1].transition.kind = briefing::TransitionKind::Cut;
  Presenter p(briefing, *world, false);
  EXPECT_FLOAT_EQ(p.frame(base).imagery.at(0).opacity, 1.0f);
  p.state().apply(PresenterKey::Next);
  EXPECT_FLOAT_EQ(p.frame(base).imagery.at(0).opacity, 0.3f);
  EXPECT_TRUE(p.frame(base).imagery.at(0).visible);
  p.state().goTo(2, false);
  EXPECT_FLOAT_EQ(p.frame(base).imagery.at(0).opacity, 0.3f);
}

TEST_F(PresenterFrames, ABriefingThatDoesNotFitTheSceneIsRefused) {
  briefing.steps[1].view.ref = "no-such-view";
  EXPECT_THROW(Presenter(briefing, *world, false), Error);
}

// Saved analyses a step shows, in a scene folder of their own (the analyses file sits beside the scene).
struct PresenterAnalyses : PresenterFrames {
  std::filesystem::path dir;
  std::string analysesPath;
  void SetUp() override {
    PresenterFrames::SetUp();
    dir = std::filesystem::temp_directory_path() / ("tb-presenter-analyses-" + std::to_string(::getpid()) + "-" +
                                                    ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    world->scene.path = (dir / "scene.json").string();
    analysesPath = analysis::savedAnalysesPathFor(world->scene.path);
  }
  void TearDown() override { std::filesystem::remove_all(dir); }
  analysis::SavedAnalysis at(analysis::AnalysisKind kind, const std::string& name, glm::dvec2 local) const {
    analysis::SavedAnalysis a;
    a.kind = kind;
    a.name = name;
    a.points = {analysis::Elevation(*world).toLonLat(local)};
    a.viewshed.radius = 3000.0;
    a.radii = {2000.0};
    return a;
  }
};

bool hasLabel(const render::OverlayGeometry& g, const std::string& part) {
  return std::any_of(g.labels.begin(), g.labels.end(),
                     [&](const render::OverlayLabel& l) { return l.text.find(part) != std::string::npos; });
}

// Entering the presenter does not compute a step's viewshed on the UI thread: the step shows its
// quick analyses at once and "computing…" at the observer, and the viewshed once a poll takes it.
TEST_F(PresenterAnalyses, SavedViewshedsComputeOffTheUiThreadAndTheStepSaysComputingUntilDrawn) {
  analysis::writeSavedAnalyses(analysesPath, {at(analysis::AnalysisKind::Viewshed, "battery", {0.0, 0.0}),
                                              at(analysis::AnalysisKind::RangeRings, "rings", {0.0, 0.0})});
  briefing.steps[1].analyses = {"battery", "rings"};
  briefing.steps[2].analyses = {"battery"};
  Presenter p(briefing, *world, false);
  EXPECT_EQ(p.analyses().computing(), std::vector<std::string>{"battery"}) << "two steps, one computation";
  EXPECT_EQ(p.analyses().computedHere(), 1u);
  p.state().goTo(1, false);
  const auto waiting = p.frame(base).overlay;
  ASSERT_TRUE(waiting);
  EXPECT_TRUE(waiting->rasters.empty()) << "the viewshed is not drawn before a poll takes it";
  EXPECT_TRUE(hasLabel(*waiting, "battery\nviewshed computing…"));
  EXPECT_EQ(waiting->lines.size(), 1u) << "the ring is drawn at once";

  p.analyses().wait();
  EXPECT_TRUE(p.analyses().computing().empty());
  const auto drawn = p.frame(base).overlay;
  ASSERT_EQ(drawn->rasters.size(), 1u);
  EXPECT_FALSE(hasLabel(*drawn, "computing"));
  EXPECT_TRUE(hasLabel(*drawn, "battery\nviewshed 3 km"));
  p.state().goTo(0, false);
  EXPECT_FALSE(p.frame(base).overlay) << "the first step shows none";
}

// A viewshed the viewer's Analysis panel has drawn already is not computed again.
TEST_F(PresenterAnalyses, AViewshedTheViewerDrewIsReusedNotComputedAgain) {
  const analysis::SavedAnalysis battery = at(analysis::AnalysisKind::Viewshed, "battery", {0.0, 0.0});
  analysis::writeSavedAnalyses(analysesPath, {battery});
  briefing.steps[1].analyses = {"battery"};
  AnalysisTool tool(*world);
  tool.showSaved(analysis::readSavedAnalyses(analysesPath));
  tool.waitForComputation();
  ASSERT_EQ(tool.overlay()->rasters.size(), 1u) << tool.error();
  Presenter p(briefing, *world, false, [&](const analysis::SavedAnalysis& a) { return tool.drawnSaved(a); });
  EXPECT_EQ(p.analyses().computedHere(), 0u);
  EXPECT_TRUE(p.analyses().computing().empty());
  p.state().goTo(1, false);
  ASSERT_EQ(p.frame(base).overlay->rasters.size(), 1u);
  EXPECT_EQ(p.frame(base).overlay->rasters[0], tool.overlay()->rasters[0]) << "the same raster, shared";
}

// Presenting right after the scene opens (`view --present`): the viewer is still computing the
// step's viewshed. The presenter waits for that one instead of computing it a second time.
TEST_F(PresenterAnalyses, AViewshedTheViewerIsStillComputingIsWaitedForNotComputedTwice) {
  analysis::writeSavedAnalyses(analysesPath, {at(analysis::AnalysisKind::Viewshed, "battery", {0.0, 0.0})});
  briefing.steps[1].analyses = {"battery"};
  AnalysisTool tool(*world);
  tool.showSaved(analysis::readSavedAnalyses(analysesPath));
  ASSERT_EQ(tool.savedComputing(), std::vector<std::string>{"battery"});
  Presenter p(briefing, *world, false, [&](const analysis::SavedAnalysis& a) { return tool.drawnSaved(a); });
  EXPECT_EQ(p.analyses().computedHere(), 0u) << "not started a second time";
  EXPECT_EQ(p.analyses().computing(), std::vector<std::string>{"battery"});
  p.state().goTo(1, false);
  EXPECT_TRUE(hasLabel(*p.frame(base).overlay, "battery\nviewshed computing…"));
  EXPECT_FALSE(p.analyses().poll()) << "the viewer has not taken it yet";
  tool.waitForComputation();
  EXPECT_TRUE(p.analyses().poll());
  EXPECT_TRUE(p.analyses().computing().empty());
  ASSERT_EQ(p.frame(base).overlay->rasters.size(), 1u);
  EXPECT_EQ(p.frame(base).overlay->rasters[0], tool.overlay()->rasters[0]) << "the viewer's raster, shared";
  EXPECT_EQ(p.analyses().computedHere(), 0u);

  // Should the viewer drop it before it is done, the presenter computes it after all.
  tool.showSaved(analysis::readSavedAnalyses(analysesPath));
  Presenter q(briefing, *world, false, [&](const analysis::SavedAnalysis& a) { return tool.drawnSaved(a); });
  tool.showSaved({});
  q.analyses().poll();
  EXPECT_EQ(q.analyses().computedHere(), 1u);
  q.analyses().wait();
  q.state().goTo(1, false);
  EXPECT_EQ(q.frame(base).overlay->rasters.size(), 1u);
}

// Bad input is refused at once, on the UI thread: a name the file lacks, an observer off the data.
TEST_F(PresenterAnalyses, ABadSavedAnalysisIsRefusedAtOnce) {
  analysis::writeSavedAnalyses(analysesPath, {at(analysis::AnalysisKind::Viewshed, "offshore", {90000.0, 0.0})});
  briefing.steps[1].analyses = {"offshore"};
  try {
    Presenter p(briefing, *world, false);
    ADD_FAILURE() << "an observer off the data was accepted";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("offshore: "), std::string::npos) << e.what();
  }
  briefing.steps[1].analyses = {"nothing like it"};
  try {
    Presenter p(briefing, *world, false);
    ADD_FAILURE() << "an unknown name was accepted";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("no saved analysis \"nothing like it\""), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace tb::viewer
