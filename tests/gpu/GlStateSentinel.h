// "A pass leaves the GL state as it found it", tested so that it can fail: before each pass every
// field of GlStateSnapshot is set to a sentinel no pass would choose for itself (reverse-subtract
// blending, GL_GEQUAL, front-face culling, polygon mode GL_LINE, texture unit 5, our own objects
// bound everywhere...), and after the pass the state is compared with that known sentinel, not
// with a snapshot of whatever the previous pass happened to leave.
#pragma once
#include <array>

#include <epoxy/gl.h>

#include "render/gl/Buffer.h"
#include "render/gl/Framebuffer.h"
#include "render/gl/GlStateGuard.h"
#include "render/gl/Program.h"
#include "render/gl/Texture.h"
#include "render/gl/VertexArray.h"

namespace tb::test {

class GlStateSentinel {
 public:
  // `target`: the framebuffer the passes draw into (bound for drawing; reads from another one).
  explicit GlStateSentinel(GLuint target) : before_(render::gl::GlStateSnapshot::capture()) {
    program_ = render::gl::Program::fromEmbedded({"terrain_depth.vert"});
    vao_ = render::gl::VertexArray::create();
    buffer_ = render::gl::Buffer::create();
    readFbo_ = render::gl::Framebuffer::create();
    for (auto& t : textures_) t = render::gl::Texture::create2D(GL_RGBA8, 1, 1);
    glCreateSamplers(static_cast<GLsizei>(samplers_.size()), samplers_.data());
    auto& s = expected_;
    s.program = GLint(program_.id());
    s.vertexArray = GLint(vao_.id());
    s.arrayBuffer = GLint(buffer_.id());
    s.drawFramebuffer = GLint(target);
    s.readFramebuffer = GLint(readFbo_.id());
    s.activeTexture = GL_TEXTURE5;
    for (size_t u = 0; u < textures_.size(); ++u) {
      s.texture2D[u] = GLint(textures_[u].id());
      s.sampler[u] = GLint(samplers_[u]);
    }
    s.viewport = {3, 5, 41, 29};
    s.scissorBox = {2, 3, 17, 11};
    s.blend = s.depthTest = s.cullFace = s.scissorTest = s.polygonOffsetFill = GL_TRUE;
    s.programPointSize = s.primitiveRestart = GL_TRUE;
    s.depthMask = GL_FALSE;
    s.multisample = GL_FALSE;
    s.colorMask = {GL_TRUE, GL_FALSE, GL_TRUE, GL_FALSE};
    s.blendSrcRgb = GL_DST_COLOR;
    s.blendDstRgb = GL_ONE_MINUS_SRC_COLOR;
    s.blendSrcAlpha = GL_CONSTANT_ALPHA;
    s.blendDstAlpha = GL_ZERO;
    s.blendEqRgb = GL_FUNC_REVERSE_SUBTRACT;
    s.blendEqAlpha = GL_MAX;
    s.depthFunc = GL_GEQUAL;
    s.cullMode = GL_FRONT;
    s.frontFace = GL_CW;
    s.polygonMode = GL_LINE;
    s.polygonOffsetFactor = 1.5f;
    s.polygonOffsetUnits = 2.5f;
    s.lineWidth = 1.0f;  // core profile contexts may refuse wide lines
  }
  ~GlStateSentinel() {
    before_.apply();  // what the next test expects to find
    glDeleteSamplers(static_cast<GLsizei>(samplers_.size()), samplers_.data());
  }
  GlStateSentinel(const GlStateSentinel&) = delete;
  GlStateSentinel& operator=(const GlStateSentinel&) = delete;

  // Sets the sentinel; false if the context did not take it (the test would prove nothing).
  bool set() const {
    expected_.apply();
    return render::gl::GlStateSnapshot::capture() == expected_;
  }
  bool intact() const { return render::gl::GlStateSnapshot::capture() == expected_; }
  const render::gl::GlStateSnapshot& expected() const { return expected_; }

 private:
  render::gl::GlStateSnapshot before_, expected_;
  render::gl::Program program_;
  render::gl::VertexArray vao_;
  render::gl::Buffer buffer_;
  render::gl::Framebuffer readFbo_;
  std::array<render::gl::Texture, 8> textures_;
  std::array<GLuint, 8> samplers_{};
};

}  // namespace tb::test
