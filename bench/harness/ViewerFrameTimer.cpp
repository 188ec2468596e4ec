// The viewer frame timer (see ViewerFrameTimer.h). Each afterFrame ends with glFinish and a
// timestamp, so the next frame's time runs from there to its own afterFrame's glFinish: events,
// camera, panels, drawing and the swap, as a user's frame pays them.
#include "harness/ViewerFrameTimer.h"

#include <epoxy/gl.h>
#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <optional>
#include <vector>

#include "core/Error.h"
#include "core/Log.h"
#include "harness/BenchTable.h"
#include "render/gl/Framebuffer.h"
#include "viewer/Viewer.h"

namespace tb::bench {
namespace {

using Clock = std::chrono::steady_clock;

void result(const std::string& key, const std::string& value) { viewerBenchResult(key, value); }

// An offscreen colour + depth target of the 3D view's size, for the "no UI" side of (v2).
struct OffscreenView {
  render::gl::Framebuffer fbo = render::gl::Framebuffer::create();
  render::gl::Renderbuffer color, depth;
  OffscreenView(int w, int h)
      : color(render::gl::Renderbuffer::create(GL_RGBA8, w, h)),
        depth(render::gl::Renderbuffer::create(GL_DEPTH_COMPONENT24, w, h)) {
    fbo.attach(GL_COLOR_ATTACHMENT0, color);
    fbo.attach(GL_DEPTH_ATTACHMENT, depth);
    fbo.requireComplete("viewer bench offscreen framebuffer");
  }
};

class FrameTimer final : public viewer::FrameObserver {
 public:
  explicit FrameTimer(int frames) : frames_(frames) {}
  bool failed() const { return failed_; }

  void afterFrame(viewer::ViewerFrame& frame) override {
    glFinish();
    const double ms = std::chrono::duration<double, std::milli>(Clock::now() - lastEnd_).count();
    switch (phase_) {
      case Phase::Settle: settle(frame); break;
      case Phase::Warm:
        if (--warm_ == 0) startTiming(frame);
        break;
      case Phase::Interactive:
        interactiveMs_.push_back(ms);
        viewerCpuMs_.push_back(frame.viewerCpuMs());
        panelsCpuMs_.push_back(frame.panelsCpuMs());
        frame.setPanelsDrawn(false);
        phase_ = Phase::NoPanels;
        break;
      case Phase::NoPanels:
        noPanelsMs_.push_back(ms);
        frame.setPanelsDrawn(true);
        frame.setPresented(false);
        phase_ = Phase::Unpresented;
        break;
      case Phase::Unpresented:
        unpresentedMs_.push_back(ms);
        frame.setPresented(true);
        offscreenMs_.push_back(drawOffscreen(frame));
        phase_ = static_cast<int>(offscreenMs_.size()) < frames_ ? Phase::Interactive : Phase::Last;
        break;
      case Phase::Last:  // the window is left showing the panels
        report(frame);
        offscreen_.reset();  // its GL objects go while the window's context is current
        frame.close();
        break;
    }
    glFinish();
    lastEnd_ = Clock::now();
  }

 private:
  enum class Phase { Settle, Warm, Interactive, NoPanels, Unpresented, Last };

  void settle(viewer::ViewerFrame& frame) {
    ++framesToSettle_;
    if (frame.stats().settled) {
      const auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch());
      result("renderer", frame.glRenderer());
      result("first-full-detail-ns", std::to_string(ns.count()));
      result("first-full-detail-frames", std::to_string(framesToSettle_));
      // The cursor rests over the middle of the 3D view, as a user's would while looking around.
      frame.setCursorAtViewCentre();
      phase_ = Phase::Warm;  // untimed: caches warm, the cursor's effects shown
    } else if (framesToSettle_ >= 600) {
      log::warn("viewer bench: no full-detail frame after {} frames", framesToSettle_);
      failed_ = true;
      frame.close();
    }
  }

  void startTiming(viewer::ViewerFrame& frame) {
    const render::FrameSettings s = frame.viewSettings();
    offscreen_.emplace(s.width, s.height);
    drawOffscreen(frame);  // untimed: the first draw at a new target may set things up
    phase_ = Phase::Interactive;
  }

  double drawOffscreen(viewer::ViewerFrame& frame) {
    const render::FrameSettings s = frame.viewSettings();
    glFinish();
    const Clock::time_point t0 = Clock::now();
    glBindFramebuffer(GL_FRAMEBUFFER, offscreen_->fbo.id());
    frame.renderer().draw(s);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    glFinish();
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
  }

  void report(viewer::ViewerFrame& frame) {
    const render::FrameSettings s = frame.viewSettings();
    result("window", frame.windowSizeText());
    result("view", fmt::format("{}x{}", s.width, s.height));
    result("interactive-ms", fmt::format("{:.2f}", median(interactiveMs_)));
    result("no-panels-ms", fmt::format("{:.2f}", median(noPanelsMs_)));
    result("unpresented-ms", fmt::format("{:.2f}", median(unpresentedMs_)));
    result("offscreen-ms", fmt::format("{:.2f}", median(offscreenMs_)));
    result("viewer-cpu-ms", fmt::format("{:.2f}", median(viewerCpuMs_)));
    result("panels-cpu-ms", fmt::format("{:.2f}", median(panelsCpuMs_)));
    result("triangles", std::to_string(frame.stats().triangles));
    result("imgui-draws", frame.panelDrawStats());
    result("done", "1");
  }

  int frames_;
  Phase phase_ = Phase::Settle;
  int framesToSettle_ = 0, warm_ = 3;
  bool failed_ = false;
  Clock::time_point lastEnd_ = Clock::now();
  std::optional<OffscreenView> offscreen_;
  std::vector<double> interactiveMs_, noPanelsMs_, unpresentedMs_, offscreenMs_, viewerCpuMs_, panelsCpuMs_;
};

}  // namespace

int runViewerFrameTimer(const std::string& scenePath, int frames) {
  FrameTimer timer(frames);
  viewer::ViewerOptions options;
  options.scenePath = scenePath;
  options.width = 1280;
  options.height = 720;
  options.observer = &timer;
  const int code = viewer::runViewer(options);
  return timer.failed() ? kExitInternal : code;
}

}  // namespace tb::bench
