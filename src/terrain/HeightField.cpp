// HeightField: validation, bilinear sampling and slopes from the full-resolution grid.
#include "terrain/HeightField.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "core/Error.h"
#include "terrain/HeightBlockRanges.h"

namespace tb::terrain {

HeightBlockRanges buildHeightBlockRanges(int width, int height, const float* heights) {
  constexpr int B = HeightBlockRanges::kBlockCells;
  HeightBlockRanges out;
  out.blocksX = (width - 1 + B - 1) / B;
  out.blocksY = (height - 1 + B - 1) / B;
  out.minMax.assign(static_cast<size_t>(out.blocksX) * out.blocksY, glm::vec2(INFINITY, -INFINITY));
  std::vector<glm::vec2> rowRange(out.blocksX);
  for (int r = 0; r < height; ++r) {
    const float* row = heights + static_cast<size_t>(r) * width;
    for (int bx = 0; bx < out.blocksX; ++bx) {
      const int c0 = bx * B, c1 = std::min(c0 + B, width - 1);
      float lo = row[c0], hi = row[c0];
      for (int c = c0 + 1; c <= c1; ++c) {
        lo = std::min(lo, row[c]);
        hi = std::max(hi, row[c]);
      }
      rowRange[bx] = {lo, hi};
    }
    // A row on a block boundary belongs to the blocks on both sides of it.
    const int byLow = std::min(r / B, out.blocksY - 1);
    const int byHigh = (r % B == 0 && r > 0) ? r / B - 1 : byLow;
    for (int by = byHigh; by <= byLow; ++by) {
      glm::vec2* dst = &out.minMax[static_cast<size_t>(by) * out.blocksX];
      for (int bx = 0; bx < out.blocksX; ++bx) {
        dst[bx].x = std::min(dst[bx].x, rowRange[bx].x);
        dst[bx].y = std::max(dst[bx].y, rowRange[bx].y);
      }
    }
  }
  return out;
}

HeightField::HeightField(int width, int height, double cellSize, glm::dvec2 originNW, SampleBuffer<float> heights)
    : width_(width), height_(height), cellSize_(cellSize), origin_(originNW), heights_(std::move(heights)) {
  if (width < 2 || height < 2)
    throw Error("height field", "needs at least 2x2 samples, got " + std::to_string(width) + "x" +
                                    std::to_string(height));
  if (!(cellSize > 0.0) || !std::isfinite(cellSize))
    throw Error("height field", "cell size must be a positive number of metres");
  if (heights_.size() != static_cast<size_t>(width) * height)
    throw Error("height field", "has " + std::to_string(heights_.size()) + " heights for " +
                                    std::to_string(width) + "x" + std::to_string(height) + " samples");
  // One pass for the check; the block ranges then give the global range without another.
  bool finite = true;
  for (float h : heights_) finite &= std::isfinite(h);
  if (!finite) throw Error("height field", "contains non-finite heights (nodata must be filled first)");
  auto blocks = std::make_shared<HeightBlockRanges>(buildHeightBlockRanges(width_, height_, heights_.data()));
  minH_ = INFINITY;
  maxH_ = -INFINITY;
  for (const glm::vec2& range : blocks->minMax) {
    minH_ = std::min(minH_, range.x);
    maxH_ = std::max(maxH_, range.y);
  }
  blocks_ = std::move(blocks);
}

bool HeightField::contains(glm::dvec2 local) const {
  const glm::dvec2 g = toGrid(local);
  return g.x >= 0.0 && g.y >= 0.0 && g.x <= width_ - 1 && g.y <= height_ - 1;
}

double HeightField::sample(glm::dvec2 local) const {
  // Clamping cannot rescue NaN (it compares false both ways) and casting it to int is undefined.
  if (std::isnan(local.x) || std::isnan(local.y) || width_ < 2) return std::nan("");
  const glm::dvec2 g = glm::clamp(toGrid(local), glm::dvec2(0.0), glm::dvec2(width_ - 1, height_ - 1));
  const int c = std::min(static_cast<int>(g.x), width_ - 2);
  const int r = std::min(static_cast<int>(g.y), height_ - 2);
  const double u = g.x - c, v = g.y - r;
  const double top = at(c, r) + u * (at(c + 1, r) - at(c, r));
  const double bottom = at(c, r + 1) + u * (at(c + 1, r + 1) - at(c, r + 1));
  return top + v * (bottom - top);
}

glm::vec2 HeightField::gradient(int col, int row) const {
  col = std::clamp(col, 0, width_ - 1);
  row = std::clamp(row, 0, height_ - 1);
  const int cw = std::max(col - 1, 0), ce = std::min(col + 1, width_ - 1);
  const int rn = std::max(row - 1, 0), rs = std::min(row + 1, height_ - 1);
  // Rows run south, so north (+y) is row - 1.
  const double dzdx = (double(at(ce, row)) - at(cw, row)) / ((ce - cw) * cellSize_);
  const double dzdy = (double(at(col, rn)) - at(col, rs)) / ((rs - rn) * cellSize_);
  return {static_cast<float>(dzdx), static_cast<float>(dzdy)};
}

glm::dvec3 HeightField::normal(glm::dvec2 local, double exaggeration) const {
  if (std::isnan(local.x) || std::isnan(local.y) || width_ < 2) return {0.0, 0.0, 1.0};
  const glm::dvec2 g = glm::clamp(toGrid(local), glm::dvec2(0.0), glm::dvec2(width_ - 1, height_ - 1));
  const int c = std::min(static_cast<int>(g.x), width_ - 2);
  const int r = std::min(static_cast<int>(g.y), height_ - 2);
  const double u = g.x - c, v = g.y - r;
  const glm::dvec2 top = glm::mix(glm::dvec2(gradient(c, r)), glm::dvec2(gradient(c + 1, r)), u);
  const glm::dvec2 bottom = glm::mix(glm::dvec2(gradient(c, r + 1)), glm::dvec2(gradient(c + 1, r + 1)), u);
  const glm::dvec2 slope = glm::mix(top, bottom, v) * exaggeration;
  return glm::normalize(glm::dvec3(-slope.x, -slope.y, 1.0));
}

}  // namespace tb::terrain
