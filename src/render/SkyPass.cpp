// Sky drawn behind everything, only where the depth buffer is still at the far plane.
#include "render/SkyPass.h"

#include "render/Atmosphere.h"
#include "render/gl/GlStateGuard.h"

namespace tb::render {

SkyPass::SkyPass() : program_(gl::Program::fromEmbedded({"sky.vert", "sky.frag"})), vao_(gl::VertexArray::create()) {}

void SkyPass::draw(const FrameContext& ctx) {
  gl::GlStateGuard guard;
  glEnable(GL_DEPTH_TEST);
  glDepthFunc(GL_LEQUAL);
  glDepthMask(GL_FALSE);
  glDisable(GL_BLEND);
  glDisable(GL_CULL_FACE);
  // Directions only: dropping the view's translation keeps float precision whatever the eye.
  glm::dmat4 rotation = ctx.view;
  rotation[3] = glm::dvec4(0, 0, 0, 1);
  program_.set("uInvViewProjRotation", glm::mat4(glm::inverse(ctx.proj * rotation)));
  setAtmosphereUniforms(program_, ctx);
  program_.use();
  vao_.bind();
  glDrawArrays(GL_TRIANGLES, 0, 3);
}

}  // namespace tb::render
