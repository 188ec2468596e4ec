// The viewer's first frames after a scene with a saved viewshed opens (issue 10): a 10 km
// viewshed at the DEM's 10 m cells over the default scene, at the viewer's size on one headless
// context. "before": the saved analyses computed on the UI thread as the viewer did until session
// 7 (render::addSavedAnalyses, then the frame). "after": AnalysisTool::showSaved starts the
// viewshed on its worker and every frame polls, so frames keep coming until it is drawn. Each
// iteration opens once each way, alternating, so both see the same machine.
// Counters: the first frame's time each way, the slowest frame "after" until the viewshed is
// drawn (its upload included), and how many frames that took.
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <memory>

#include <benchmark/benchmark.h>

#include "analysis/Elevation.h"
#include "platform/egl/HeadlessContext.h"
#include "render/AnalysisOverlay.h"
#include "render/SceneRenderer.h"
#include "render/gl/Framebuffer.h"
#include "viewer/AnalysisTool.h"
#include "world/World.h"

namespace {

constexpr int kWidth = 1280, kHeight = 720;
using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }

void BM_FirstFramesAfterOpeningASavedViewshed(benchmark::State& state) {
  std::unique_ptr<tb::platform::HeadlessContext> context;
  try {
    context = tb::platform::HeadlessContext::create();
    context->makeCurrent();
  } catch (const std::exception& e) {
    state.SkipWithError(e.what());
    return;
  }
  if (!std::filesystem::exists(TB_DATA_DIR "/kyongsong/dem.tif")) {
    state.SkipWithError("the default scene's rasters are not built");
    return;
  }
  const tb::world::World world = tb::world::loadWorld(TB_DATA_DIR "/kyongsong/kyongsong.json");
  namespace gl = tb::render::gl;
  gl::Framebuffer fbo = gl::Framebuffer::create();
  gl::Renderbuffer color = gl::Renderbuffer::create(GL_RGBA8, kWidth, kHeight);
  gl::Renderbuffer depth = gl::Renderbuffer::create(GL_DEPTH_COMPONENT24, kWidth, kHeight);
  fbo.attach(GL_COLOR_ATTACHMENT0, color);
  fbo.attach(GL_DEPTH_ATTACHMENT, depth);
  fbo.bind();

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
  state.counters["before_first_ms"] = beforeFirst / opens;
  state.counters["after_first_ms"] = afterFirst / opens;
  state.counters["after_worst_ms"] = afterWorst / opens;
  state.counters["after_frames_to_drawn"] = framesToDraw / opens;
  state.counters["first_ratio"] = afterFirst / beforeFirst;
}

BENCHMARK(BM_FirstFramesAfterOpeningASavedViewshed)->Unit(benchmark::kMillisecond)->Iterations(5);

}  // namespace
