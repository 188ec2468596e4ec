// The terrain's textures on the GPU: each imagery layer (RGBA8, mipmapped) and the full-
// resolution gradient (dz/dx, dz/dy) from which the shading pass lights every pixel, so the
// lighting keeps full detail even on coarse LOD tiles. Mip chains are built on the CPU over two
// threads and uploaded level by level: glGenerateMipmap on llvmpipe took seconds for 4k rasters.
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
  float texelMetres = 1;  // one texel's side at level 0
  int levels = 1;
};

class TerrainTextures {
 public:
  static constexpr int kMaxLayers = 4;  // uniform arrays in terrain_shade.frag
  // The gradient is stored as RG8_SNORM, companded: e = sign(g) sqrt(|g| / kGradientRange), so
  // g = e |e| kGradientRange. Steps are finest where the lighting needs them, on gentle slopes
  // (5e-4 near flat, 0.005 at a 1% slope: below one 8-bit output level even at exaggeration 5),
  // and half the memory of RG16 (42 instead of 83 MB at 4k x 4k, each MB a page fault to fill).
  // Slopes beyond the range (83 degrees) light alike. Every mip level is filtered linearly in g
  // before it is companded.
  static constexpr float kGradientRange = 8.0f;

  explicit TerrainTextures(const world::World& world);

  const gl::Texture& gradient() const { return gradient_; }
  const UvTransform& gradientUv() const { return gradientUv_; }
  float gradientTexelMetres() const { return gradientTexel_; }
  int gradientLevels() const { return gradientLevels_; }
  const std::vector<ImageryTexture>& imagery() const { return imagery_; }

 private:
  gl::Texture gradient_;
  UvTransform gradientUv_;
  float gradientTexel_ = 1;
  int gradientLevels_ = 1;
  std::vector<ImageryTexture> imagery_;
};

}  // namespace tb::render
