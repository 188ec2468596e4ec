// A streamed scene's ground detail for the camera (terrain/GroundDetail): heights from the deepest
// resident tiles, in memory only (the workers keep loading what the view wants; each answer uses
// what has arrived so far, so clearance refines as tiles come in).
#pragma once
#include <memory>

#include "terrain/GroundDetail.h"
#include "world/TerrainStream.h"

namespace tb::world {

class StreamGround final : public terrain::GroundDetail {
 public:
  explicit StreamGround(std::shared_ptr<TerrainStream> stream) : stream_(std::move(stream)) {}
  std::optional<double> heightAt(glm::dvec2 xy) const override;
  // From the deepest level at which at most 3x3 tiles cover the square and every one of them with
  // data is resident (coarser levels otherwise); nothing when the square has no data or no level
  // is complete.
  std::optional<double> maxHeightNear(glm::dvec2 xy, double halfSize) const override;

 private:
  std::shared_ptr<TerrainStream> stream_;
};

}  // namespace tb::world
