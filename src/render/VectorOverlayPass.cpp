// Draped vector overlays (see VectorOverlayPass.h).
#include "render/VectorOverlayPass.h"

#include <algorithm>

#include "render/FrameContext.h"
#include "render/OverlayProjection.h"

namespace tb::render {

VectorOverlayPass::VectorOverlayPass(PassResources& resources)
    : world_(resources.world), lines_(resources.programs) {
  const world::World& world = world_;
  // About one DEM cell per step: the line then follows every fold the terrain mesh can show.
  const double step = world.heights.width() ? world.heights.cellSize() : 10.0;
  for (const world::OverlayLines& overlay : world.overlays) {
    std::vector<std::vector<DrapedVertex>> draped;
    draped.reserve(overlay.lines.size());
    for (const auto& line : overlay.lines) draped.push_back(drapeLine(line, world.heights, step));
    groups_.push_back(lines_.addGroup(draped, step));
  }
  lines_.upload();
}

void VectorOverlayPass::draw(const FrameContext& ctx) {
  std::vector<DrapedLines::DrawItem> items;
  const float minWidth = 1.0f;
  for (std::size_t i = 0; i < world_.overlays.size(); ++i) {
    const scene::OverlaySpec& spec = world_.overlays[i].spec;
    const bool visible = i < ctx.settings.overlays.size() ? ctx.settings.overlays[i] != 0 : spec.visible;
    if (!visible) continue;
    LineStyle style;
    style.color = spec.color;
    style.widthPx = std::max(minWidth, spec.widthPx * overlayScale(ctx));
    items.push_back({groups_[i], style});
  }
  lines_.draw(ctx, items);
}

}  // namespace tb::render
