// A camera pose in the scene's local render space: metres relative to the scene origin,
// x east (grid), y north (grid), z up. z is in render space, i.e. already multiplied by the
// vertical exaggeration (a point at real height h is drawn at h * exaggeration).
#pragma once
#include <glm/glm.hpp>

namespace tb {

struct CameraPose {
  glm::dvec3 eye{0.0};
  double headingDeg = 0.0;  // clockwise from grid north
  double pitchDeg = -30.0;  // 0 = horizontal, -90 = straight down
  double fovYDeg = 40.0;    // vertical field of view

  glm::dvec3 forward() const;  // unit view direction
  glm::dvec3 right() const;    // unit, horizontal
  glm::dvec3 up() const;       // unit, completes the frame
  glm::dmat4 viewMatrix() const;
};

// OpenGL-style perspective (depth -1..1), with an optional sub-rectangle of the image for tiled
// rendering: the tile covers pixels [x0,x1) x [y0,y1) of a fullWidth x fullHeight image
// (y measured from the top).
glm::dmat4 perspectiveMatrix(double fovYDeg, int fullWidth, int fullHeight, double nearZ, double farZ);
glm::dmat4 perspectiveTileMatrix(double fovYDeg, int fullWidth, int fullHeight, double nearZ, double farZ,
                                 int x0, int y0, int x1, int y1);

// The pose that looks at `target` from `range` metres away along heading/pitch.
CameraPose lookAtPose(const glm::dvec3& target, double range, double headingDeg, double pitchDeg,
                      double fovYDeg = 40.0);

}  // namespace tb
