// Site pins on screen, for hovering and clicking them in the 3D view. Uses the renderer's own
// pin geometry (render/OverlayProjection.h), so what is clicked is exactly what is drawn.
#pragma once
#include <optional>
#include <vector>

#include <glm/glm.hpp>

#include "render/FrameContext.h"
#include "render/SceneRenderer.h"
#include "ui/UiState.h"
#include "world/World.h"

namespace tb::viewer {

// The frame's projection as the renderer sets it up, for placing things on screen without GL.
render::FrameContext pickingContext(const world::World& world, const render::FrameSettings& settings);

// settings: the frame as drawn (camera, width/height in framebuffer pixels, selectedSite).
// pixelsPerUnit: framebuffer pixels per window unit; viewOrigin: the 3D view's top-left corner in
// window units. Pins come back in window units, behind-the-camera ones left out.
std::vector<ui::PinOnScreen> projectPins(const world::World& world, const render::FrameSettings& settings,
                                         float pixelsPerUnit, glm::vec2 viewOrigin);

// The pin whose head (or stem) is under the cursor (window units); the nearest head wins.
std::optional<int> pinUnderCursor(const std::vector<ui::PinOnScreen>& pins, glm::vec2 cursor);

}  // namespace tb::viewer
