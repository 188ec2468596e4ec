// An interactive OpenGL 4.5 core window through GLFW: resizable, vsync, HiDPI-aware. Rendering
// uses the framebuffer size (pixels), input uses the window size (screen coordinates), and the
// content scale sizes the UI font. Knows nothing of scenes or ImGui.
#pragma once
#include <memory>
#include <string>

struct GLFWwindow;

namespace tb::platform {

struct WindowOptions {
  std::string title = "terrabrief";
  int width = 1280, height = 720;  // screen coordinates
  bool vsync = true;
};

struct Size2 {
  int width = 0, height = 0;
};

class GlfwWindow {
 public:
  // Throws tb::Error one line when no display is available or no GL 4.5 core context can be made.
  static std::unique_ptr<GlfwWindow> create(const WindowOptions& options);
  ~GlfwWindow();
  GlfwWindow(const GlfwWindow&) = delete;
  GlfwWindow& operator=(const GlfwWindow&) = delete;

  GLFWwindow* handle() const { return window_; }
  Size2 framebufferSize() const;  // pixels
  Size2 windowSize() const;       // screen coordinates (what mouse positions are in)
  float contentScale() const;     // 1 on an ordinary display, 2 on a typical HiDPI one
  bool shouldClose() const;
  void requestClose();
  void setTitle(const std::string& title);
  void swapBuffers();
  std::string renderer() const;  // GL_RENDERER

 private:
  GlfwWindow() = default;
  GLFWwindow* window_ = nullptr;
};

// Processes pending window events; waits up to timeoutSeconds for one when > 0.
void pollWindowEvents(double timeoutSeconds = 0.0);

}  // namespace tb::platform
