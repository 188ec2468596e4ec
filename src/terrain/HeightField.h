// A regular grid of heights in the scene's local frame (metres; x east, y north, z up, real
// heights: vertical exaggeration is applied by the renderer, never to this data).
#pragma once
#include <initializer_list>
#include <memory>
#include <vector>

#include <glm/glm.hpp>

#include "core/SampleBuffer.h"

namespace tb::terrain {

struct HeightBlockRanges;  // min/max per block of cells (terrain/HeightBlockRanges.h), for ray marching

class HeightField {
 public:
  HeightField() = default;
  // heights: width*height finite values, row 0 = northernmost row. Sample (c,r) lies at local
  // (originX + c*cellSize, originY - r*cellSize), i.e. origin = centre of the north-west sample.
  // Throws tb::Error("height field", ...) unless width, height >= 2, cellSize > 0 and every
  // height is finite.
  HeightField(int width, int height, double cellSize, glm::dvec2 originNW, SampleBuffer<float> heights);
  HeightField(int width, int height, double cellSize, glm::dvec2 originNW, FloatBuffer heights)
      : HeightField(width, height, cellSize, originNW, SampleBuffer<float>(std::move(heights))) {}
  HeightField(int width, int height, double cellSize, glm::dvec2 originNW, const std::vector<float>& heights)
      : HeightField(width, height, cellSize, originNW, SampleBuffer<float>(heights)) {}
  HeightField(int width, int height, double cellSize, glm::dvec2 originNW, std::initializer_list<float> heights)
      : HeightField(width, height, cellSize, originNW, SampleBuffer<float>(heights)) {}

  int width() const { return width_; }
  int height() const { return height_; }
  double cellSize() const { return cellSize_; }
  glm::dvec2 originNW() const { return origin_; }
  float at(int col, int row) const { return heights_[static_cast<size_t>(row) * width_ + col]; }
  const SampleBuffer<float>& data() const { return heights_; }
  float minHeight() const { return minH_; }
  float maxHeight() const { return maxH_; }

  glm::dvec2 position(int col, int row) const { return {origin_.x + col * cellSize_, origin_.y - row * cellSize_}; }
  // Continuous sample coordinates (col,row) of a local point; may be outside the grid.
  glm::dvec2 toGrid(glm::dvec2 local) const { return {(local.x - origin_.x) / cellSize_, (origin_.y - local.y) / cellSize_}; }
  bool contains(glm::dvec2 local) const;
  // Bilinear height at a local point, clamped to the grid's edge (an infinite coordinate gives the
  // edge's height). A NaN coordinate names no point: the answer is NaN.
  double sample(glm::dvec2 local) const;
  // Central-difference slope (dz/dx, dz/dy) in local axes at a sample, from the full-resolution data
  // (one-sided at the grid's edges). +y is north, so dz/dy compares row-1 with row+1.
  glm::vec2 gradient(int col, int row) const;
  // Unit surface normal at a local point for a given vertical exaggeration (sample gradients
  // interpolated bilinearly, clamped to the grid). A NaN coordinate gives straight up (0,0,1).
  glm::dvec3 normal(glm::dvec2 local, double exaggeration = 1.0) const;
  // Min/max heights per block of cells, built once by the constructor (null when default-built).
  const HeightBlockRanges* blockRanges() const { return blocks_.get(); }

 private:
  int width_ = 0, height_ = 0;
  double cellSize_ = 1.0;
  glm::dvec2 origin_{0.0};
  SampleBuffer<float> heights_;
  float minH_ = 0, maxH_ = 0;
  std::shared_ptr<const HeightBlockRanges> blocks_;  // shared: copies of a field are immutable
};

}  // namespace tb::terrain
