// The ground a view shows: where rays through the image meet a level plane at the ground's
// height. Things sized for the view (the grid's spacing) follow this rather than the camera's
// height, which undersizes a tilted view that reaches far ahead. No GL.
#pragma once
#include <algorithm>

#include <glm/glm.hpp>

#include "core/Camera.h"
#include "terrain/HeightField.h"

namespace tb::camera {

struct GroundFootprint {
  bool any = false;          // some of the image shows ground below the camera
  double across = 0;         // the widest ground crossing the image from left to right, metres
  double along = 0;          // from the nearest ground shown to the farthest, metres
  glm::dvec2 lo{0.0}, hi{0.0};  // local xy box of the ground shown
  glm::dvec2 centre() const { return (lo + hi) * 0.5; }
  double size() const { return std::max(across, along); }
};

// `pose` in render space (z = height × exaggeration), a width × height image, the plane at
// `groundHeight` metres. Ground farther than `reachFactor` × the camera's height above the plane
// (under 3° below the horizon at 20) counts at that reach, sky rays too: the far ground near the
// horizon is a few pixels deep and must not make everything coarse. The ground is clipped to the
// data's box [clipLo, clipHi] (local xy).
GroundFootprint groundFootprint(const CameraPose& pose, int width, int height, double groundHeight,
                                double exaggeration, glm::dvec2 clipLo, glm::dvec2 clipHi, double reachFactor = 20.0);

// The same over a world's terrain: the plane at the height under the camera (clamped to the
// data), clipped to the data's box.
GroundFootprint groundFootprint(const CameraPose& pose, int width, int height, const terrain::HeightField& heights,
                                double exaggeration);

// The ground size to space a grid for (metres, at least 500): the footprint's, or twice the
// camera's height above the ground when it shows none.
double gridViewSize(const GroundFootprint& footprint, const CameraPose& pose, const terrain::HeightField& heights,
                    double exaggeration);

}  // namespace tb::camera
