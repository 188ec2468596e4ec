// Draws the terrain: LOD tiles from a GPU tile cache with the imagery layers, lighting, sea and
// fog (terrain.vert/frag), plus an "apron" that continues the data's edge as a hazy plain out to
// the horizon, so views that reach past the DEM see ground and sea, not a cliff into the sky.
#pragma once
#include <vector>

#include "render/FrameContext.h"
#include "render/TerrainTextures.h"
#include "render/TerrainTileCache.h"
#include "render/gl/Program.h"
#include "render/gl/VertexArray.h"
#include "terrain/TerrainLod.h"

namespace tb::render {

class TerrainPass {
 public:
  explicit TerrainPass(const world::World& world);

  const terrain::TerrainLod& lod() const { return lod_; }
  // Render-space bounds of everything this pass may draw (data and apron) at an exaggeration.
  glm::dvec3 boundsMin(double exaggeration) const;
  glm::dvec3 boundsMax(double exaggeration) const;

  // Draws `tiles` (near to far) and the apron with depth test and depth writes on.
  void draw(const FrameContext& ctx, const std::vector<terrain::TileKey>& tiles);

  long long trianglesPerTile() const { return cache_.indexCount() / 3; }

 private:
  void buildApron();

  const world::World& world_;
  terrain::TerrainLod lod_;
  TerrainTileCache cache_;
  TerrainTextures textures_;
  gl::Program program_;
  gl::VertexArray vao_;
  gl::Buffer apronVertices_, apronIndices_;
  GLsizei apronIndexCount_ = 0;
  double apronRadius_ = 0;
  glm::dvec2 dataCentre_{0.0};
};

}  // namespace tb::render
