// Heights finer than a scene's overview field, where they are at hand: a streamed scene's resident
// tiles. Camera clearance and flights ask this first and fall back to the overview, so that the
// camera keeps above a ridge the overview smooths away once the ridge's tiles are loaded. An
// implementation answers from memory only: it never waits on I/O (the viewer's UI thread asks).
#pragma once
#include <optional>

#include <glm/glm.hpp>

#include "terrain/HeightField.h"

namespace tb::terrain {

class GroundDetail {
 public:
  virtual ~GroundDetail() = default;
  // Real height (metres, not exaggerated) at a local point; nothing where no detail is at hand.
  virtual std::optional<double> heightAt(glm::dvec2 xy) const = 0;
  // An upper bound of the real height in the square of half-size `halfSize` around xy; nothing
  // unless detail covers the whole square.
  virtual std::optional<double> maxHeightNear(glm::dvec2 xy, double halfSize) const = 0;
};

// An upper bound of the field's (real) height in the square of half-size `halfSize` around xy,
// clamped to the field: the bilinear surface never exceeds its cell corners, so the maximum of the
// grid samples covering the square bounds it. Wide squares are strided (48 samples a side) to stay
// cheap. NaN for a NaN point or size; 0 for an empty field.
double maxSampleNear(const HeightField& field, glm::dvec2 xy, double halfSize);

}  // namespace tb::terrain
