// Presenter mode inside the viewer's session: full screen on the chosen monitor, panels hidden,
// the briefing's timeline drawn with its lower third, keys from a keyboard or a presentation
// clicker; Esc returns to the ordinary viewer at the pose the presentation reached.
#include <epoxy/gl.h>
#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "core/Error.h"
#include "core/Log.h"
#include "viewer/ViewerSession.h"

namespace tb::viewer {
namespace {

// The monitor numbered `oneBased` in GLFW's list (1 = the primary); throws when absent.
GLFWmonitor* chosenMonitor(int oneBased) {
  int count = 0;
  GLFWmonitor** monitors = glfwGetMonitors(&count);
  for (int i = 0; i < count; ++i) {
    const GLFWvidmode* mode = glfwGetVideoMode(monitors[i]);
    log::debug("presenter: monitor {} \"{}\" {}x{}", i + 1, glfwGetMonitorName(monitors[i]), mode ? mode->width : 0,
               mode ? mode->height : 0);
  }
  if (count == 0) throw Error("--monitor", "no monitor is connected");
  if (oneBased < 1 || oneBased > count)
    throw Error("--monitor", fmt::format("monitor {} does not exist; this display has {} (1 = the primary)", oneBased,
                                         count));
  return monitors[oneBased - 1];
}

}  // namespace

void ViewerSession::enterPresenter(std::size_t step) {
  const briefing::Briefing& briefing = authoring_->documents().briefing.briefing;
  if (!authoring_->documents().briefing.loaded || briefing.steps.empty()) return;
  GLFWwindow* w = window_->handle();
  GLFWmonitor* monitor = chosenMonitor(options_.monitor);
  const GLFWvidmode* mode = glfwGetVideoMode(monitor);
  presenter_ = std::make_unique<Presenter>(briefing, world_, options_.autoAdvance, viewerDrawnAnalyses());
  presenter_->state().goTo(step, false);
  presenterClock_ = now();

  glfwGetWindowPos(w, &windowedX_, &windowedY_);
  glfwGetWindowSize(w, &windowedW_, &windowedH_);
  // The monitor's current mode, so the display does not switch resolution (windowed full screen).
  glfwSetWindowMonitor(w, monitor, 0, 0, mode->width, mode->height, mode->refreshRate);
  glfwSetInputMode(w, GLFW_CURSOR, GLFW_CURSOR_HIDDEN);
  navButtons_[0] = navButtons_[1] = navButtons_[2] = false;
  log::info("presenter: full screen on monitor {} \"{}\" {}x{}, {} steps{}", options_.monitor,
            glfwGetMonitorName(monitor), mode->width, mode->height, presenter_->state().stepCount(),
            options_.autoAdvance ? ", auto-advance" : "");
  logPresenterStep();
  redrawFrames_ = std::max(redrawFrames_, 3);
}

void ViewerSession::leavePresenter() {
  if (!presenter_) return;
  // Carry on in the viewer from where the presentation is, at its exaggeration.
  const render::FrameSettings shown = presenter_->frame(state_.frame);
  state_.editor.selectedStep = static_cast<int>(presenter_->state().step());  // editing goes on at that step
  presenter_.reset();
  GLFWwindow* w = window_->handle();
  glfwSetWindowMonitor(w, nullptr, windowedX_, windowedY_, std::max(1, windowedW_), std::max(1, windowedH_), 0);
  glfwSetInputMode(w, GLFW_CURSOR, GLFW_CURSOR_NORMAL);
  carryOnFrom(shown);
  log::info("presenter: left presenter mode");
  redrawFrames_ = std::max(redrawFrames_, 3);
}

void ViewerSession::logPresenterStep() const {
  const PresenterState& s = presenter_->state();
  log::info("presenter: step {} / {} \"{}\"{}", s.step() + 1, s.stepCount(), presenter_->stepTitle(),
            s.black() ? " (black screen)" : "");
}

void ViewerSession::handlePresenterEvents() {
  std::vector<InputEvent> events;
  events.swap(events_);
  for (const InputEvent& e : events) {
    if (e.type == InputEvent::Type::Move) {
      cursor_ = {e.x, e.y};
      continue;
    }
    // A clicker's key held down repeats: one step per press.
    if (e.type != InputEvent::Type::Key || e.action != GLFW_PRESS) continue;
    if (e.code == GLFW_KEY_Q && (e.mods & GLFW_MOD_CONTROL)) {
      window_->requestClose();
      continue;
    }
    const PresenterKey key = presenterKeyFor(e.code);
    if (key == PresenterKey::Leave) {
      leavePresenter();
      // The rest of this frame's events belong to the ordinary viewer.
      for (const InputEvent& rest : events)
        if (&rest > &e) events_.push_back(rest);
      return;
    }
    const std::size_t before = presenter_->state().step();
    if (!presenter_->state().apply(key)) continue;
    if (key != PresenterKey::Black) presenterHoldLogged_ = -1;  // log the hold again, even of the same step
    if (key == PresenterKey::Black)
      log::info("presenter: black screen {}", presenter_->state().black() ? "on" : "off");
    else if (presenter_->state().step() != before || key == PresenterKey::First)
      logPresenterStep();
  }
}

// One presenter frame: keys, playback, scene + lower third, an empty ImGui frame (so the ImGui
// backend's input state stays in step for when the panels return), swap.
void ViewerSession::presenterFrame() {
  const platform::Size2 win = window_->windowSize(), fb = window_->framebufferSize();
  if (win.width < 1 || win.height < 1 || fb.width < 1 || fb.height < 1) return;
  pixelsPerUnit_ = static_cast<float>(fb.width) / static_cast<float>(win.width);
  imgui_->newFrame(-1.0, -1.0);
  handlePresenterEvents();
  if (!presenter_) {  // Esc: this frame is the viewer's again
    imgui_->render();
    return;
  }
  const double t = now();
  // The wall clock, so transitions keep their length when frames are slow; a long stall
  // (a window move, a debugger) must not skip a whole step.
  const std::size_t before = presenter_->state().step();
  presenter_->state().advance(std::clamp(t - presenterClock_, 0.0, 0.5));
  presenterClock_ = t;
  if (presenter_->state().step() != before) logPresenterStep();  // auto-advance
  // Saved viewsheds finished since the last frame: the presenter's, and the viewer's that the
  // presenter waits on (the panels, which poll those otherwise, are hidden).
  if (analysis_) analysis_->poll();
  presenter_->analyses().poll();
  const PresenterState& ps = presenter_->state();
  const long step = static_cast<long>(ps.step());
  if (ps.inTransition()) {
    presenterHoldLogged_ = -1;
  } else if (presenterHoldLogged_ != step) {
    // The transition has landed (automated runs wait for this before looking at the window).
    presenterHoldLogged_ = step;
    log::info("presenter: holding step {} / {}", ps.step() + 1, ps.stepCount());
  }

  render::FrameSettings base = state_.frame;
  base.width = fb.width;
  base.height = fb.height;
  base.uiScale = std::max(std::max(1.0f, std::min(fb.width, fb.height) / 1080.0f), pixelsPerUnit_);
  const render::FrameSettings settings = presenter_->frame(base);
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
  stats_ = renderer_->draw(settings);
  glViewport(0, 0, fb.width, fb.height);
  imgui_->render();
  window_->swapBuffers();
  if (!firstSettledLogged_ && stats_.settled) {
    firstSettledLogged_ = true;
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - options_.launchTime).count();
    log::info("viewer: first full-detail frame {:.2f} s after launch ({} triangles, presenting)", s, stats_.triangles);
  }
}

// The saved analyses the viewer's Analysis panel has drawn: the presenter and the preview reuse
// them instead of computing a viewshed again.
StepAnalyses::DrawnAlready ViewerSession::viewerDrawnAnalyses() const {
  if (!analysis_) return {};
  return [tool = analysis_.get()](const analysis::SavedAnalysis& a) { return tool->drawnSaved(a); };
}

void ViewerSession::carryOnFrom(const render::FrameSettings& shown) {
  state_.frame.exaggeration = shown.exaggeration;
  appliedExaggeration_ = shown.exaggeration;
  nav_.setTerrain(&world_.heights, appliedExaggeration_);
  nav_.setHome(world_.overviewPose(appliedExaggeration_));
  nav_.setPose(shown.camera);
}

}  // namespace tb::viewer
