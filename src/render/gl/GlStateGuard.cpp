// Capture and restore of the GL state passes touch.
#include "render/gl/GlStateGuard.h"

namespace tb::render::gl {

namespace {
GLboolean isEnabled(GLenum cap) { return glIsEnabled(cap); }
void setEnabled(GLenum cap, GLboolean on) { on ? glEnable(cap) : glDisable(cap); }
GLint getInt(GLenum pname) {
  GLint v = 0;
  glGetIntegerv(pname, &v);
  return v;
}
}  // namespace

GlStateSnapshot GlStateSnapshot::capture() {
  GlStateSnapshot s;
  s.program = getInt(GL_CURRENT_PROGRAM);
  s.vertexArray = getInt(GL_VERTEX_ARRAY_BINDING);
  s.arrayBuffer = getInt(GL_ARRAY_BUFFER_BINDING);
  s.drawFramebuffer = getInt(GL_DRAW_FRAMEBUFFER_BINDING);
  s.readFramebuffer = getInt(GL_READ_FRAMEBUFFER_BINDING);
  s.activeTexture = getInt(GL_ACTIVE_TEXTURE);
  for (int u = 0; u < static_cast<int>(s.texture2D.size()); ++u) {
    glActiveTexture(GL_TEXTURE0 + u);
    s.texture2D[u] = getInt(GL_TEXTURE_BINDING_2D);
    s.sampler[u] = getInt(GL_SAMPLER_BINDING);
  }
  glActiveTexture(static_cast<GLenum>(s.activeTexture));
  glGetIntegerv(GL_VIEWPORT, s.viewport.data());
  glGetIntegerv(GL_SCISSOR_BOX, s.scissorBox.data());
  s.blend = isEnabled(GL_BLEND);
  s.depthTest = isEnabled(GL_DEPTH_TEST);
  s.cullFace = isEnabled(GL_CULL_FACE);
  s.scissorTest = isEnabled(GL_SCISSOR_TEST);
  s.polygonOffsetFill = isEnabled(GL_POLYGON_OFFSET_FILL);
  s.programPointSize = isEnabled(GL_PROGRAM_POINT_SIZE);
  s.multisample = isEnabled(GL_MULTISAMPLE);
  s.primitiveRestart = isEnabled(GL_PRIMITIVE_RESTART);
  glGetBooleanv(GL_DEPTH_WRITEMASK, &s.depthMask);
  glGetBooleanv(GL_COLOR_WRITEMASK, s.colorMask.data());
  s.blendSrcRgb = getInt(GL_BLEND_SRC_RGB);
  s.blendDstRgb = getInt(GL_BLEND_DST_RGB);
  s.blendSrcAlpha = getInt(GL_BLEND_SRC_ALPHA);
  s.blendDstAlpha = getInt(GL_BLEND_DST_ALPHA);
  s.blendEqRgb = getInt(GL_BLEND_EQUATION_RGB);
  s.blendEqAlpha = getInt(GL_BLEND_EQUATION_ALPHA);
  s.depthFunc = getInt(GL_DEPTH_FUNC);
  s.cullMode = getInt(GL_CULL_FACE_MODE);
  s.frontFace = getInt(GL_FRONT_FACE);
  GLint modes[2] = {GL_FILL, GL_FILL};  // some drivers return front and back
  glGetIntegerv(GL_POLYGON_MODE, modes);
  s.polygonMode = modes[0];
  glGetFloatv(GL_POLYGON_OFFSET_FACTOR, &s.polygonOffsetFactor);
  glGetFloatv(GL_POLYGON_OFFSET_UNITS, &s.polygonOffsetUnits);
  glGetFloatv(GL_LINE_WIDTH, &s.lineWidth);
  return s;
}

void GlStateSnapshot::apply() const {
  glUseProgram(static_cast<GLuint>(program));
  glBindVertexArray(static_cast<GLuint>(vertexArray));
  glBindBuffer(GL_ARRAY_BUFFER, static_cast<GLuint>(arrayBuffer));
  glBindFramebuffer(GL_DRAW_FRAMEBUFFER, static_cast<GLuint>(drawFramebuffer));
  glBindFramebuffer(GL_READ_FRAMEBUFFER, static_cast<GLuint>(readFramebuffer));
  for (int u = 0; u < static_cast<int>(texture2D.size()); ++u) {
    glActiveTexture(GL_TEXTURE0 + u);
    glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(texture2D[u]));
    glBindSampler(u, static_cast<GLuint>(sampler[u]));
  }
  glActiveTexture(static_cast<GLenum>(activeTexture));
  glViewport(viewport[0], viewport[1], viewport[2], viewport[3]);
  glScissor(scissorBox[0], scissorBox[1], scissorBox[2], scissorBox[3]);
  setEnabled(GL_BLEND, blend);
  setEnabled(GL_DEPTH_TEST, depthTest);
  setEnabled(GL_CULL_FACE, cullFace);
  setEnabled(GL_SCISSOR_TEST, scissorTest);
  setEnabled(GL_POLYGON_OFFSET_FILL, polygonOffsetFill);
  setEnabled(GL_PROGRAM_POINT_SIZE, programPointSize);
  setEnabled(GL_MULTISAMPLE, multisample);
  setEnabled(GL_PRIMITIVE_RESTART, primitiveRestart);
  glDepthMask(depthMask);
  glColorMask(colorMask[0], colorMask[1], colorMask[2], colorMask[3]);
  glBlendFuncSeparate(static_cast<GLenum>(blendSrcRgb), static_cast<GLenum>(blendDstRgb),
                      static_cast<GLenum>(blendSrcAlpha), static_cast<GLenum>(blendDstAlpha));
  glBlendEquationSeparate(static_cast<GLenum>(blendEqRgb), static_cast<GLenum>(blendEqAlpha));
  glDepthFunc(static_cast<GLenum>(depthFunc));
  glCullFace(static_cast<GLenum>(cullMode));
  glFrontFace(static_cast<GLenum>(frontFace));
  glPolygonMode(GL_FRONT_AND_BACK, static_cast<GLenum>(polygonMode));
  glPolygonOffset(polygonOffsetFactor, polygonOffsetUnits);
  glLineWidth(lineWidth);
}

}  // namespace tb::render::gl
