// Whole-image projection helpers for passes drawing one tile of a possibly tiled frame.
#include "render/FrameContext.h"

#include <glm/gtc/matrix_transform.hpp>

namespace tb::render {

glm::dvec4 FrameContext::toImage(const glm::dvec3& p) const {
  // Use the whole image's projection, not this tile's: positions must agree across tiles.
  const glm::dmat4 fullProj = perspectiveMatrix(settings.camera.fovYDeg, fullWidth, fullHeight, nearZ, farZ);
  const glm::dvec4 clip = fullProj * view * glm::dvec4(p, 1.0);
  if (clip.w <= 0.0) return {0.0, 0.0, 0.0, clip.w};
  const glm::dvec3 ndc = glm::dvec3(clip) / clip.w;
  return {(ndc.x * 0.5 + 0.5) * fullWidth, (0.5 - ndc.y * 0.5) * fullHeight, ndc.z * 0.5 + 0.5, clip.w};
}

glm::mat4 FrameContext::imageToClip() const {
  // Pixel (tileX, tileY) is this tile's top-left corner; y grows downward.
  return glm::mat4(glm::ortho(double(tileX), double(tileX + tileWidth), double(tileY + tileHeight), double(tileY),
                              -1.0, 1.0));
}

}  // namespace tb::render
