// Upload of imagery and gradient textures.
#include "render/TerrainTextures.h"

#include <cstring>
#include <spdlog/spdlog.h>

namespace tb::render {

TerrainTextures::TerrainTextures(const world::World& world) {
  const terrain::HeightField& field = world.heights;
  const int w = field.width(), h = field.height();
  if (w > 0 && h > 0) {
    // RG16F halves the memory of RG32F; slopes need ~3 significant digits, half floats give 3.3.
    std::vector<float> grad(static_cast<std::size_t>(w) * h * 2);
    for (int r = 0; r < h; ++r)
      for (int c = 0; c < w; ++c) {
        const glm::vec2 g = field.gradient(c, r);
        const std::size_t i = (static_cast<std::size_t>(r) * w + c) * 2;
        grad[i] = g.x;
        grad[i + 1] = g.y;
      }
    gradient_ = gl::Texture::create2D(GL_RG16F, w, h, 0);
    gradient_.setSubImage2D(0, 0, 0, w, h, GL_RG, GL_FLOAT, grad.data());
    gradient_.generateMipmap();  // averaged slopes far away instead of sparkling noise
    gradient_.setSampling(GL_LINEAR_MIPMAP_LINEAR, GL_LINEAR);
    // Sample (c,r) sits at origin + (c, -r) * cell; texel centres are half a texel in.
    const double cell = field.cellSize();
    gradientUv_.xf = glm::vec4(static_cast<float>(field.originNW().x - 0.5 * cell),
                               static_cast<float>(field.originNW().y + 0.5 * cell),
                               static_cast<float>(1.0 / (cell * w)), static_cast<float>(1.0 / (cell * h)));
  }

  // Anisotropic filtering sharpens oblique views on GPUs for free, but llvmpipe implements it
  // with many extra samples per pixel: 4x made its frames about six times slower.
  const auto* rendererName = reinterpret_cast<const char*>(glGetString(GL_RENDERER));
  const bool software = rendererName && (std::strstr(rendererName, "llvmpipe") || std::strstr(rendererName, "softpipe") ||
                                         std::strstr(rendererName, "SwiftShader"));
  const bool anisotropic = !software;
  GLint maxSize = 0;
  glGetIntegerv(GL_MAX_TEXTURE_SIZE, &maxSize);
  for (const world::ImageryLayer& layer : world.imagery) {
    if (static_cast<int>(imagery_.size()) == kMaxLayers) {
      spdlog::warn("render: only the first {} imagery layers are drawn; '{}' is skipped", kMaxLayers,
                   layer.spec.name);
      continue;
    }
    const geo::GridSpec& g = layer.raster.grid;
    ImageryTexture t;
    if (g.width > 0 && g.height > 0 && g.width <= maxSize && g.height <= maxSize &&
        layer.raster.rgba.size() == static_cast<std::size_t>(g.width) * g.height * 4) {
      t.texture = gl::Texture::create2D(GL_RGBA8, g.width, g.height, 0);
      t.texture.setSubImage2D(0, 0, 0, g.width, g.height, GL_RGBA, GL_UNSIGNED_BYTE, layer.raster.rgba.data());
      t.texture.generateMipmap();
      t.texture.setSampling(GL_LINEAR_MIPMAP_LINEAR, GL_LINEAR);
      if (anisotropic) t.texture.setMaxAnisotropy(4.0f);
      const double cell = layer.cellSize > 0 ? layer.cellSize : g.cellSize;
      t.uv.xf = glm::vec4(static_cast<float>(layer.originNW.x), static_cast<float>(layer.originNW.y),
                          static_cast<float>(1.0 / (cell * g.width)), static_cast<float>(1.0 / (cell * g.height)));
    } else {
      spdlog::warn("render: imagery layer '{}' ({}x{}) cannot be uploaded (GL limit {})", layer.spec.name, g.width,
                   g.height, maxSize);
    }
    imagery_.push_back(std::move(t));
  }
}

}  // namespace tb::render
