// Dragging a vertex of a drawing (issue 11): a viewer frame while the vertex follows the cursor
// (the move command, the sites placed again, the drawings and handles re-draped as per-frame
// overlay lines) against the same frame with the drawing selected and still, both at the viewer's
// size on one headless context, alternating frame by frame so both see the same machine.
// Target: ratio <= 1.1. For scale, rebuild_ms is what each move cost before (a new renderer).
#include <chrono>
#include <cmath>
#include <filesystem>
#include <memory>

#include <benchmark/benchmark.h>

#include "ViewerFrameTarget.h"

#include "render/SceneRenderer.h"
#include "session/Session.h"
#include "viewer/DrawingHandles.h"
#include "world/World.h"

namespace {

constexpr int kWidth = 1280, kHeight = 720;
using Clock = std::chrono::steady_clock;
double msSince(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

void BM_VertexDragFrameOverStillFrame(benchmark::State& state) {
  const auto target = tb::bench::viewerFrameTargetOrSkip(state, kWidth, kHeight);
  if (!target) return;
  tb::world::World world = tb::world::loadWorld(TB_DATA_DIR "/kyongsong/kyongsong.json");

  // A five-sided polygon on the plain, drawn as in the viewer, selected (its handles shown).
  tb::session::Session session(world.scene);
  const auto& doc = session.documents().sites;
  const std::vector<glm::dvec2> ring = {{129.60, 41.58}, {129.64, 41.58}, {129.65, 41.60}, {129.62, 41.62}, {129.59, 41.60}};
  tb::scene::Site drawn = tb::session::drawing(doc, tb::geo::GeometryKind::Polygon, ring, doc.categories.begin()->first);
  const std::string id = drawn.id;
  session.execute(tb::session::addSite(doc, std::move(drawn)));
  tb::world::replaceSites(world, doc.sites, doc.categories);

  tb::render::SceneRenderer renderer(world);
  tb::render::FrameSettings still = tb::render::FrameSettings::fromScene(world);
  still.width = kWidth;
  still.height = kHeight;
  still.selectedSite = id;
  auto withHandles = [&](tb::render::FrameSettings s) {
    std::vector<glm::dvec2> local;
    for (glm::dvec2 p : tb::session::vertices(*doc.find(id))) local.push_back(world.toLocal(p.x, p.y));
    auto g = std::make_shared<tb::render::OverlayGeometry>();
    tb::viewer::appendHandleMarkers(local, true, *g);
    s.overlay = g;
    return s;
  };
  const tb::render::FrameSettings stillFrame = withHandles(still);
  for (int i = 0; i < 3; ++i) {  // warm: shaders, caches
    renderer.draw(stillFrame);
    glFinish();
  }
  double stillMs = 0, dragMs = 0;
  int frame = 0;
  for (auto _ : state) {
    auto t0 = Clock::now();
    renderer.draw(stillFrame);
    glFinish();
    stillMs += msSince(t0);
    // The cursor circles 300 m around the first vertex: one move command per frame, as a drag.
    t0 = Clock::now();
    const double a = frame * 0.3;
    const glm::dvec2 at = ring[0] + glm::dvec2(0.0036 * std::cos(a), 0.0027 * std::sin(a));
    session.execute(tb::session::moveVertex(doc, id, 0, at));
    tb::world::replaceSites(world, doc.sites, doc.categories);
    renderer.draw(withHandles(still));
    glFinish();
    dragMs += msSince(t0);
    ++frame;
  }
  state.counters["still_ms"] = stillMs / frame;
  state.counters["drag_ms"] = dragMs / frame;
  state.counters["ratio"] = dragMs / stillMs;
  // What a move cost before: a new renderer (outlines baked when it is made). Twice, after the loop.
  const auto t0 = Clock::now();
  for (int i = 0; i < 2; ++i) {
    tb::render::SceneRenderer again(world);
    again.draw(stillFrame);
    glFinish();
  }
  state.counters["rebuild_ms"] = msSince(t0) / 2;
}
BENCHMARK(BM_VertexDragFrameOverStillFrame)->Unit(benchmark::kMillisecond)->Iterations(30);

}  // namespace
