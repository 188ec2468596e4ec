// Saves the GL state a render pass may touch and restores it on destruction, so every pass
// leaves the context as it found it (imgui_impl_opengl3.cpp does the same around its draw; a
// gpu test checks it). Cheap enough per pass: a few dozen glGet calls.
#pragma once
#include <array>

#include <epoxy/gl.h>

namespace tb::render::gl {

struct GlStateSnapshot {
  GLint program = 0, vertexArray = 0, arrayBuffer = 0, drawFramebuffer = 0, readFramebuffer = 0;
  GLint activeTexture = 0;
  std::array<GLint, 8> texture2D{}, sampler{};  // units 0..7
  std::array<GLint, 4> viewport{}, scissorBox{};
  GLboolean blend = 0, depthTest = 0, cullFace = 0, scissorTest = 0, polygonOffsetFill = 0;
  GLboolean depthMask = 0, programPointSize = 0, multisample = 0, primitiveRestart = 0;
  std::array<GLboolean, 4> colorMask{};
  GLint blendSrcRgb = 0, blendDstRgb = 0, blendSrcAlpha = 0, blendDstAlpha = 0;
  GLint blendEqRgb = 0, blendEqAlpha = 0, depthFunc = 0, cullMode = 0, frontFace = 0;
  GLint polygonMode = 0;
  GLfloat polygonOffsetFactor = 0, polygonOffsetUnits = 0, lineWidth = 1;

  static GlStateSnapshot capture();
  void apply() const;
  bool operator==(const GlStateSnapshot&) const = default;
};

class GlStateGuard {
 public:
  GlStateGuard() : saved_(GlStateSnapshot::capture()) {}
  ~GlStateGuard() { saved_.apply(); }
  GlStateGuard(const GlStateGuard&) = delete;
  GlStateGuard& operator=(const GlStateGuard&) = delete;

 private:
  GlStateSnapshot saved_;
};

}  // namespace tb::render::gl
