// Rasters draped through the terrain's depth (see DrapedRasterPass.h).
#include "render/DrapedRasterPass.h"

#include <algorithm>

#include "render/Atmosphere.h"
#include "render/FrameContext.h"
#include "render/gl/GlStateGuard.h"
#include "render/gl/ProgramCache.h"

namespace tb::render {

DrapedRasterPass::DrapedRasterPass(PassResources& resources)
    : resources_(resources),
      program_(resources.programs.get({"terrain_shade.vert", "drape.frag"})),
      emptyVao_(gl::VertexArray::create()) {}

void DrapedRasterPass::prepare(const FrameSettings& settings) {
  std::vector<Uploaded> next;
  if (settings.overlay)
    for (const auto& raster : settings.overlay->rasters) {
      if (!raster || raster->width < 1 || raster->height < 1 || raster->cell <= 0 ||
          raster->rgba.size() != static_cast<std::size_t>(raster->width) * raster->height * 4)
        continue;
      auto same = std::find_if(uploaded_.begin(), uploaded_.end(), [&](const Uploaded& u) { return u.raster == raster; });
      if (same != uploaded_.end()) {
        next.push_back(std::move(*same));
        uploaded_.erase(same);
        continue;
      }
      Uploaded u{raster, gl::Texture::create2D(GL_RGBA8, raster->width, raster->height, 0)};
      u.texture.setSubImage2D(0, 0, 0, raster->width, raster->height, GL_RGBA, GL_UNSIGNED_BYTE, raster->rgba.data());
      u.texture.generateMipmap();
      // Cells stay crisp up close (a viewshed cell is either seen or not) and average far away.
      u.texture.setSampling(GL_LINEAR_MIPMAP_LINEAR, GL_NEAREST);
      next.push_back(std::move(u));
    }
  uploaded_ = std::move(next);  // rasters no longer shown are freed here
}

void DrapedRasterPass::draw(const FrameContext& ctx) {
  if (uploaded_.empty() || !resources_.terrainDepth) return;
  gl::GlStateGuard guard;
  const gl::Program& p = program_;
  p.use();
  glViewport(0, 0, ctx.tileWidth, ctx.tileHeight);
  glDisable(GL_DEPTH_TEST);
  glDepthMask(GL_FALSE);
  glEnable(GL_BLEND);
  glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ZERO, GL_ONE);
  p.set("uFrustum", glm::vec4(ctx.proj[0][0], ctx.proj[1][1], ctx.proj[2][0], ctx.proj[2][1]));
  p.set("uEyeToWorld", glm::mat3(glm::transpose(glm::dmat3(ctx.view))));
  p.set("uNear", static_cast<float>(ctx.nearZ));
  setAtmosphereUniforms(p, ctx);
  resources_.terrainDepth->bind(0);
  p.set("uDepth", 0);
  p.set("uRaster", 1);
  emptyVao_.bind();
  for (const Uploaded& u : uploaded_) {
    const OverlayRaster& r = *u.raster;
    u.texture.bind(1);
    p.set("uRasterXf", glm::vec4(static_cast<float>(r.westEdge), static_cast<float>(r.northEdge),
                                 static_cast<float>(1.0 / (r.width * r.cell)), static_cast<float>(1.0 / (r.height * r.cell))));
    glDrawArrays(GL_TRIANGLES, 0, 3);
  }
}

}  // namespace tb::render
