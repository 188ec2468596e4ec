// The measuring tool's rubber band (issue 10): a viewer frame while the band follows the cursor
// (the tool's live overlay rebuilt every frame, its lines re-densified and uploaded) against the
// same frame without the band, both at the viewer's size on one headless context, alternating
// frame by frame so both see the same machine. Twice: on the bare scene, and with the UTM grid
// shown in both frames (the grid's lines must not be rebuilt as the band moves). Target: ratio <= 1.1.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <memory>

#include <benchmark/benchmark.h>

#include "ViewerFrameTarget.h"

#include "render/SceneRenderer.h"
#include "viewer/AnalysisTool.h"
#include "world/World.h"

namespace {

constexpr int kWidth = 1280, kHeight = 720;

void rubberBandFrames(benchmark::State& state, bool withGrid) {
  const auto target = tb::bench::viewerFrameTargetOrSkip(state, kWidth, kHeight);
  if (!target) return;
  const std::string scene = TB_DATA_DIR "/kyongsong/kyongsong.json";
  const tb::world::World world = tb::world::loadWorld(scene);

  tb::render::SceneRenderer renderer(world);
  tb::render::FrameSettings plain = tb::render::FrameSettings::fromScene(world);
  plain.width = kWidth;
  plain.height = kHeight;
  tb::viewer::AnalysisTool tool(world);
  if (withGrid) {
    // As the viewer does at this overview: spacing for the ground the camera spans, lines around
    // the point it looks at.
    const double span = std::max(500.0, plain.camera.eye.z / plain.exaggeration * 2.0);
    tool.setGrid(tb::viewer::GridKind::Utm, span, world.toLocal(129.63, 41.60));
    plain.overlay = tool.overlay();
    if (plain.overlay->lines.empty()) {
      state.SkipWithError("no grid lines in view");
      return;
    }
  }
  tool.setMode(tb::viewer::AnalysisMode::Measure);
  // Three points across the plain, then the cursor wandering beyond the last one.
  const glm::dvec2 a = world.toLocal(129.60, 41.58), b = world.toLocal(129.63, 41.60), c = world.toLocal(129.66, 41.61);
  tool.click(a);
  tool.click(b);
  tool.click(c);
  for (int i = 0; i < 3; ++i) {  // warm: shaders, caches
    renderer.draw(plain);
    glFinish();
  }
  double plainMs = 0, bandMs = 0;
  int frame = 0;
  for (auto _ : state) {
    auto t0 = std::chrono::steady_clock::now();
    renderer.draw(plain);
    glFinish();
    auto t1 = std::chrono::steady_clock::now();
    tool.hover(c + glm::dvec2(200.0 * std::cos(frame * 0.3), 200.0 * std::sin(frame * 0.3) + 500.0));
    tb::render::FrameSettings band = plain;
    band.overlay = tool.overlay();
    band.liveOverlay = tool.liveOverlay();
    renderer.draw(band);
    glFinish();
    auto t2 = std::chrono::steady_clock::now();
    plainMs += std::chrono::duration<double, std::milli>(t1 - t0).count();
    bandMs += std::chrono::duration<double, std::milli>(t2 - t1).count();
    ++frame;
  }
  state.counters["plain_ms"] = plainMs / frame;
  state.counters["band_ms"] = bandMs / frame;
  state.counters["ratio"] = bandMs / plainMs;
}

void BM_RubberBandFrameOverPlainFrame(benchmark::State& state) { rubberBandFrames(state, false); }
void BM_RubberBandFrameOverPlainFrameWithGridShown(benchmark::State& state) { rubberBandFrames(state, true); }
BENCHMARK(BM_RubberBandFrameOverPlainFrame)->Unit(benchmark::kMillisecond)->Iterations(30);
BENCHMARK(BM_RubberBandFrameOverPlainFrameWithGridShown)->Unit(benchmark::kMillisecond)->Iterations(30);

}  // namespace
