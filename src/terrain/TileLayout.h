// Where a LOD tile lies on the sample grid: the private arithmetic shared by the LOD build,
// selection and meshing (terrain/TerrainLod*.cpp, TileMeshBuild.cpp).
#pragma once
#include <algorithm>

#include "terrain/HeightField.h"
#include "terrain/TerrainLod.h"

namespace tb::terrain {

// Tiles of a level cover tileQuads * 2^level cells per side; the last column/row of tiles is
// clamped to the grid (its vertices beyond the last sample repeat the edge sample).
inline int tileCells(int tileQuads, int level) { return tileQuads << level; }
inline int tileCountFor(int cells, int tileQuads, int level) {
  const int span = tileCells(tileQuads, level);
  return std::max(1, (cells + span - 1) / span);
}

struct TileSpan {
  int col0, col1, row0, row1;  // inclusive sample range actually covered (clamped)
  int stride;
};

inline TileSpan tileSpan(const HeightField& field, int tileQuads, const TileKey& key) {
  const int span = tileCells(tileQuads, key.level);
  TileSpan s;
  s.stride = 1 << key.level;
  s.col0 = key.tx * span;
  s.row0 = key.ty * span;
  s.col1 = std::min(s.col0 + span, field.width() - 1);
  s.row1 = std::min(s.row0 + span, field.height() - 1);
  return s;
}

}  // namespace tb::terrain
