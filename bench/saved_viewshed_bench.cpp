// The viewer's first frames after a scene with a saved viewshed opens (issue 10): a 10 km
// viewshed at the DEM's 10 m cells over the default scene, at the viewer's size on one headless
// context. "before": the saved analyses computed on the UI thread as the viewer did until session
// 7 (render::addSavedAnalyses, then the frame). "after": AnalysisTool::showSaved starts the
// viewshed on its worker and every frame polls, so frames keep coming until it is drawn. Each
// iteration opens once each way, alternating, so both see the same machine.
// Counters: the first frame's time each way, the slowest frame "after" until the viewshed is
// drawn (its upload included), and how many frames that took.
// A sibling row does the same for entering the presenter on a step that shows that viewshed:
// "before" as the presenter did until session 8 (render::SavedAnalysisOverlays computes every
// step's analyses, then the frame), "after" viewer::Presenter (StepAnalyses: the viewshed on
// its worker, polled each frame).
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>

#include <unistd.h>

#include <benchmark/benchmark.h>

#include "ViewerFrameTarget.h"
#include "analysis/Elevation.h"
#include "render/AnalysisOverlay.h"
#include "render/SceneRenderer.h"
#include "viewer/AnalysisTool.h"
#include "viewer/Presenter.h"
#include "world/World.h"

namespace {

constexpr int kWidth = 1280, kHeight = 720;
using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }

// Summed over the iterations, each way.
struct Sums {
  double beforeFirst = 0, afterFirst = 0, afterWorst = 0, framesToDraw = 0;
};
void setCounters(benchmark::State& state, const Sums& s, int n) {
  state.counters["before_first_ms"] = s.beforeFirst / n;
  state.counters["after_first_ms"] = s.afterFirst / n;
  state.counters["after_worst_ms"] = s.afterWorst / n;
  state.counters["after_frames_to_drawn"] = s.framesToDraw / n;
  state.counters["first_ratio"] = s.afterFirst / s.beforeFirst;
}

void BM_FirstFramesAfterOpeningASavedViewshed(benchmark::State& state) {
  const std::optional<tb::bench::ViewerFrameTarget> target = tb::bench::viewerFrameTargetOrSkip(state, kWidth, kHeight);
  if (!target) return;
  const tb::world::World world = tb::world::loadWorld(TB_DATA_DIR "/kyongsong/kyongsong.json");

  tb::render::SceneRenderer renderer(world);
  tb::render::FrameSettings plain = tb::render::FrameSettings::fromScene(world);
  plain.width = kWidth;
  plain.height = kHeight;
  tb::analysis::SavedAnalysis saved;
  saved.kind = tb::analysis::AnalysisKind::Viewshed;
  saved.name = "from the plain";
  saved.points = {{129.63, 41.60}};
  saved.viewshed.radius = 10000.0;
  const tb::analysis::Elevation elevation(world);
  for (int i = 0; i < 3; ++i) {  // warm: shaders, caches
    renderer.draw(plain);
    glFinish();
  }

  double beforeFirst = 0, afterFirst = 0, afterWorst = 0, framesToDraw = 0;
  int opens = 0;
  for (auto _ : state) {
    {
      auto t0 = Clock::now();
      auto g = std::make_shared<tb::render::OverlayGeometry>();
      const auto problems = tb::render::addSavedAnalyses(*g, elevation, {saved});
      if (!problems.empty()) {
        state.SkipWithError(problems.front().c_str());
        return;
      }
      tb::render::FrameSettings s = plain;
      s.overlay = g;
      renderer.draw(s);
      glFinish();
      beforeFirst += msSince(t0);
    }
    {
      tb::viewer::AnalysisTool tool(world);
      int frames = 0;
      double worst = 0;
      bool drawn = false;
      while (!drawn && frames < 200) {
        auto t0 = Clock::now();
        if (frames == 0) tool.showSaved({saved});
        tool.poll();
        drawn = !tool.busy();
        tb::render::FrameSettings s = plain;
        s.overlay = tool.overlay();
        renderer.draw(s);
        glFinish();
        const double ms = msSince(t0);
        if (frames == 0) afterFirst += ms;
        worst = std::max(worst, ms);
        ++frames;
      }
      if (!drawn || tool.overlay()->rasters.empty()) {
        state.SkipWithError(("the saved viewshed was not drawn: " + tool.error()).c_str());
        return;
      }
      afterWorst += worst;
      framesToDraw += frames;
    }
    ++opens;
  }
  setCounters(state, {beforeFirst, afterFirst, afterWorst, framesToDraw}, opens);
}

BENCHMARK(BM_FirstFramesAfterOpeningASavedViewshed)->Unit(benchmark::kMillisecond)->Iterations(5);

void BM_FirstFramesEnteringThePresenterOnASavedViewshed(benchmark::State& state) {
  const std::optional<tb::bench::ViewerFrameTarget> target = tb::bench::viewerFrameTargetOrSkip(state, kWidth, kHeight);
  if (!target) return;
  tb::world::World world = tb::world::loadWorld(TB_DATA_DIR "/kyongsong/kyongsong.json");
  // The analyses file goes beside a scene path of our own, not into the data folder.
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("tb-presenter-bench-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  world.scene.path = (dir / "kyongsong.json").string();
  tb::analysis::SavedAnalysis saved;
  saved.kind = tb::analysis::AnalysisKind::Viewshed;
  saved.name = "from the plain";
  saved.points = {{129.63, 41.60}};
  saved.viewshed.radius = 10000.0;
  tb::analysis::writeSavedAnalyses(tb::analysis::savedAnalysesPathFor(world.scene.path), {saved});
  tb::briefing::Briefing briefing;
  briefing.title = "bench";
  tb::briefing::Step step;
  step.id = "plain";
  step.title = "The plain";
  step.view.kind = tb::briefing::StepView::Kind::View;
  step.view.ref = "farm";
  step.holdSeconds = 10;
  step.analyses = {saved.name};
  briefing.steps = {step};

  tb::render::SceneRenderer renderer(world);
  tb::render::FrameSettings base = tb::render::FrameSettings::fromScene(world);
  base.width = kWidth;
  base.height = kHeight;
  {
    tb::viewer::Presenter warm(briefing, world, false);  // shaders and tiles of the step's view
    warm.analyses().wait();
    for (int i = 0; i < 3; ++i) {
      renderer.draw(warm.frame(base));
      glFinish();
    }
  }

  double beforeFirst = 0, afterFirst = 0, afterWorst = 0, framesToDraw = 0;
  int entries = 0;
  for (auto _ : state) {
    {
      auto t0 = Clock::now();
      const tb::briefing::BriefingTimeline timeline(briefing, world);
      tb::render::SavedAnalysisOverlays analyses(world);
      for (const tb::briefing::Step& s : briefing.steps) analyses.forNames(s.analyses);
      tb::render::FrameSettings s =
          tb::viewer::presenterFrame(base, timeline, timeline.holdStart(0), 0.0, false);
      s.overlay = analyses.forNames(timeline.at(timeline.holdStart(0)).analyses);
      renderer.draw(s);
      glFinish();
      beforeFirst += msSince(t0);
    }
    {
      int frames = 0;
      double worst = 0;
      bool drawn = false;
      std::unique_ptr<tb::viewer::Presenter> presenter;
      while (!drawn && frames < 200) {
        auto t0 = Clock::now();
        if (frames == 0) presenter = std::make_unique<tb::viewer::Presenter>(briefing, world, false);
        presenter->analyses().poll();
        drawn = presenter->analyses().computing().empty();
        renderer.draw(presenter->frame(base));
        glFinish();
        const double ms = msSince(t0);
        if (frames == 0) afterFirst += ms;
        worst = std::max(worst, ms);
        ++frames;
      }
      if (!drawn || presenter->frame(base).overlay->rasters.empty()) {
        state.SkipWithError("the step's viewshed was not drawn");
        return;
      }
      afterWorst += worst;
      framesToDraw += frames;
    }
    ++entries;
  }
  std::filesystem::remove_all(dir);
  setCounters(state, {beforeFirst, afterFirst, afterWorst, framesToDraw}, entries);
}

BENCHMARK(BM_FirstFramesEnteringThePresenterOnASavedViewshed)->Unit(benchmark::kMillisecond)->Iterations(5);

}  // namespace
