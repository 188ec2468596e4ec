// The caller's per-frame geometry (FrameSettings::overlay): lines on the ground or in the air,
// point markers and text labels, e.g. a measuring line, a line of sight, range rings, grids.
// Lines go through DrapedLines (screen-width, depth-tested against the terrain); markers and
// labels are screen-space and always on top, like site labels.
#pragma once
#include <memory>
#include <optional>

#include "render/DrapedLines.h"
#include "render/LabelLayout.h"
#include "render/OverlayGeometry.h"
#include "render/RenderPass.h"

namespace tb::render {

class OverlayGeometryPass final : public RenderPass {
 public:
  // Draws the geometry in `field` of the frame's settings (FrameSettings::overlay by default).
  using Field = std::shared_ptr<const OverlayGeometry> FrameSettings::*;
  explicit OverlayGeometryPass(PassResources& resources, Field field = &FrameSettings::overlay);
  const char* name() const override { return "overlay geometry"; }
  // Rebuilds the lines when they differ from the last frame's (or the streamed terrain under
  // draped lines has refined since); new markers or labels alone rebuild nothing.
  void prepare(const FrameSettings& settings) override;
  void draw(const FrameContext& ctx) override;

  std::size_t rebuilds() const { return rebuilds_; }  // for tests: unchanged geometry is not rebuilt

 private:
  double groundHeight(glm::dvec2 local) const;  // best terrain height at hand (real metres)

  PassResources& resources_;
  Field field_;
  std::optional<OverlayGeometry> built_;  // what the GPU lines were built from
  std::size_t builtReads_ = 0;            // streamed nodes read when they were built
  std::unique_ptr<DrapedLines> lines_;
  std::vector<int> groups_;               // per built_->lines (-1: nothing to draw)
  // Per built_->lines with an edge label: its draped vertices (real heights), thinned, to find
  // where it enters the image each frame.
  std::vector<std::vector<glm::dvec3>> edgePoints_;
  std::size_t rebuilds_ = 0;
  // The grid labels the last frame drew (whole-image pixels): logged when they change.
  struct DrawnEdgeLabel {
    std::string text;
    LabelRect box;
    bool operator==(const DrawnEdgeLabel& o) const {
      return text == o.text && box.min == o.box.min && box.max == o.box.max;
    }
  };
  std::vector<DrawnEdgeLabel> edgeLabelsDrawn_;
};

}  // namespace tb::render
