// The scene's vector overlays (coastline, rivers, roads...) draped on the terrain with the colour
// and width the scene file gives, honouring per-frame visibility (FrameSettings::overlays).
#pragma once
#include <vector>

#include "render/DrapedLines.h"
#include "render/RenderPass.h"
#include "world/World.h"

namespace tb::render {

struct FrameContext;

class VectorOverlayPass final : public RenderPass {
 public:
  explicit VectorOverlayPass(PassResources& resources);  // densifies and uploads; GL required
  const char* name() const override { return "vectors"; }
  void draw(const FrameContext& ctx) override;

 private:
  const world::World& world_;
  DrapedLines lines_;
  std::vector<int> groups_;  // per world.overlays
};

}  // namespace tb::render
