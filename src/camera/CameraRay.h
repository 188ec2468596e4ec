// Rays through image pixels and the inverse (projecting a point to a pixel), matching
// core/Camera.h's perspectiveMatrix * viewMatrix exactly, so picking and drawing agree.
#pragma once
#include <optional>

#include <glm/glm.hpp>

#include "core/Camera.h"

namespace tb::camera {

// Unit direction (render space) of the ray from pose.eye through image point (px, py) of a
// vpW x vpH viewport. px, py are continuous image coordinates: (0,0) is the top-left corner of
// the image, (vpW, vpH) the bottom-right corner, so the centre of the image is (vpW/2, vpH/2).
glm::dvec3 rayDirection(const CameraPose& pose, int vpW, int vpH, double px, double py);

// Image point of a render-space point, in the same coordinates as rayDirection; nothing when the
// point is behind the camera.
std::optional<glm::dvec2> projectToPixel(const CameraPose& pose, int vpW, int vpH, const glm::dvec3& point);

}  // namespace tb::camera
