// The scene's vector overlays (coastline, rivers, roads...) draped on the terrain with the colour
// and width the scene file gives, honouring per-frame visibility (FrameSettings::overlays).
#pragma once
#include <vector>

#include "render/DrapedLines.h"
#include "world/World.h"

namespace tb::render {

struct FrameContext;

class VectorOverlayPass {
 public:
  explicit VectorOverlayPass(const world::World& world);  // densifies and uploads; GL required
  void draw(const FrameContext& ctx);

 private:
  const world::World& world_;
  DrapedLines lines_;
  std::vector<int> groups_;  // per world.overlays
};

}  // namespace tb::render
