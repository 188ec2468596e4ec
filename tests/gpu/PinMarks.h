// Where each visible pin of a frame is drawn on screen, by site: its head and its stem, as
// rectangles a label must not cover (the label tests check every placed label against them).
#pragma once
#include <utility>
#include <vector>

#include "render/FrameContext.h"
#include "render/LabelLayout.h"
#include "render/OverlayProjection.h"
#include "world/World.h"

namespace tb::test {

inline std::vector<std::pair<const scene::Site*, render::LabelRect>> pinMarks(const render::FrameContext& ctx,
                                                                       const world::World& w) {
  std::vector<std::pair<const scene::Site*, render::LabelRect>> marks;
  for (const world::PlacedSite& p : w.sites) {
    if (!p.anchor) continue;
    const render::PinGeometry pin = render::pinGeometry(ctx, *p.anchor, false);
    if (!pin.visible) continue;
    const glm::vec2 head(pin.head.px), base(pin.base.px);
    const float r = static_cast<float>(pin.radiusPx);
    marks.push_back({p.site, {head - glm::vec2(r), head + glm::vec2(r)}});
    marks.push_back({p.site, {{base.x - 1.0f, head.y}, {base.x + 1.0f, base.y}}});
  }
  return marks;
}

}  // namespace tb::test
