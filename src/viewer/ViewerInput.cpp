// Window input: GLFW callbacks queue events; handleEvents() hands each to ImGui's panels or to
// the camera, and handles the viewer's keys (F12 screenshot, Home, F fly/orbit, F5 present,
// Ctrl+Q quit).
#include <epoxy/gl.h>
#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include "core/Log.h"
#include "viewer/PinPicking.h"
#include "viewer/ViewerSession.h"

namespace tb::viewer {
namespace {

ViewerSession* sessionOf(GLFWwindow* w) { return static_cast<ViewerSession*>(glfwGetWindowUserPointer(w)); }

void push(GLFWwindow* w, InputEvent::Type type, int code, int action, int mods, double x, double y) {
  if (ViewerSession* s = sessionOf(w)) s->pushEvent({type, code, action, mods, x, y});
}

std::optional<camera::MouseButton> navButton(int glfwButton) {
  switch (glfwButton) {
    case GLFW_MOUSE_BUTTON_LEFT: return camera::MouseButton::Left;
    case GLFW_MOUSE_BUTTON_RIGHT: return camera::MouseButton::Right;
    case GLFW_MOUSE_BUTTON_MIDDLE: return camera::MouseButton::Middle;
    default: return std::nullopt;
  }
}

std::optional<camera::NavKey> navKey(int key) {
  switch (key) {
    case GLFW_KEY_W: return camera::NavKey::Forward;
    case GLFW_KEY_A: return camera::NavKey::Left;
    case GLFW_KEY_S: return camera::NavKey::Back;
    case GLFW_KEY_D: return camera::NavKey::Right;
    case GLFW_KEY_Q: return camera::NavKey::Down;
    case GLFW_KEY_E: return camera::NavKey::Up;
    case GLFW_KEY_LEFT_SHIFT:
    case GLFW_KEY_RIGHT_SHIFT: return camera::NavKey::Faster;
    default: return std::nullopt;
  }
}

}  // namespace

void installInputCallbacks(GLFWwindow* window, ViewerSession* session) {
  glfwSetWindowUserPointer(window, session);
  // Buttons and the wheel act where the last motion event (in X's order) left the pointer:
  // asking for the pointer now would be wrong when a slow frame let events queue up.
  glfwSetMouseButtonCallback(window, [](GLFWwindow* w, int button, int action, int mods) {
    push(w, InputEvent::Type::Button, button, action, mods, 0, 0);
  });
  glfwSetCursorPosCallback(window, [](GLFWwindow* w, double x, double y) {
    push(w, InputEvent::Type::Move, 0, 0, 0, x, y);
  });
  glfwSetScrollCallback(window, [](GLFWwindow* w, double dx, double dy) {
    push(w, InputEvent::Type::Scroll, 0, 0, 0, dx, dy);
  });
  glfwSetKeyCallback(window, [](GLFWwindow* w, int key, int, int action, int mods) {
    push(w, InputEvent::Type::Key, key, action, mods, 0, 0);
  });
  glfwSetCharCallback(window, [](GLFWwindow* w, unsigned int) { push(w, InputEvent::Type::Refresh, 0, 0, 0, 0, 0); });
  glfwSetCursorEnterCallback(window, [](GLFWwindow* w, int entered) {
    if (ViewerSession* s = sessionOf(w)) s->setCursorInWindow(entered != 0);
    push(w, InputEvent::Type::Refresh, 0, 0, 0, 0, 0);
  });
  glfwSetWindowFocusCallback(window, [](GLFWwindow* w, int) { push(w, InputEvent::Type::Refresh, 0, 0, 0, 0, 0); });
  glfwSetFramebufferSizeCallback(window, [](GLFWwindow* w, int, int) { push(w, InputEvent::Type::Refresh, 0, 0, 0, 0, 0); });
  glfwSetWindowRefreshCallback(window, [](GLFWwindow* w) { push(w, InputEvent::Type::Refresh, 0, 0, 0, 0, 0); });
  glfwSetDropCallback(window, [](GLFWwindow* w, int count, const char** paths) {
    if (ViewerSession* s = sessionOf(w)) s->filesDropped(std::vector<std::string>(paths, paths + count));
  });
}

void ViewerSession::handleEvents() {
  std::vector<InputEvent> events;
  events.swap(events_);
  const bool uiKeys = imgui_->wantsKeyboard();
  const double top = layout_.topBarHeight;
  // Whether a pointer position belongs to the panels: the fixed panel areas, or whatever ImGui
  // judged at the position it was given this frame (overlays, open combo boxes, tooltips).
  const bool imguiMouse = imgui_->wantsMouse();
  const glm::dvec2 judged = cursor_;
  auto overPanel = [&](double x, double y) {
    if (y < top || x >= layout_.viewWidth()) return true;
    return imguiMouse && glm::distance(glm::dvec2(x, y), judged) < 1.0;
  };
  for (const InputEvent& e : events) {
    switch (e.type) {
      case InputEvent::Type::Move: {
        cursor_ = {e.x, e.y};
        cursorInWindow_ = true;
        if (drawingDrag_) {
          dragDrawing();
          break;
        }
        const bool dragging = navButtons_[0] || navButtons_[1] || navButtons_[2];
        if (dragging || !overPanel(e.x, e.y)) nav_.mouseMove(e.x, e.y - top);
        break;
      }
      case InputEvent::Type::Button: {
        const auto button = navButton(e.code);
        if (!button) break;
        const int slot = static_cast<int>(*button);
        const bool uiMouse = overPanel(cursor_.x, cursor_.y);
        log::debug("viewer: button {} {} at {:.0f},{:.0f} ({})", e.code, e.action == GLFW_PRESS ? "down" : "up",
                   cursor_.x, cursor_.y, uiMouse ? "panel" : "3D view");
        if (e.action == GLFW_RELEASE && *button == camera::MouseButton::Left && drawingDrag_) {
          releaseDrawing();
          break;
        }
        if (e.action == GLFW_PRESS) {
          if (uiMouse) break;
          if (*button == camera::MouseButton::Right && deleteVertexUnderCursor()) break;
          if (*button == camera::MouseButton::Left) {
            if (authoringUi_.placingPin || authoringUi_.drawing != geo::GeometryKind::None) {
              placePinAtCursor();
              break;
            }
            leftPress_ = cursor_;
            if (state_.compass && state_.compass->contains(glm::vec2(cursor_))) {
              faceNorth();
              break;
            }
            if (pressOnDrawing(e.mods)) break;
            if (const auto pin = pinUnderCursor(pins_, glm::vec2(cursor_))) {
              selectSite(*pin, false);
              break;
            }
          }
          nav_.mouseDown(*button, cursor_.x, cursor_.y - top);
          navButtons_[slot] = true;
        } else if (e.action == GLFW_RELEASE && navButtons_[slot]) {
          nav_.mouseUp(*button, cursor_.x, cursor_.y - top);
          navButtons_[slot] = false;
          // A press and release in one place is a click (an analysis point), not a drag.
          if (*button == camera::MouseButton::Left && glm::distance(leftPress_, cursor_) < 4.0) analysisClick();
        }
        break;
      }
      case InputEvent::Type::Scroll:
        log::debug("viewer: wheel {:+.0f} at {:.0f},{:.0f} ({})", e.y, cursor_.x, cursor_.y,
                   overPanel(cursor_.x, cursor_.y) ? "panel" : "3D view");
        if (!overPanel(cursor_.x, cursor_.y) && e.y != 0) nav_.wheel(e.y, cursor_.x, cursor_.y - top);
        break;
      case InputEvent::Type::Key:
        // Releases always reach the camera, so a key held while a text field took focus cannot stick.
        if (e.action == GLFW_RELEASE) {
          if (const auto k = navKey(e.code)) nav_.keyUp(*k);
        } else if (!uiKeys) {
          handleKey(e);
        }
        break;
      case InputEvent::Type::Refresh:
        break;
    }
  }
}

void ViewerSession::handleKey(const InputEvent& e) {
  if (e.action == GLFW_REPEAT) return;
  if (e.code == GLFW_KEY_Q && (e.mods & GLFW_MOD_CONTROL)) {
    window_->requestClose();
    return;
  }
  // Editing: undo/redo/save (Edit window), help, and leaving pin placement.
  if ((e.mods & GLFW_MOD_CONTROL) && (e.code == GLFW_KEY_Z || e.code == GLFW_KEY_Y || e.code == GLFW_KEY_S)) {
    if (e.code == GLFW_KEY_S) saveAllEdits();
    else if (e.code == GLFW_KEY_Y || (e.mods & GLFW_MOD_SHIFT)) redoEdit();
    else undoEdit();
    return;
  }
  if (e.code == GLFW_KEY_O && (e.mods & GLFW_MOD_CONTROL)) {
    files_.show = !files_.show;
    log::info("viewer: Open window {}", files_.show ? "shown" : "hidden");
    return;
  }
  if (e.code == GLFW_KEY_E && (e.mods & GLFW_MOD_CONTROL)) {
    authoringUi_.showEdit = !authoringUi_.showEdit;
    log::info("viewer: Edit window {}", authoringUi_.showEdit ? "shown" : "hidden");
    return;
  }
  if (e.code == GLFW_KEY_F1 || (e.code == GLFW_KEY_SLASH && (e.mods & GLFW_MOD_SHIFT))) {
    authoringUi_.showHelp = !authoringUi_.showHelp;
    log::info("viewer: key reference {}", authoringUi_.showHelp ? "shown" : "hidden");
    return;
  }
  if (e.code == GLFW_KEY_ESCAPE && (authoringUi_.placingPin || authoringUi_.drawing != geo::GeometryKind::None)) {
    authoringUi_.placingPin = false;
    authoringUi_.drawing = geo::GeometryKind::None;
    authoringUi_.drawnVertices.clear();
    return;
  }
  if (e.code == GLFW_KEY_DELETE && deleteVertexUnderCursor()) return;
  if ((e.code == GLFW_KEY_ENTER || e.code == GLFW_KEY_KP_ENTER) && authoringUi_.drawing != geo::GeometryKind::None) {
    finishDrawing();
    return;
  }
  if (e.code == GLFW_KEY_ESCAPE && preview_) {  // back to editing, at the step the preview reached
    stopPreview();
    return;
  }
  if (handleAnalysisKey(e.code)) return;
  if (const auto k = navKey(e.code)) {
    nav_.keyDown(*k);
    return;
  }
  switch (e.code) {
    case GLFW_KEY_F12:
      if (!state_.busy) {
        screenshotPending_ = true;
        state_.busy = true;
        notify("Saving screenshot...", false);
      }
      break;
    case GLFW_KEY_HOME:
      nav_.goHome();
      break;
    case GLFW_KEY_F5:
      presentBriefing((e.mods & GLFW_MOD_SHIFT) != 0);
      break;
    case GLFW_KEY_F:
      state_.flyMode = !state_.flyMode;
      nav_.setMode(state_.flyMode ? camera::NavigationMode::Fly : camera::NavigationMode::Orbit);
      break;
    default:
      break;
  }
}

}  // namespace tb::viewer
