#include "core/Camera.h"

#include <cmath>
#include <glm/gtc/matrix_transform.hpp>

namespace tb {

glm::dvec3 CameraPose::forward() const {
  const double h = glm::radians(headingDeg), p = glm::radians(pitchDeg);
  return {std::sin(h) * std::cos(p), std::cos(h) * std::cos(p), std::sin(p)};
}

glm::dvec3 CameraPose::right() const {
  const double h = glm::radians(headingDeg);
  return {std::cos(h), -std::sin(h), 0.0};
}

glm::dvec3 CameraPose::up() const { return glm::cross(right(), forward()); }

glm::dmat4 CameraPose::viewMatrix() const { return glm::lookAt(eye, eye + forward(), up()); }

glm::dmat4 perspectiveMatrix(double fovYDeg, int fullWidth, int fullHeight, double nearZ, double farZ) {
  return perspectiveTileMatrix(fovYDeg, fullWidth, fullHeight, nearZ, farZ, 0, 0, fullWidth, fullHeight);
}

glm::dmat4 perspectiveTileMatrix(double fovYDeg, int fullWidth, int fullHeight, double nearZ, double farZ,
                                 int x0, int y0, int x1, int y1) {
  const double top = nearZ * std::tan(glm::radians(fovYDeg) * 0.5);
  const double right = top * double(fullWidth) / double(fullHeight);
  // Image x in [0,W) maps to [-right,right]; image y in [0,H) (top down) maps to [top,-top].
  auto fx = [&](int x) { return -right + 2.0 * right * double(x) / fullWidth; };
  auto fy = [&](int y) { return top - 2.0 * top * double(y) / fullHeight; };
  return glm::frustum(fx(x0), fx(x1), fy(y1), fy(y0), nearZ, farZ);
}

CameraPose lookAtPose(const glm::dvec3& target, double range, double headingDeg, double pitchDeg,
                      double fovYDeg) {
  CameraPose pose;
  pose.headingDeg = headingDeg;
  pose.pitchDeg = pitchDeg;
  pose.fovYDeg = fovYDeg;
  pose.eye = target - pose.forward() * range;
  return pose;
}

}  // namespace tb
