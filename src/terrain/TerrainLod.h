// Chunked level of detail over a HeightField: a quadtree of tiles, each a (N+1)x(N+1) vertex grid
// sampled at stride 2^level (level 0 = full resolution), with skirts to hide cracks between
// neighbours of different levels. A tile is refined while its screen-space error exceeds tau px.
#pragma once
#include <cstdint>
#include <vector>

#include "core/Camera.h"
#include "terrain/HeightField.h"

namespace tb::terrain {

struct TileKey {
  int level = 0;  // 0 = finest (stride 1)
  int tx = 0, ty = 0;
  bool operator==(const TileKey&) const = default;
};

struct TileBounds {
  glm::dvec3 min{0.0}, max{0.0};  // local, real heights
};

// One tile's vertices: x, y local metres; z real height (the renderer multiplies z by the
// exaggeration in the vertex shader, so changing it needs no rebuild). Skirt vertices come after
// the (N+1)^2 grid vertices and hang below the edge by the tile's skirt depth.
struct TileMesh {
  TileKey key;
  std::vector<float> xyz;  // 3 floats per vertex
  int vertexCount() const { return static_cast<int>(xyz.size() / 3); }
};

struct LodView {
  CameraPose camera;         // render space (z exaggerated)
  int viewportWidth = 1920;  // the whole image, even when rendering one tile of it
  int viewportHeight = 1080;
  double exaggeration = 1.0;
  double tauPixels = 2.0;
  double nearZ = 1.0, farZ = 1e6;
};

class TerrainLod {
 public:
  // tileQuads: quads per tile side (power of two); 64 suits llvmpipe (few draw calls, small
  // meshes). Precomputes each tile's geometric error (max deviation from full resolution,
  // monotone up the tree) and bounds.
  explicit TerrainLod(const HeightField& field, int tileQuads = 64);

  const HeightField& field() const { return *field_; }
  int tileQuads() const { return tileQuads_; }
  int levelCount() const { return levels_; }
  int tilesX(int level) const;
  int tilesY(int level) const;

  // Tiles to draw for a view: frustum-culled, each with screen-space error <= tau where the
  // finest level allows. Sorted near to far (early depth rejection).
  std::vector<TileKey> select(const LodView& view) const;

  float geometricError(const TileKey& key) const;   // metres, real heights
  double screenSpaceError(const TileKey& key, const LodView& view) const;  // pixels
  TileBounds bounds(const TileKey& key) const;
  float skirtDepth(const TileKey& key) const;       // metres, real heights

  TileMesh buildMesh(const TileKey& key) const;
  // Triangle indices shared by every tile (grid + skirts), for GL_TRIANGLES.
  const std::vector<std::uint32_t>& indices() const { return indices_; }

 private:
  const HeightField* field_;
  int tileQuads_;
  int levels_ = 1;
  std::vector<std::vector<float>> error_;  // per level, tilesX*tilesY
  std::vector<std::vector<glm::vec2>> zRange_;
  std::vector<std::uint32_t> indices_;
};

}  // namespace tb::terrain
