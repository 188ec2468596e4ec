// The projection maths the overlay passes share (CPU): render space -> whole-image pixels and
// depth for the current tile, pixel -> ray, ground under a pixel, metres per pixel, and the
// screen-space pin of a site. Tests use the same functions to predict where things land.
#pragma once
#include <optional>

#include <glm/glm.hpp>

namespace tb::world {
struct World;
}

namespace tb::render {

struct FrameContext;

struct ImagePoint {
  glm::dvec2 px{0.0};  // whole-image pixels, x right, y down
  double ndcZ = 0;     // normalised device depth (-1 near .. 1 far), the same for every tile
  bool inFront = false;  // false: behind the camera (px meaningless)
};

// How much overlays are pulled toward the eye (fraction of their distance) so they win the depth
// test against the terrain they lie on without moving on screen.
inline constexpr double kOverlayDepthPull = 0.004;

ImagePoint projectToImage(const FrameContext& ctx, const glm::dvec3& renderPos);
// The same point pulled toward the eye by `fraction` of its distance (same pixel, smaller depth).
glm::dvec3 pulledTowardEye(const FrameContext& ctx, const glm::dvec3& renderPos, double fraction);

// Ray through a whole-image pixel: origin at the eye, unit direction, render space.
struct Ray {
  glm::dvec3 origin, dir;
};
Ray pixelRay(const FrameContext& ctx, glm::dvec2 px);
// Where the ray through `px` meets the terrain (render space), or the horizontal plane at
// height planeZ when the height field is missed; nothing if the ray points above the horizon.
std::optional<glm::dvec3> groundUnderPixel(const FrameContext& ctx, glm::dvec2 px);
// True when the terrain (full-resolution height field) crosses the ray through `px` nearer than
// `distance` along it: what the depth test will hide, predicted on the CPU for labels.
bool terrainHidesAlongPixel(const FrameContext& ctx, glm::dvec2 px, double distance);
// Horizontal metres per image pixel at the image centre's ground point (0 if none).
double metresPerPixelAtCentre(const FrameContext& ctx);
// Metres one image pixel spans at a render-space point (perpendicular to the view).
double metresPerPixelAt(const FrameContext& ctx, const glm::dvec3& renderPos);

// The scale for pins, labels and HUD sizes: ctx.uiScale, lowered in small frames (below ~600 px)
// where the renderer's floor of 1 would let pins and labels fill a thumbnail. The stamp keeps
// ctx.uiScale: it must stay prominent.
float overlayScale(const FrameContext& ctx);

// A site's pin: a stem from the ground anchor up to a disc head, in image pixels.
struct PinGeometry {
  ImagePoint base;   // the anchor on the ground
  ImagePoint head;   // the centre of the head disc
  double radiusPx = 0;
  bool visible = false;  // both ends in front of the camera
};
// anchorLocal: local xy + real height (World::PlacedSite::anchor).
PinGeometry pinGeometry(const FrameContext& ctx, const glm::dvec3& anchorLocal, bool emphasised);

}  // namespace tb::render
