// Tile meshes: the (N+1)^2 grid vertices of one LOD tile plus a skirt vertex under every edge
// vertex, and the one index buffer all tiles share.
#include <algorithm>

#include "terrain/TerrainLod.h"
#include "terrain/TileLayout.h"

namespace tb::terrain {

namespace {
// Skirt vertices follow the grid: north edge, south edge, west edge, east edge, N+1 each.
enum SkirtEdge { kNorth = 0, kSouth = 1, kWest = 2, kEast = 3 };
}  // namespace

std::vector<std::uint32_t> buildTileIndices(int tileQuads) {
  const std::uint32_t n = static_cast<std::uint32_t>(tileQuads), side = n + 1;
  auto grid = [side](std::uint32_t i, std::uint32_t j) { return j * side + i; };  // i east, j south
  auto skirt = [side](SkirtEdge e, std::uint32_t k) { return side * side + e * side + k; };
  std::vector<std::uint32_t> idx;
  idx.reserve(static_cast<size_t>(n) * n * 6 + 4 * static_cast<size_t>(n) * 6);
  // Quads split along NW-SE (TerrainLod's error assumes this split); both triangles CCW seen
  // from above, with +y north while j runs south.
  for (std::uint32_t j = 0; j < n; ++j)
    for (std::uint32_t i = 0; i < n; ++i) {
      const std::uint32_t nw = grid(i, j), ne = grid(i + 1, j), sw = grid(i, j + 1), se = grid(i + 1, j + 1);
      idx.insert(idx.end(), {nw, sw, se, nw, se, ne});
    }
  // Skirt walls face outward: walk the border counter-clockwise (seen from above) from edge
  // vertex e0 to e1, with s0/s1 hanging below them.
  auto wall = [&idx](std::uint32_t e0, std::uint32_t e1, std::uint32_t s0, std::uint32_t s1) {
    idx.insert(idx.end(), {e0, s0, e1, e1, s0, s1});
  };
  for (std::uint32_t k = 0; k < n; ++k) {
    wall(grid(k, n), grid(k + 1, n), skirt(kSouth, k), skirt(kSouth, k + 1));                  // west to east
    wall(grid(n, n - k), grid(n, n - k - 1), skirt(kEast, n - k), skirt(kEast, n - k - 1));    // south to north
    wall(grid(n - k, 0), grid(n - k - 1, 0), skirt(kNorth, n - k), skirt(kNorth, n - k - 1));  // east to west
    wall(grid(0, k), grid(0, k + 1), skirt(kWest, k), skirt(kWest, k + 1));                    // north to south
  }
  return idx;
}

TileMesh TerrainLod::buildMesh(const TileKey& key) const {
  const HeightField& f = *field_;
  const int n = tileQuads_, side = n + 1;
  const TileSpan span = tileSpan(f, n, key);
  const int W = f.width(), H = f.height();
  const double cs = f.cellSize();
  const glm::dvec2 origin = f.originNW();

  // Column indices and x are the same for every row; clamping happens here, not per vertex.
  std::vector<int> cols(side);
  std::vector<float> xs(side);
  for (int i = 0; i < side; ++i) {
    cols[i] = std::min(span.col0 + i * span.stride, W - 1);
    xs[i] = static_cast<float>(origin.x + cols[i] * cs);
  }

  TileMesh mesh;
  mesh.key = key;
  mesh.xyz.resize(static_cast<size_t>(side * side + 4 * side) * 3);
  float* out = mesh.xyz.data();
  const float* data = f.data().data();
  for (int j = 0; j < side; ++j) {
    const int r = std::min(span.row0 + j * span.stride, H - 1);
    const float y = static_cast<float>(origin.y - r * cs);
    const float* row = data + static_cast<size_t>(r) * W;
    if (span.stride == 1 && span.col0 + n <= W - 1) {
      const float* src = row + span.col0;
      for (int i = 0; i < side; ++i, out += 3) {
        out[0] = xs[i];
        out[1] = y;
        out[2] = src[i];
      }
    } else {
      for (int i = 0; i < side; ++i, out += 3) {
        out[0] = xs[i];
        out[1] = y;
        out[2] = row[cols[i]];
      }
    }
  }

  const float* gridXyz = mesh.xyz.data();
  auto hang = [&](int i, int j, float depth) {
    const float* v = gridXyz + static_cast<size_t>(j * side + i) * 3;
    out[0] = v[0];
    out[1] = v[1];
    out[2] = v[2] - depth;
    out += 3;
  };
  // On the field's own border there is no neighbour to meet: a skirt there would hang a wall
  // from the data's edge, ground the data does not have (unless the field is one piece of a
  // larger surface, as the streamed terrain's nodes are).
  auto depth = [&](SkirtEdge e, bool onBorder) { return onBorder && !borderSkirts_ ? 0.0f : edgeSkirtDepth(key, e); };
  const float north = depth(kNorth, span.row0 == 0), south = depth(kSouth, span.row1 == H - 1);
  const float west = depth(kWest, span.col0 == 0), east = depth(kEast, span.col1 == W - 1);
  for (int i = 0; i < side; ++i) hang(i, 0, north);
  for (int i = 0; i < side; ++i) hang(i, n, south);
  for (int j = 0; j < side; ++j) hang(0, j, west);
  for (int j = 0; j < side; ++j) hang(n, j, east);
  return mesh;
}

}  // namespace tb::terrain
