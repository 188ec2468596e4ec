// ViewerSession's side of the frame-observer hook (FrameObserver.h): what an observer reads of a
// frame and the switches it sets for the next. The loop calls the observer (ViewerSession.cpp).
#include <fmt/format.h>

#include "viewer/ViewerSession.h"

namespace tb::viewer {

std::string ViewerSession::glRenderer() const { return window_->renderer(); }

std::string ViewerSession::windowSizeText() const {
  const platform::Size2 win = window_->windowSize();
  return fmt::format("{}x{}", win.width, win.height);
}

std::string ViewerSession::panelDrawStats() const {
  const ui::ImGuiLayer::DrawStats draws = imgui_->lastDrawStats();
  return fmt::format("{} draw calls, {} vertices", draws.drawCalls, draws.vertices);
}

double ViewerSession::groundZ(double x, double y) const {
  return world_.heights.sample({x, y}) * appliedExaggeration_;
}

void ViewerSession::setCursorAtViewCentre() {
  cursor_ = {layout_.viewWidth() * 0.5, layout_.topBarHeight + layout_.viewHeight() * 0.5};
  cursorInWindow_ = true;
}

void ViewerSession::setCameraPose(const CameraPose& pose) { nav_.setPose(pose); }

void ViewerSession::close() {
  closeConfirmed_ = true;  // an observed session has no edits of its own to ask about
  window_->requestClose();
}

}  // namespace tb::viewer
