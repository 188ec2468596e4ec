// The viewer's frame loop (see ViewerSession.h): events -> camera -> scene -> panels -> swap.
// Frames are drawn only while something changes (input, a flight, inertia, a notice), so an idle
// viewer does not keep two shared cores busy with llvmpipe.
#include "viewer/ViewerSession.h"

#include <epoxy/gl.h>
#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <thread>

#include "core/Log.h"
#include "ui/ViewerPanels.h"
#include "viewer/PinPicking.h"
#include "viewer/PresenterEdits.h"

namespace tb::viewer {

void installInputCallbacks(GLFWwindow* window, ViewerSession* session);  // ViewerInput.cpp

ViewerSession::ViewerSession(const ViewerOptions& options, std::unique_ptr<platform::GlfwWindow> window,
                             world::World world)
    : options_(options),
      window_(std::move(window)),
      world_(std::move(world)),
      nav_(CameraPose{}),
      start_(std::chrono::steady_clock::now()) {
  renderer_ = std::make_unique<render::SceneRenderer>(world_);
  authoring_ = std::make_unique<session::Session>(world_.scene);
  areaSignature_ = areaSitesSignature(world_.scene.sites);
  const auto rendererReady = std::chrono::steady_clock::now();
  // Our callbacks first: ImGui's backend chains to them, so both see every event.
  installInputCallbacks(window_->handle(), this);
  imgui_ = std::make_unique<ui::ImGuiLayer>(window_->handle(), window_->contentScale());
  log::debug("viewer: renderer ready {:.2f} s after launch, ImGui in {:.0f} ms",
             std::chrono::duration<double>(rendererReady - options_.launchTime).count(),
             std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - rendererReady).count());

  state_.frame = render::FrameSettings::fromScene(world_);
  state_.documents = &authoring_->documents();
  appliedExaggeration_ = state_.frame.exaggeration;
  nav_.setTerrain(&world_.heights, appliedExaggeration_);
  nav_.setGroundDetail(world_.groundDetail.get());
  const CameraPose home = world_.overviewPose(appliedExaggeration_);
  nav_.setHome(home);
  nav_.setPose(home);
  initAnalysis();
  initFiles();
  if (options_.briefing) {
    authoring_->openBriefing(*options_.briefing);
    state_.editor.selectedStep = options_.briefing->steps.empty() ? -1 : 0;
  }
  syncDocuments();
  if (!options_.testDrop.empty()) filesDropped(options_.testDrop);  // the drop callback's own path
  if (options_.present) enterPresenter(0);
}

ViewerSession::~ViewerSession() {
  imgui_.reset();     // backends before the context goes
  renderer_.reset();  // GL objects while the context is current
}

double ViewerSession::now() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}

int ViewerSession::run() {
  double last = now();
  phases_.enabled = options_.observer != nullptr;
  while (!(window_->shouldClose() && mayClose()) && !next_) {
    // Queued keys reach ImGui one transition per frame, and a +/- button held down repeats by
    // time, so both keep frames coming (a minimised window draws none, and would only spin).
    const bool animating = options_.observer || nav_.isAnimating() || !stats_.settled || screenshotPending_ ||
                           redrawFrames_ > 0 || presenterPlaying() || presenterComputing() || (analysis_ && analysis_->busy()) ||
                           ((imgui_->hasQueuedKeys() || imgui_->holdsWidget()) && window_->windowSize().width > 0);
    const bool noticeShowing = !state_.notice.empty() && state_.noticeUntil > now();
    if (animating) {
      platform::pollWindowEvents();
    } else {
      // Idle: sleep until input, or until a notice must disappear or --exit-after is due.
      double wait = noticeShowing ? std::max(0.01, state_.noticeUntil - now()) : 0.5;
      if (options_.exitAfterSeconds > 0) wait = std::min(wait, std::max(0.01, options_.exitAfterSeconds - now()));
      platform::pollWindowEvents(wait);
      const bool noticeExpired = noticeShowing && state_.noticeUntil <= now();
      const bool exitDue = options_.exitAfterSeconds > 0 && now() >= options_.exitAfterSeconds;
      if (events_.empty() && !noticeExpired && !exitDue) continue;
    }
    if (options_.exitAfterSeconds > 0 && now() >= options_.exitAfterSeconds) {
      log::info("viewer: --exit-after {} s reached", options_.exitAfterSeconds);
      closeConfirmed_ = true;
      window_->requestClose();
    }
    const double t = now();
    const double dt = std::clamp(t - last, 0.0, 0.1);  // a long pause must not fling the camera
    last = t;
    if (!events_.empty()) redrawFrames_ = std::max(redrawFrames_, 3);
    frame(dt);
    if (redrawFrames_ > 0) --redrawFrames_;
    if (options_.observer) options_.observer->afterFrame(*this);
  }
  return 0;
}

render::FrameSettings ViewerSession::windowFrameSettings() const {
  render::FrameSettings s = state_.frame;
  s.camera = nav_.pose();
  s.overlay = analysisOverlay_;
  s.liveOverlay = analysisLiveOverlay_;
  s.tileUploadMs = 6.0;  // streamed tiles: a burst of arrivals is spread over frames, never a stall
  s.width = std::max(1, static_cast<int>(std::lround(layout_.viewWidth() * pixelsPerUnit_)));
  s.height = std::max(1, static_cast<int>(std::lround(layout_.viewHeight() * pixelsPerUnit_)));
  // On a HiDPI display the labels and HUD grow with the framebuffer scale, like the panels.
  const float derived = std::max(1.0f, std::min(s.width, s.height) / 1080.0f);
  s.uiScale = std::max(derived, pixelsPerUnit_);
  s.selectedSite = state_.selectedSite >= 0 ? world_.sites[static_cast<std::size_t>(state_.selectedSite)].site->id : "";
  return s;
}

// The top bar and sidebar backgrounds (see ui::kPanelBackground), in framebuffer pixels.
void ViewerSession::clearPanelBackgrounds(int fbWidth, int fbHeight) const {
  const auto px = [&](float units) { return static_cast<int>(std::lround(units * pixelsPerUnit_)); };
  const int top = px(layout_.topBarHeight), viewW = px(layout_.viewWidth());
  glClearColor(ui::kPanelBackground[0], ui::kPanelBackground[1], ui::kPanelBackground[2], 1.0f);
  glEnable(GL_SCISSOR_TEST);
  glScissor(0, fbHeight - top, fbWidth, top);
  glClear(GL_COLOR_BUFFER_BIT);
  if (layout_.sidebarWidth > 0) {
    glScissor(viewW, 0, fbWidth - viewW, fbHeight - top);
    glClear(GL_COLOR_BUFFER_BIT);
  }
  glDisable(GL_SCISSOR_TEST);
}

void ViewerSession::frame(double dt) {
  if (presenter_) {
    presenterFrame();
    if (presenter_) return;  // Esc went back to the viewer: draw its frame now
  }
  const auto frameStart = std::chrono::steady_clock::now();
  phases_.start();
  const platform::Size2 win = window_->windowSize(), fb = window_->framebufferSize();
  if (win.width < 1 || win.height < 1 || fb.width < 1 || fb.height < 1) return;  // minimised
  pixelsPerUnit_ = static_cast<float>(fb.width) / static_cast<float>(win.width);

  for (const InputEvent& e : events_)
    if (e.type == InputEvent::Type::Move) {
      cursor_ = {e.x, e.y};
      cursorInWindow_ = true;
    }
  imgui_->newFrame(cursorInWindow_ ? cursor_.x : -1.0, cursorInWindow_ ? cursor_.y : -1.0);
  const ui::Layout previous = layout_;
  layout_ = ui::computeLayout(static_cast<float>(win.width), static_cast<float>(win.height), state_.sidebarOpen);
  if (layout_.viewWidth() != previous.viewWidth() || layout_.viewHeight() != previous.viewHeight() ||
      layout_.topBarHeight != previous.topBarHeight)
    log::debug("viewer: 3D view at 0,{:.0f} size {:.0f}x{:.0f} (window {}x{}, framebuffer {}x{})", layout_.topBarHeight,
               layout_.viewWidth(), layout_.viewHeight(), win.width, win.height, fb.width, fb.height);
  nav_.setViewport(std::max(1, static_cast<int>(layout_.viewWidth())), std::max(1, static_cast<int>(layout_.viewHeight())));
  handleEvents();
  applyExaggeration();
  nav_.update(dt);

  render::FrameSettings settings = windowFrameSettings();
  pins_ = projectPins(world_, settings, pixelsPerUnit_, glm::vec2(0.0f, layout_.topBarHeight));
  state_.hoveredSite = -1;
  if (cursorInWindow_ && !imgui_->wantsMouse())
    if (!(state_.compass && state_.compass->contains(glm::vec2(cursor_))))
      if (const auto hit = pinUnderCursor(pins_, glm::vec2(cursor_))) state_.hoveredSite = *hit;
  updateStatus();
  phases_.lap(phases_.viewerMs);

  ui::UiRequests requests;
  state_.editor.dirty = authoring_->dirty(session::DocumentKind::Briefing);
  state_.viewsDirty = authoring_->dirty(session::DocumentKind::Views);
  ui::drawViewerUi(world_, layout_, state_, pins_, requests, now());
  if (!state_.notice.empty() && state_.noticeUntil == 0) state_.noticeUntil = now() + 6.0;
  handleRequests(requests);
  handleBriefingRequests(requests);
  handleAnalysisRequests(requests.analysis);
  ui::AuthoringRequests authoring;
  ui::drawAuthoringWindow(*authoring_, layout_, authoringUi_, selectedSiteId(), authoring);
  ui::drawHelpWindow(authoringUi_);
  handleAuthoringRequests(authoring);
  ui::FileRequests files;
  files.open = requests.openFile;
  if (requests.showFiles) files_.show = !files_.show;
  ui::drawFileWindow(layout_, files_, files);
  handleFileRequests(files);
  settings = windowFrameSettings();  // requests may have changed the selection or layers
  updateAnalysis(settings);
  addEditingOverlay(settings);
  if (preview_) settings = previewFrame(settings);
  phases_.lap(phases_.uiMs);

  glBindFramebuffer(GL_FRAMEBUFFER, 0);
  stats_ = renderer_->draw(settings);
  updateCompass(layout_.topBarHeight);
  glViewport(0, 0, fb.width, fb.height);
  if (phases_.drawPanels) {
    clearPanelBackgrounds(fb.width, fb.height);
    imgui_->render();
    writePendingChartPng(fb.height);
  } else {
    imgui_->endFrameWithoutDrawing();
  }
  if (phases_.present) window_->swapBuffers();

  // TERRABRIEF_DEBUG_FRAME_MS: stretch every frame to at least that long, to try the viewer at a
  // slow software renderer's frame rate (the window tests type into text fields this way).
  static const double minFrameMs = [] {
    const char* v = std::getenv("TERRABRIEF_DEBUG_FRAME_MS");
    return v && *v ? std::clamp(std::atof(v), 0.0, 5000.0) : 0.0;
  }();
  if (minFrameMs > 0) std::this_thread::sleep_until(frameStart + std::chrono::microseconds(std::lround(minFrameMs * 1000.0)));
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - frameStart).count();
  // A smoothed frame time reads steadily in the status bar.
  state_.status.frameMs = state_.status.frameMs > 0 ? state_.status.frameMs * 0.8 + ms * 0.2 : ms;
  state_.status.triangles = stats_.triangles;
  state_.status.tiles = stats_.tiles;
  if (!firstSettledLogged_ && stats_.settled) {
    firstSettledLogged_ = true;
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - options_.launchTime).count();
    log::info("viewer: first full-detail frame {:.2f} s after launch ({} triangles, {:.1f} ms)", s,
              stats_.triangles, ms);
  }

  if (facingNorth_ && !nav_.isAnimating()) {
    facingNorth_ = false;
    log::info("viewer: facing north, heading {:.1f}°", state_.status.camera.headingDeg);
  }

  if (screenshotPending_) {  // the "Saving..." notice has been on screen for one frame
    screenshotPending_ = false;
    takeScreenshot();
    state_.busy = false;
  }
}

}  // namespace tb::viewer
