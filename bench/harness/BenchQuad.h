// The GPU baselines for `terrabrief bench`: an offscreen render target to draw frames into, and
// one full-screen textured quad — the cheapest frame a renderer that shows an image can draw.
// Needs a current GL 4.5 context.
#pragma once
#include <cstdint>

namespace tb::bench {

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

// The floor under any 3D terrain frame on this GL: what the two unavoidable parts cost on their
// own, measured next to TexturedQuad so the ratio (a) can be judged against what is possible.
// - depth-only rasterisation of `triangles` small triangles covering the viewport (a terrain
//   mesh at tau = 2 px is ~10 px per triangle), no fragment shader;
// - one full-screen pass that samples a mipmapped texture once per pixel at a minifying scale,
//   as imagery is seen in a perspective view (trilinear: the mip level varies over the frame).
class FloorPasses {
 public:
  FloorPasses(int width, int height, long long triangles);
  ~FloorPasses();
  FloorPasses(const FloorPasses&) = delete;
  FloorPasses& operator=(const FloorPasses&) = delete;
  void drawDepthMesh();
  void drawMipmappedPass();

 private:
  std::uint32_t meshProgram_ = 0, passProgram_ = 0, meshVao_ = 0, passVao_ = 0, vertices_ = 0, indices_ = 0,
                texture_ = 0;
  int indexCount_ = 0;
};

}  // namespace tb::bench
