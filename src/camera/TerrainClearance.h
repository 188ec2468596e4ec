// Ground heights in render space for keeping the camera above the terrain (flights and
// interactive navigation share these so both honour the same clearance).
#pragma once
#include <glm/glm.hpp>

#include "terrain/GroundDetail.h"
#include "terrain/HeightField.h"

namespace tb::camera {

// Render-space ground height (real height * exaggeration) under a local point, edge-clamped
// (NaN for a NaN point, as HeightField::sample).
double groundZ(const terrain::HeightField& field, double exaggeration, glm::dvec2 xy);

// An upper bound of the render-space ground height anywhere in the square of half-size
// `halfSize` around xy: the bilinear surface never exceeds its cell corners, so the maximum of
// the grid samples covering the square bounds it. Wide squares are strided to stay cheap. NaN for
// a NaN point or size.
double maxGroundZNear(const terrain::HeightField& field, double exaggeration, glm::dvec2 xy, double halfSize);

// The same with finer ground detail where it answers (may be null): groundZ takes the detail's
// height over the field's; maxGroundZNear the higher of the two bounds (the overview's smoothing
// lowers ridges, and detail may cover only part of a wide square).
double groundZ(const terrain::HeightField& field, const terrain::GroundDetail* detail, double exaggeration,
               glm::dvec2 xy);
double maxGroundZNear(const terrain::HeightField& field, const terrain::GroundDetail* detail, double exaggeration,
                      glm::dvec2 xy, double halfSize);

}  // namespace tb::camera
