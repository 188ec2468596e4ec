// Ray / terrain intersection on the full-resolution height field (picking, camera collision,
// label anchoring).
#pragma once
#include <optional>

#include <glm/glm.hpp>

#include "terrain/HeightField.h"

namespace tb::terrain {

// origin and direction in render space (z exaggerated). Returns the first hit point in render
// space, or nothing if the ray leaves the grid without hitting (within maxDistance). The
// surface is the bilinear interpolation of the samples (HeightField::sample). A ray that is
// already below the surface where it enters the grid hits at that entry point. A non-finite
// origin or direction (a camera gone astray) hits nothing.
std::optional<glm::dvec3> intersectRay(const HeightField& field, glm::dvec3 origin, glm::dvec3 direction,
                                       double exaggeration = 1.0, double maxDistance = 1e7);

}  // namespace tb::terrain
