// The GPU baselines for `terrabrief bench`: an offscreen render target to draw frames into, and
// one full-screen textured quad — the cheapest frame a renderer that shows an image can draw.
// Needs a current GL 4.5 context.
#pragma once
#include <cstdint>

namespace tb::app {

// A framebuffer with an RGBA8 colour and a 24/8 depth-stencil renderbuffer, bound while alive.
class OffscreenTarget {
 public:
  OffscreenTarget(int width, int height);  // binds it and sets the viewport
  ~OffscreenTarget();
  OffscreenTarget(const OffscreenTarget&) = delete;
  OffscreenTarget& operator=(const OffscreenTarget&) = delete;

 private:
  std::uint32_t fbo_ = 0, color_ = 0, depth_ = 0;
};

class TexturedQuad {
 public:
  TexturedQuad(int textureWidth, int textureHeight);  // a texture of that size with a pattern
  ~TexturedQuad();
  TexturedQuad(const TexturedQuad&) = delete;
  TexturedQuad& operator=(const TexturedQuad&) = delete;
  void draw();  // covers the current viewport

 private:
  std::uint32_t program_ = 0, vao_ = 0, texture_ = 0;
};

}  // namespace tb::app
