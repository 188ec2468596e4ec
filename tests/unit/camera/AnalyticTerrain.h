// Height fields built from closed-form surfaces (plane, cone, ridge) for the camera tests, and
// the projection of a point to a pixel through core/Camera.h's own matrices.
#pragma once
#include <cmath>
#include <functional>
#include <vector>

#include <glm/glm.hpp>

#include "core/Camera.h"
#include "terrain/HeightField.h"

namespace tb::camera::test {

// A field of n x n samples covering [-half, half]^2 (local metres), heights from fn(x, y).
inline terrain::HeightField makeField(const std::function<double(double, double)>& fn, double half = 10000.0,
                                      int n = 401) {
  const double cell = 2.0 * half / (n - 1);
  std::vector<float> h(size_t(n) * n);
  for (int r = 0; r < n; ++r)
    for (int c = 0; c < n; ++c) h[size_t(r) * n + c] = float(fn(-half + c * cell, half - r * cell));
  return terrain::HeightField(n, n, cell, {-half, half}, std::move(h));
}

inline terrain::HeightField planeField(double height) {
  return makeField([=](double, double) { return height; });
}

// A cone of the given height and base radius centred at (cx, cy), on a plain at 0.
inline terrain::HeightField coneField(double cx, double cy, double height, double radius) {
  return makeField([=](double x, double y) {
    return std::max(0.0, height * (1.0 - std::hypot(x - cx, y - cy) / radius));
  });
}

// A north-south ridge along x = 0 with a triangular profile of the given half-width.
inline terrain::HeightField ridgeField(double height, double halfWidth) {
  return makeField([=](double x, double) { return std::max(0.0, height * (1.0 - std::abs(x) / halfWidth)); });
}

// Pixel (top-left origin) of a point through perspectiveMatrix * viewMatrix.
inline glm::dvec2 projectWithMatrices(const CameraPose& pose, int w, int h, const glm::dvec3& p) {
  const glm::dvec4 clip = perspectiveMatrix(pose.fovYDeg, w, h, 1.0, 1e6) * pose.viewMatrix() * glm::dvec4(p, 1.0);
  const glm::dvec3 ndc = glm::dvec3(clip) / clip.w;
  return {(ndc.x + 1.0) * 0.5 * w, (1.0 - ndc.y) * 0.5 * h};
}

}  // namespace tb::camera::test
