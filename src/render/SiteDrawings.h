// Paths and polygons drawn by the user in the viewer (area sites placed by clicking) go through the
// per-frame overlay geometry, not through SiteMarkerPass's outlines baked when the renderer is made:
// moving a vertex then costs one re-drape of the overlay's lines, never a new renderer. Plain data,
// no GL.
#pragma once
#include "render/OverlayGeometry.h"
#include "world/World.h"

namespace tb::render {

struct FrameSettings;

// An area site drawn in the viewer (SitesEdits' drawing(): placed by "click").
bool isUserDrawing(const scene::Site& site);

// The user drawings of `world` as draped lines (a dark casing under the category colour, wider when
// selected, dimmed outside a highlight list), appended to `out`.
void appendUserDrawings(const world::World& world, const FrameSettings& settings, OverlayGeometry& out);

}  // namespace tb::render
