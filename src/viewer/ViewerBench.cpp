// `terrabrief view --bench-frames N` (run by `terrabrief bench --viewer`, app/ViewerBench.cpp):
// the viewer's own frames timed in its real window, with nothing but the timing added.
//   1. Frames as the loop draws them until the first full-detail one has been presented
//      (swapped and glFinish-ed): its steady_clock time is printed, and the parent, which took
//      the time before it started this process, subtracts.
//   2. N interactive frames (panels open, cursor over the 3D view so the status bar picks the
//      terrain), each ended by glFinish, interleaved with N of the same frames with the panels
//      built but not drawn, N not presented (no swap), and N of the same FrameSettings drawn by
//      SceneRenderer::draw into an offscreen framebuffer of the view's size (no UI, no present).
//      The differences say what drawing the panels and presenting cost; FramePhases times the
//      CPU steps before any drawing.
// Results go to stdout as "tb-viewer-bench <key> <value>" lines; the log stays on stderr.
#include <epoxy/gl.h>
#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <vector>

#include "core/Log.h"
#include "render/gl/Framebuffer.h"
#include "viewer/ViewerSession.h"

namespace tb::viewer {
namespace {

using Clock = std::chrono::steady_clock;

double msBetween(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double, std::milli>(b - a).count();
}

double median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

void result(const std::string& key, const std::string& value) {
  std::printf("tb-viewer-bench %s %s\n", key.c_str(), value.c_str());
  std::fflush(stdout);
}

}  // namespace

int ViewerSession::runBench() {
  const int n = options_.benchFrames;
  result("renderer", window_->renderer());

  // [SECTION] 1. Launch to the first full-detail frame on screen.
  double last = now();
  auto drawFrame = [&] {
    platform::pollWindowEvents();
    const double t = now();
    const double dt = std::clamp(t - last, 0.0, 0.1);
    last = t;
    frame(dt);
  };
  const int kMaxUnsettled = 600;
  int framesToSettle = 0;
  for (;;) {
    drawFrame();
    glFinish();
    ++framesToSettle;
    if (stats_.settled) break;
    if (framesToSettle >= kMaxUnsettled) {
      log::warn("viewer bench: no full-detail frame after {} frames", framesToSettle);
      return 1;
    }
  }
  const Clock::time_point firstPresented = Clock::now();
  const auto sinceEpoch = std::chrono::duration_cast<std::chrono::nanoseconds>(firstPresented.time_since_epoch());
  result("first-full-detail-ns", std::to_string(sinceEpoch.count()));
  result("first-full-detail-frames", std::to_string(framesToSettle));

  // The cursor rests over the middle of the 3D view, as a user's would while looking around.
  cursor_ = {layout_.viewWidth() * 0.5, layout_.topBarHeight + layout_.viewHeight() * 0.5};
  cursorInWindow_ = true;
  for (int i = 0; i < 3; ++i) drawFrame();  // untimed: caches warm, the cursor's effects shown

  // [SECTION] 2. Interactive frames against the same frames offscreen without UI.
  const render::FrameSettings offscreen = windowFrameSettings();
  render::gl::Framebuffer fbo = render::gl::Framebuffer::create();
  render::gl::Renderbuffer color = render::gl::Renderbuffer::create(GL_RGBA8, offscreen.width, offscreen.height);
  render::gl::Renderbuffer depth =
      render::gl::Renderbuffer::create(GL_DEPTH_COMPONENT24, offscreen.width, offscreen.height);
  fbo.attach(GL_COLOR_ATTACHMENT0, color);
  fbo.attach(GL_DEPTH_ATTACHMENT, depth);
  fbo.requireComplete("viewer bench offscreen framebuffer");
  auto drawOffscreen = [&] {
    glBindFramebuffer(GL_FRAMEBUFFER, fbo.id());
    renderer_->draw(offscreen);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
  };
  drawOffscreen();  // untimed: the first draw at a new target may set things up
  glFinish();
  auto timed = [](auto&& draw) {
    glFinish();
    const Clock::time_point t0 = Clock::now();
    draw();
    glFinish();
    return msBetween(t0, Clock::now());
  };
  // Interleaved, so that a slow spell of the machine touches all three alike.
  std::vector<double> interactiveMs, noPanelsMs, unpresentedMs, offscreenMs, viewerCpuMs, panelsCpuMs;
  phases_.enabled = true;
  for (int i = 0; i < n; ++i) {
    interactiveMs.push_back(timed(drawFrame));
    viewerCpuMs.push_back(phases_.viewerMs);
    panelsCpuMs.push_back(phases_.uiMs);
    phases_.drawPanels = false;
    noPanelsMs.push_back(timed(drawFrame));
    phases_.drawPanels = true;
    phases_.present = false;
    unpresentedMs.push_back(timed(drawFrame));
    phases_.present = true;
    offscreenMs.push_back(timed(drawOffscreen));
  }
  phases_.enabled = false;
  drawFrame();  // leave the window showing the panels
  glFinish();

  const platform::Size2 win = window_->windowSize();
  result("window", fmt::format("{}x{}", win.width, win.height));
  result("view", fmt::format("{}x{}", offscreen.width, offscreen.height));
  result("interactive-ms", fmt::format("{:.2f}", median(interactiveMs)));
  result("no-panels-ms", fmt::format("{:.2f}", median(noPanelsMs)));
  result("unpresented-ms", fmt::format("{:.2f}", median(unpresentedMs)));
  result("offscreen-ms", fmt::format("{:.2f}", median(offscreenMs)));
  result("viewer-cpu-ms", fmt::format("{:.2f}", median(viewerCpuMs)));
  result("panels-cpu-ms", fmt::format("{:.2f}", median(panelsCpuMs)));
  result("triangles", std::to_string(stats_.triangles));
  const ui::ImGuiLayer::DrawStats draws = imgui_->lastDrawStats();
  result("imgui-draws", fmt::format("{} draw calls, {} vertices", draws.drawCalls, draws.vertices));
  result("done", "1");
  return 0;
}

}  // namespace tb::viewer
