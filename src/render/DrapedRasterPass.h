// Rasters handed in with the frame (FrameSettings::overlay->rasters, e.g. a viewshed) laid over
// the terrain: one full-viewport pass per raster that reads the terrain pass's depth, so the
// raster sits exactly on the drawn ground at any level of detail, with no geometry of its own.
#pragma once
#include <memory>
#include <vector>

#include "render/OverlayGeometry.h"
#include "render/RenderPass.h"
#include "render/gl/Program.h"
#include "render/gl/Texture.h"
#include "render/gl/VertexArray.h"

namespace tb::render {

class DrapedRasterPass final : public RenderPass {
 public:
  explicit DrapedRasterPass(PassResources& resources);
  const char* name() const override { return "draped rasters"; }
  void prepare(const FrameSettings& settings) override;  // uploads rasters it has not seen
  void draw(const FrameContext& ctx) override;

 private:
  struct Uploaded {
    std::shared_ptr<const OverlayRaster> raster;  // kept: identity is how a raster is known
    gl::Texture texture;
  };
  PassResources& resources_;
  const gl::Program& program_;
  gl::VertexArray emptyVao_;
  std::vector<Uploaded> uploaded_;  // this frame's rasters, bottom first
};

}  // namespace tb::render
