// The terrain's textures on the GPU: each imagery layer (RGBA8, mipmapped) and the full-
// resolution gradient (dz/dx, dz/dy) from which the fragment shader lights every pixel, so the
// lighting keeps full detail even on coarse LOD tiles.
#pragma once
#include <vector>

#include <glm/glm.hpp>

#include "render/gl/Texture.h"
#include "world/World.h"

namespace tb::render {

// Maps local xy to texture uv: uv = ((x - x0), (y0 - y)) * (sx, sy).
struct UvTransform {
  glm::vec4 xf{0.0f};  // x0, y0, sx, sy
};

struct ImageryTexture {
  gl::Texture texture;
  UvTransform uv;
};

class TerrainTextures {
 public:
  static constexpr int kMaxLayers = 4;  // uniform arrays in terrain.frag

  explicit TerrainTextures(const world::World& world);

  const gl::Texture& gradient() const { return gradient_; }
  const UvTransform& gradientUv() const { return gradientUv_; }
  const std::vector<ImageryTexture>& imagery() const { return imagery_; }

 private:
  gl::Texture gradient_;
  UvTransform gradientUv_;
  std::vector<ImageryTexture> imagery_;
};

}  // namespace tb::render
