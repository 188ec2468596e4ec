// Chunked level of detail over a HeightField: a quadtree of tiles, each a (N+1)x(N+1) vertex grid
// sampled at stride 2^level (level 0 = full resolution), with skirts to hide cracks between
// neighbours of different levels. A tile is refined while its screen-space error exceeds tau px
// and its quads span more than tau px.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
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
// exaggeration in the vertex shader, so changing it needs no rebuild). Grid vertex (i,j) (i east,
// j south) is vertex j*(N+1)+i. Skirt vertices come after the (N+1)^2 grid vertices, N+1 per
// edge in the order north, south, west, east (along +i or +j), and hang below their edge vertex
// by that edge's skirt depth (at most skirtDepth()).
struct TileMesh {
  TileKey key;
  std::vector<float> xyz;  // 3 floats per vertex
  int vertexCount() const { return static_cast<int>(xyz.size() / 3); }
};

// Triangle indices of a tile of tileQuads^2 quads plus skirts (the layout TerrainLod::indices describes).
std::vector<std::uint32_t> buildTileIndices(int tileQuads);

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
  // tileQuads: quads per tile side (power of two). The renderer uses 16: finer tiles let the
  // selection spend triangles only where the error needs them (half the triangles of 64 at the
  // same tau), and llvmpipe's cost per draw call is small next to its cost per triangle. Precomputes each tile's geometric error (max deviation from full resolution,
  // monotone up the tree) and bounds. Level L tiles cover N*2^L cells; the east/south tiles are
  // clamped to the grid; the root level has 1-2 tiles per side. Keeps a pointer to `field`,
  // which must outlive it. Throws tb::Error (internal) unless tileQuads is a power of two.
  explicit TerrainLod(const HeightField& field, int tileQuads = 64);

  // The precomputed tables as bytes, and back without the scan (terrain/TerrainLodCache.h).
  // fromTables returns null when the bytes do not describe tables for this field and tile size.
  std::vector<std::uint8_t> tables() const;
  static std::unique_ptr<TerrainLod> fromTables(const HeightField& field, int tileQuads, const std::uint8_t* bytes,
                                                std::size_t size);

  const HeightField& field() const { return *field_; }
  int tileQuads() const { return tileQuads_; }
  int levelCount() const { return levels_; }
  int tilesX(int level) const;
  int tilesY(int level) const;

  // Tiles to draw for a view: frustum-culled, each with screen-space error <= tau where the
  // finest level allows. Sorted near to far (early depth rejection).
  std::vector<TileKey> select(const LodView& view) const;

  // Max |full-resolution height - tile mesh| over the samples the tile covers, raised to its
  // children's errors (monotone: a parent is never better than its children). Metres, real.
  float geometricError(const TileKey& key) const;
  // geometricError * exaggeration * K / distance from the eye to the tile's exaggerated box,
  // K = viewportHeight / (2 tan(fovY/2)). Pixels; infinite when the eye is inside the box.
  double screenSpaceError(const TileKey& key, const LodView& view) const;
  TileBounds bounds(const TileKey& key) const;  // the samples covered; skirts not included
  // The deepest of the tile's four skirts (each edge's skirt in the mesh may be shallower). An
  // edge's skirt closes the gap to any neighbour the tile can meet in a selection (same, finer
  // or coarser level): the edge's own deviation from the data plus the largest deviation of the
  // same-or-coarser tiles' edges across it, plus a margin. Metres, real heights.
  float skirtDepth(const TileKey& key) const;

  TileMesh buildMesh(const TileKey& key) const;
  // Skirts along the field's own border too (off by default: there is no neighbour to meet
  // there, and a skirt would be a wall of invented ground). For a field that is one piece of a
  // larger surface, whose neighbours may be at other levels.
  void setBorderSkirts(bool on) { borderSkirts_ = on; }
  // Triangle indices shared by every tile (grid + skirts), for GL_TRIANGLES: N*N*2 grid
  // triangles (quads split NW-SE), then 4*N*2 skirt triangles; CCW seen from above, skirts CCW
  // seen from outside the tile.
  const std::vector<std::uint32_t>& indices() const { return indices_; }

 private:
  TerrainLod(const HeightField& field, int tileQuads, int levels);  // empty tables (fromTables)
  const HeightField* field_;
  int tileQuads_;
  int levels_ = 1;
  std::vector<std::vector<float>> error_;  // per level, tilesX*tilesY
  std::vector<std::vector<glm::vec2>> zRange_;
  // Per level and tile: the largest deviation along each edge line (north, south, west, east),
  // raised to the deviation of the descendants' edges on the same line. Sizes the skirts, which
  // then only need to cover what the edges really do, not the tiles' interiors.
  std::vector<std::vector<glm::vec4>> edgeError_;
  float edgeSkirtDepth(const TileKey& key, int edge) const;  // edge: 0 N, 1 S, 2 W, 3 E
  std::vector<std::uint32_t> indices_;
  bool borderSkirts_ = false;
};

}  // namespace tb::terrain
