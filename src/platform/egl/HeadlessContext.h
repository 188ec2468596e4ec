// Headless OpenGL 4.5 core through EGL: Mesa's surfaceless platform first, then the EGL device
// platform (NVIDIA's EGL on GPU servers), then the default display. No window, no GLFW.
#pragma once
#include <memory>
#include <string>

namespace tb::platform {

class HeadlessContext {
 public:
  // Throws tb::Error("EGL", "...") with one line when no display/context can be made.
  static std::unique_ptr<HeadlessContext> create();
  ~HeadlessContext();
  void makeCurrent();
  std::string renderer() const;  // GL_RENDERER, e.g. "llvmpipe (LLVM 15.0.6, 256 bits)"

 private:
  HeadlessContext() = default;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tb::platform
