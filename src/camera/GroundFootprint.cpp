// Where a view's rays meet the ground (see GroundFootprint.h).
#include "camera/GroundFootprint.h"

#include <cmath>
#include <optional>
#include <vector>

#include "camera/CameraRay.h"

namespace tb::camera {

GroundFootprint groundFootprint(const CameraPose& pose, int width, int height, double groundHeight,
                                double exaggeration, glm::dvec2 clipLo, glm::dvec2 clipHi, double reachFactor) {
  GroundFootprint f;
  const double above = pose.eye.z - groundHeight * exaggeration;  // render space, like the rays
  if (!(above > 0) || width <= 0 || height <= 0) return f;
  const glm::dvec2 eye(pose.eye);
  const double reach = reachFactor * above;
  // Where the ray meets the plane, or its ground direction at the reach (sky, or too far).
  auto ground = [&](double px, double py) -> std::optional<glm::dvec2> {
    const glm::dvec3 d = rayDirection(pose, width, height, px, py);
    const glm::dvec2 flat(d);
    const double flatLength = glm::length(flat);
    glm::dvec2 p;
    if (d.z < 0 && flatLength * above / -d.z <= reach)
      p = eye + flat * (above / -d.z);
    else if (flatLength > 1e-9)
      p = eye + flat / flatLength * reach;
    else
      return std::nullopt;  // straight up
    return glm::clamp(p, clipLo, clipHi);
  };
  const glm::dvec3 fwd = pose.forward();
  const glm::dvec2 ahead = glm::length(glm::dvec2(fwd)) > 1e-9 ? glm::normalize(glm::dvec2(fwd)) : glm::dvec2(0.0, 1.0);
  double nearest = 1e300, farthest = -1e300;
  f.lo = glm::dvec2(1e300), f.hi = glm::dvec2(-1e300);
  constexpr int kRows = 16;  // image rows sampled, top to bottom: each gives its left-right width
  for (int r = 0; r <= kRows; ++r) {
    const double py = height * static_cast<double>(r) / kRows;
    const auto left = ground(0.0, py), mid = ground(width * 0.5, py), right = ground(width, py);
    if (left && right) f.across = std::max(f.across, glm::length(*right - *left));
    for (const auto& p : {left, mid, right}) {
      if (!p) continue;
      f.any = true;
      f.lo = glm::min(f.lo, *p), f.hi = glm::max(f.hi, *p);
      const double along = glm::dot(*p - eye, ahead);
      nearest = std::min(nearest, along), farthest = std::max(farthest, along);
    }
  }
  if (!f.any) return GroundFootprint{};
  f.along = farthest - nearest;
  return f;
}

namespace {
double groundUnder(const CameraPose& pose, const terrain::HeightField& heights) {
  return heights.width() > 0 ? heights.sample(glm::dvec2(pose.eye)) : 0.0;  // sample() clamps to the edge
}
}  // namespace

GroundFootprint groundFootprint(const CameraPose& pose, int width, int height, const terrain::HeightField& heights,
                                double exaggeration) {
  const glm::dvec2 nw = heights.originNW();
  const glm::dvec2 se = heights.position(std::max(0, heights.width() - 1), std::max(0, heights.height() - 1));
  return groundFootprint(pose, width, height, groundUnder(pose, heights), exaggeration, glm::dvec2(nw.x, se.y),
                         glm::dvec2(se.x, nw.y));
}

double gridViewSize(const GroundFootprint& footprint, const CameraPose& pose, const terrain::HeightField& heights,
                    double exaggeration) {
  const double above = pose.eye.z / std::max(0.1, exaggeration) - groundUnder(pose, heights);
  return std::max(500.0, footprint.any ? footprint.size() : 2.0 * above);
}

}  // namespace tb::camera
