// The caller's per-frame geometry (FrameSettings::overlay): lines on the ground or in the air,
// point markers and text labels, e.g. a measuring line, a line of sight, range rings, grids.
// Lines go through DrapedLines (screen-width, depth-tested against the terrain); markers and
// labels are screen-space and always on top, like site labels.
#pragma once
#include <memory>
#include <optional>

#include "render/DrapedLines.h"
#include "render/OverlayGeometry.h"
#include "render/RenderPass.h"

namespace tb::render {

class OverlayGeometryPass final : public RenderPass {
 public:
  explicit OverlayGeometryPass(PassResources& resources);
  const char* name() const override { return "overlay geometry"; }
  // Rebuilds the lines when the geometry differs from the last frame's (or the streamed terrain
  // under draped lines has refined since).
  void prepare(const FrameSettings& settings) override;
  void draw(const FrameContext& ctx) override;

  std::size_t rebuilds() const { return rebuilds_; }  // for tests: unchanged geometry is not rebuilt

 private:
  double groundHeight(glm::dvec2 local) const;  // best terrain height at hand (real metres)

  PassResources& resources_;
  std::optional<OverlayGeometry> built_;  // what the GPU lines were built from
  std::size_t builtReads_ = 0;            // streamed nodes read when they were built
  std::unique_ptr<DrapedLines> lines_;
  std::vector<int> groups_;               // per built_->lines (-1: nothing to draw)
  std::size_t rebuilds_ = 0;
};

}  // namespace tb::render
