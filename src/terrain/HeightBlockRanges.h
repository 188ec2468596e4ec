// Min/max heights over square blocks of cells: lets a ray skip whole blocks it passes above
// (terrain/TerrainRay.cpp) instead of testing every cell of a 4k x 4k grid. Private to terrain/.
#pragma once
#include <vector>

#include <glm/glm.hpp>

namespace tb::terrain {

struct HeightBlockRanges {
  static constexpr int kBlockCells = 16;  // 16x16 cells: a 4k grid has ~65k blocks (0.5 MB)
  int blocksX = 0, blocksY = 0;
  // Block (bx,by) covers samples [bx*16, bx*16+16] x [by*16, by*16+16] (inclusive, clamped to the
  // grid), so that every bilinear cell of the block lies within [min, max].
  std::vector<glm::vec2> minMax;

  glm::vec2 at(int bx, int by) const { return minMax[static_cast<size_t>(by) * blocksX + bx]; }
};

// heights: width*height, row-major, width, height >= 2.
HeightBlockRanges buildHeightBlockRanges(int width, int height, const float* heights);

}  // namespace tb::terrain
