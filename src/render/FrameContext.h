// What every render pass gets for one frame (or one tile of a tiled frame).
#pragma once
#include <vector>

#include <glm/glm.hpp>

#include "render/SceneRenderer.h"
#include "render/StreamedTerrain.h"
#include "terrain/TileLayout.h"

namespace tb::render {

struct FrameContext {
  const world::World& world;
  const FrameSettings& settings;
  glm::dmat4 view;      // render space -> eye
  glm::dmat4 proj;      // eye -> clip, for this tile
  glm::dmat4 viewProj;  // proj * view
  double nearZ = 1, farZ = 1e6;
  // The whole image and the part of it being drawn now (pixels, y down from the top).
  int fullWidth = 0, fullHeight = 0;
  int tileX = 0, tileY = 0, tileWidth = 0, tileHeight = 0;
  float uiScale = 1.0f;  // multiply label/HUD pixel sizes by this
  // The terrain chosen for the whole frame: LOD tiles (in-memory terrain) or streamed draws.
  const std::vector<terrain::TileKey>* tiles = nullptr;
  const std::vector<StreamedDraw>* streamedDraws = nullptr;

  // Projects a render-space point to whole-image pixel coordinates (x right, y down) and depth;
  // w <= 0 means behind the camera.
  glm::dvec4 toImage(const glm::dvec3& p) const;
  // Ortho matrix mapping whole-image pixel coordinates (y down) to this tile's clip space.
  glm::mat4 imageToClip() const;
};

}  // namespace tb::render
