// Pixel <-> ray mapping built from the pose's own frame (forward/right/up) and the same
// field-of-view convention as perspectiveTileMatrix (vertical fov, square pixels).
#include "camera/CameraRay.h"

#include <cmath>

namespace tb::camera {

glm::dvec3 rayDirection(const CameraPose& pose, int vpW, int vpH, double px, double py) {
  const double tanY = std::tan(glm::radians(pose.fovYDeg) * 0.5);
  const double tanX = tanY * double(vpW) / double(vpH);
  const double nx = 2.0 * px / vpW - 1.0;  // -1 left edge, +1 right edge
  const double ny = 1.0 - 2.0 * py / vpH;  // +1 top edge, -1 bottom edge
  return glm::normalize(pose.forward() + nx * tanX * pose.right() + ny * tanY * pose.up());
}

std::optional<glm::dvec2> projectToPixel(const CameraPose& pose, int vpW, int vpH, const glm::dvec3& point) {
  const glm::dvec3 d = point - pose.eye;
  const double depth = glm::dot(d, pose.forward());
  if (depth <= 0.0) return std::nullopt;
  const double tanY = std::tan(glm::radians(pose.fovYDeg) * 0.5);
  const double tanX = tanY * double(vpW) / double(vpH);
  const double nx = glm::dot(d, pose.right()) / (depth * tanX);
  const double ny = glm::dot(d, pose.up()) / (depth * tanY);
  return glm::dvec2((nx + 1.0) * 0.5 * vpW, (1.0 - ny) * 0.5 * vpH);
}

}  // namespace tb::camera
