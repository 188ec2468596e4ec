// TileSources over data already in memory: a height field and imagery rasters in the local frame
// (bilinear, NaN / alpha 0 outside them). Lets a world built in code be streamed like a file.
#pragma once
#include <vector>

#include "terrain/HeightField.h"
#include "world/TileSources.h"
#include "world/World.h"

namespace tb::world {

class MemoryTileSources final : public TileSources {
 public:
  // Copies what it needs from `world` (heights, imagery rasters), so the world may change after.
  explicit MemoryTileSources(const World& world, std::string name = "memory");
  // Heights become NaN wherever hole(x, y) is true (tests of nodata).
  template <typename Hole>
  void punch(Hole hole) {
    holes_.emplace_back();
    for (int r = 0; r < heights_.height(); ++r)
      for (int c = 0; c < heights_.width(); ++c) holes_.back().push_back(hole(heights_.position(c, r)) ? 1 : 0);
  }
  std::string demName() const override { return name_; }
  double demCellSize() const override { return heights_.cellSize(); }
  void readHeights(const LocalGrid& grid, float* out) const override;
  int imageryCount() const override { return static_cast<int>(imagery_.size()); }
  std::string imageryName(int layer) const override { return name_ + " imagery " + std::to_string(layer); }
  double imageryCellSize(int layer) const override { return imagery_.at(static_cast<std::size_t>(layer)).cell; }
  void readRgba(int layer, const LocalGrid& grid, std::uint8_t* out) const override;

 private:
  struct Layer {
    std::vector<std::uint8_t> rgba;
    int width = 0, height = 0;
    glm::dvec2 nw{0.0};  // cell edge
    double cell = 1;
  };
  std::string name_;
  terrain::HeightField heights_;
  std::vector<std::vector<std::uint8_t>> holes_;
  std::vector<Layer> imagery_;
};

}  // namespace tb::world
