// Draws one frame of a World with OpenGL 4.5 core into the bound framebuffer, or renders an
// image of any size offscreen (tiled where GL limits require). Needs a current GL context;
// knows nothing of windows, GLFW or ImGui.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/Camera.h"
#include "core/Image.h"
#include "render/CaptionContent.h"
#include "render/OverlayGeometry.h"
#include "world/World.h"

namespace tb::render {

struct LayerState {
  bool visible = true;
  float opacity = 1.0f;
};

struct FrameSettings {
  CameraPose camera;  // render space (z exaggerated)
  int width = 1920, height = 1080;
  double exaggeration = 1.5;
  double tauPixels = 2.0;
  double sunAzimuthDeg = 135, sunElevationDeg = 35;
  bool fog = true;
  bool labels = true;
  bool pins = true;                        // site pins (given and derived sites); area outlines stay
  bool decorations = true;                 // scale bar and north arrow
  std::vector<LayerState> imagery;         // per world.imagery; missing entries use the scene's
  std::vector<std::size_t> imageryOrder;   // drawing order, bottom first (indices into world.imagery);
                                           // empty or invalid = scene order
  std::vector<std::uint8_t> overlays;      // per world.overlays (1 = visible); missing: scene's
  std::vector<std::string> highlightSites; // non-empty: these drawn normally, others dimmed
  std::string selectedSite;
  float uiScale = 0;                       // label/HUD scale; 0 = derived from the image size
  std::optional<CaptionContent> caption;   // briefing lower third + fade, drawn last (CaptionPass)
  // Streamed terrain: how long one frame may spend uploading tiles that arrived (ms; < 0: all).
  // The viewer bounds it so that a burst of arrivals never stalls a frame.
  double tileUploadMs = -1;
  // Per-frame geometry from the caller (measuring, analyses, drawings); null: none.
  std::shared_ptr<const OverlayGeometry> overlay;
  // Geometry that changes nearly every frame (a rubber band following the cursor), kept apart so
  // that `overlay`'s lines (grids, results) are not rebuilt with it.
  std::shared_ptr<const OverlayGeometry> liveOverlay;

  static FrameSettings fromScene(const world::World& world);  // scene defaults + overview
};

// One imagery layer to composite: its index in world.imagery and its opacity (0..1].
struct ShownLayer {
  std::size_t index = 0;
  float opacity = 1.0f;
};
// The visible, non-transparent imagery layers in drawing order (bottom first), at most `maxLayers`
// of them (the topmost win when more are shown).
std::vector<ShownLayer> shownImagery(const FrameSettings& settings, const world::World& world, std::size_t maxLayers);

struct FrameStats {
  int tiles = 0;
  long long triangles = 0;
  bool settled = true;  // every selected tile is at its target level (nothing still coarse)
  // Where the north arrow was drawn (pixels, y down from the image's top left), when it was: the
  // viewer's compass (click to face north) is this arrow.
  bool northArrow = false;
  glm::vec2 northArrowMin{0.0f}, northArrowMax{0.0f};
};

class SceneRenderer {
 public:
  explicit SceneRenderer(const world::World& world);  // uploads textures; GL context required
  ~SceneRenderer();
  SceneRenderer(const SceneRenderer&) = delete;
  SceneRenderer& operator=(const SceneRenderer&) = delete;

  // Draws into the currently bound framebuffer at viewport (0,0,width,height).
  FrameStats draw(const FrameSettings& settings);

  // Offscreen render + readback. Streamed terrain: waits (at most TERRABRIEF_SETTLE_SECONDS,
  // default 120) until every visible tile has arrived; throws tb::Error naming the source when
  // a read failed or the wait ran out. Sizes up to 8192x8192 at least; tiles the frame when the size
  // exceeds the GL renderbuffer/viewport limits (or maxTileSize, for tests). Throws tb::Error for
  // impossible sizes.
  ImageRGBA renderImage(const FrameSettings& settings, int maxTileSize = 0);
  // The wait renderImage starts with, on its own: a one-shot caller can free what reading took
  // (geo::releaseBlockCache) before the draw. Throws as renderImage does.
  void settle(const FrameSettings& settings);

  const FrameStats& lastStats() const { return stats_; }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  FrameStats stats_;
};

}  // namespace tb::render
