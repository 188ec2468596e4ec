// Pin projection and hit testing (see PinPicking.h).
#include "viewer/PinPicking.h"

#include <algorithm>

#include "core/Camera.h"
#include "render/FrameContext.h"
#include "render/OverlayProjection.h"

namespace tb::viewer {

render::FrameContext pickingContext(const world::World& world, const render::FrameSettings& s) {
  render::FrameContext ctx{world, s, {}, {}, {}};
  ctx.view = s.camera.viewMatrix();
  // Depth range does not move pixels; any sane one will do for picking.
  ctx.nearZ = 1.0;
  ctx.farZ = 1e7;
  ctx.proj = perspectiveMatrix(s.camera.fovYDeg, s.width, s.height, ctx.nearZ, ctx.farZ);
  ctx.viewProj = ctx.proj * ctx.view;
  ctx.fullWidth = ctx.tileWidth = s.width;
  ctx.fullHeight = ctx.tileHeight = s.height;
  ctx.uiScale = s.uiScale > 0 ? s.uiScale : std::max(1.0f, std::min(s.width, s.height) / 1080.0f);
  return ctx;
}

std::vector<ui::PinOnScreen> projectPins(const world::World& world, const render::FrameSettings& s,
                                         float pixelsPerUnit, glm::vec2 viewOrigin) {
  std::vector<ui::PinOnScreen> pins;
  if (s.width < 1 || s.height < 1 || pixelsPerUnit <= 0) return pins;
  const render::FrameContext ctx = pickingContext(world, s);
  for (std::size_t i = 0; i < world.sites.size(); ++i) {
    const world::PlacedSite& placed = world.sites[i];
    if (!placed.anchor) continue;
    const bool emphasised = placed.site->id == s.selectedSite;
    const render::PinGeometry g = render::pinGeometry(ctx, *placed.anchor, emphasised);
    if (!g.visible) continue;
    ui::PinOnScreen pin;
    pin.siteIndex = static_cast<int>(i);
    pin.head = viewOrigin + glm::vec2(g.head.px) / pixelsPerUnit;
    pin.base = viewOrigin + glm::vec2(g.base.px) / pixelsPerUnit;
    pin.radius = static_cast<float>(g.radiusPx) / pixelsPerUnit;
    pins.push_back(pin);
  }
  return pins;
}

std::optional<int> pinUnderCursor(const std::vector<ui::PinOnScreen>& pins, glm::vec2 cursor) {
  std::optional<int> best;
  float bestDistance = 1e30f;
  for (const ui::PinOnScreen& pin : pins) {
    // A few units of slack: the head is small and a pointer is not a pixel.
    const float slack = 4.0f;
    const float head = glm::length(cursor - pin.head);
    float d = head <= pin.radius + slack ? head : 1e30f;
    // The stem counts too (distance to the segment base..head).
    const glm::vec2 ab = pin.head - pin.base;
    const float len2 = glm::dot(ab, ab);
    if (len2 > 0) {
      const float t = std::clamp(glm::dot(cursor - pin.base, ab) / len2, 0.0f, 1.0f);
      const float stem = glm::length(cursor - (pin.base + t * ab));
      if (stem <= slack * 0.75f) d = std::min(d, pin.radius + stem);  // heads win over stems
    }
    if (d < bestDistance) {
      bestDistance = d;
      best = pin.siteIndex;
    }
  }
  return best;
}

}  // namespace tb::viewer
