// GLFW window creation. GLFW is initialised with the first window and terminated with the last,
// so a process that never opens a window never touches the display.
#include "platform/glfw/GlfwWindow.h"

#include <epoxy/gl.h>
#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include <algorithm>
#include <string>

#include "core/Error.h"
#include "core/Log.h"
#include "platform/GlContextChecks.h"

namespace tb::platform {
namespace {

int gLiveWindows = 0;
std::string gLastGlfwError;

void onGlfwError(int code, const char* description) {
  gLastGlfwError = description ? description : "unknown GLFW error";
  log::debug("glfw: error {}: {}", code, gLastGlfwError);
}

}  // namespace

std::unique_ptr<GlfwWindow> GlfwWindow::create(const WindowOptions& options) {
  glfwSetErrorCallback(onGlfwError);
  if (gLiveWindows == 0 && !glfwInit())
    throw Error("view", "no display: terrabrief view needs a window; use `terrabrief render` for headless images");
  ++gLiveWindows;
  std::unique_ptr<GlfwWindow> window(new GlfwWindow());  // its destructor balances glfwInit

  glfwDefaultWindowHints();
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 4);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 5);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
  glfwWindowHint(GLFW_RESIZABLE, GLFW_TRUE);
  glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE);  // HiDPI: size the window in logical units
  glfwWindowHint(GLFW_DEPTH_BITS, 24);
  glfwWindowHint(GLFW_STENCIL_BITS, 8);
  window->window_ = glfwCreateWindow(std::max(1, options.width), std::max(1, options.height),
                                     options.title.c_str(), nullptr, nullptr);
  if (!window->window_)
    throw Error("view", "cannot create an OpenGL 4.5 core window (" + gLastGlfwError +
                            "); use `terrabrief render` for headless images");
  glfwMakeContextCurrent(window->window_);
  contextCreated();
  glfwSwapInterval(options.vsync ? 1 : 0);
  log::info("window: {}x{} ({}), GL {}", options.width, options.height, window->renderer(),
            reinterpret_cast<const char*>(glGetString(GL_VERSION)));
  return window;
}

GlfwWindow::~GlfwWindow() {
  if (window_) {
    glfwMakeContextCurrent(window_);
    contextDestroying("window");
    glfwDestroyWindow(window_);
  }
  if (--gLiveWindows == 0) glfwTerminate();
}

Size2 GlfwWindow::framebufferSize() const {
  Size2 s;
  glfwGetFramebufferSize(window_, &s.width, &s.height);
  return s;
}

Size2 GlfwWindow::windowSize() const {
  Size2 s;
  glfwGetWindowSize(window_, &s.width, &s.height);
  return s;
}

float GlfwWindow::contentScale() const {
  float x = 1, y = 1;
  glfwGetWindowContentScale(window_, &x, &y);
  return std::max(1.0f, std::max(x, y));
}

bool GlfwWindow::shouldClose() const { return glfwWindowShouldClose(window_); }
void GlfwWindow::requestClose() { glfwSetWindowShouldClose(window_, GLFW_TRUE); }
void GlfwWindow::setTitle(const std::string& title) { glfwSetWindowTitle(window_, title.c_str()); }
void GlfwWindow::swapBuffers() { glfwSwapBuffers(window_); }

std::string GlfwWindow::renderer() const {
  const auto* r = reinterpret_cast<const char*>(glGetString(GL_RENDERER));
  return r ? r : "unknown";
}

void pollWindowEvents(double timeoutSeconds) {
  if (timeoutSeconds > 0)
    glfwWaitEventsTimeout(timeoutSeconds);
  else
    glfwPollEvents();
}

}  // namespace tb::platform
