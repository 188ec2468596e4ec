// Terrain tiles: the depth pass (reversed Z) and the full-viewport shading pass.
#include "render/TerrainPass.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <future>
#include <memory>
#include <string>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "render/Atmosphere.h"
#include "render/gl/ProgramCache.h"
#include "render/gl/GlStateGuard.h"
#include "terrain/TerrainLodCache.h"

namespace tb::render {

namespace {
// Enough for the tiles of several consecutive views (a 1080p frame selects a few hundred; a
// 16-quad tile is about 4 KB).
constexpr std::size_t kCacheTiles = 4096;
// Small tiles let the selection follow tau closely: at the default overview (1080p, tau 2 px)
// 16-quad tiles draw 187k triangles where 64-quad ones drew 402k, and the depth pass's cost on
// llvmpipe goes with the triangle count (draw calls are cheap next to it).
constexpr int kTileQuads = 16;

// Logs (TB_LOG=debug) how long one setup stage took, for the setup-time budget.
struct StageTimer {
  const char* what;
  std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();
  ~StageTimer() {
    spdlog::debug("render setup: {} in {:.0f} ms", what,
                  std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
  }
};
template <typename F>
auto timedStage(const char* what, F&& make) {
  StageTimer timer{what};
  return make();
}
}  // namespace

TerrainPass::TerrainPass(PassResources& resources)
    : world_(resources.world),
      resources_(resources),
      depthProgram_(resources.programs.get({"terrain_depth.vert"})) {
  const world::World& world = world_;
  if (world.stream) {
    // Streamed: nothing whole-extent to build; nodes arrive as the views ask for them. Beyond the
    // data nothing is drawn (no apron: the renderer invents no ground).
    streamed_ = std::make_unique<StreamedTerrain>(*world.stream);
    shadeProgram(std::min<int>(static_cast<int>(world.imagery.size()), TerrainTextures::kMaxLayers));
    vao_ = gl::VertexArray::create();
    vao_.setAttribute(0, 0, 3, GL_FLOAT, 0);
    vao_.setIndexBuffer(streamed_->indices());
    emptyVao_ = gl::VertexArray::create();
    const glm::dvec2 lo = world.stream->dataLo(), hi = world.stream->dataHi();
    dataCentre_ = (lo + hi) * 0.5;
    halfExtent_ = 0.5 * std::max(hi.x - lo.x, hi.y - lo.y);
    return;
  }
  // The LOD tables (CPU only) are built beside the texture preparation and upload, whose GL
  // calls and shader compiles run on this thread alone: the two overlap on two cores.
  std::future<std::unique_ptr<terrain::TerrainLod>> lodBuild = std::async(std::launch::async, [&world] {
    return timedStage("LOD tables", [&] { return terrain::cachedTerrainLod(world.heights, kTileQuads, world.heightsKey); });
  });
  textures_.emplace(timedStage("textures", [&] { return TerrainTextures(world); }));
  StageTimer timer{"terrain shaders"};
  shadeProgram(std::min<int>(static_cast<int>(world.imagery.size()), TerrainTextures::kMaxLayers));
  lod_ = lodBuild.get();
  cache_ = std::make_unique<TerrainTileCache>(*lod_, kCacheTiles);
  vao_ = gl::VertexArray::create();
  vao_.setAttribute(0, 0, 3, GL_FLOAT, 0);
  vao_.setIndexBuffer(cache_->indices());
  emptyVao_ = gl::VertexArray::create();
  setDataBounds();
}

// Nothing is drawn beyond the data: the scene's bounds are the data's own.
void TerrainPass::setDataBounds() {
  const terrain::HeightField& f = world_.heights;
  const glm::dvec2 nw = f.position(0, 0), se = f.position(f.width() - 1, f.height() - 1);
  dataCentre_ = (nw + se) * 0.5;
  halfExtent_ = 0.5 * std::max(se.x - nw.x, nw.y - se.y);
}

glm::dvec3 TerrainPass::boundsMin(double exaggeration) const {
  if (streamed_) return {dataCentre_.x - halfExtent_, dataCentre_.y - halfExtent_, world_.stream->zRange().x * exaggeration};
  const double zmin = std::min(0.0, double(world_.heights.minHeight()) - 200.0) * exaggeration;
  return {dataCentre_.x - halfExtent_, dataCentre_.y - halfExtent_, zmin};
}

glm::dvec3 TerrainPass::boundsMax(double exaggeration) const {
  if (streamed_) return {dataCentre_.x + halfExtent_, dataCentre_.y + halfExtent_, world_.stream->zRange().y * exaggeration};
  const double zmax = std::max(0.0, double(world_.heights.maxHeight())) * exaggeration;
  return {dataCentre_.x + halfExtent_, dataCentre_.y + halfExtent_, zmax};
}

const gl::Program& TerrainPass::shadeProgram(int layerCount) {
  // LAYER_COUNT also reaches the vertex shader, which ignores it.
  return resources_.programs.get({"terrain_shade.vert", "terrain_shade.frag"},
                                 fmt::format("#define LAYER_COUNT {}\n{}", layerCount, streamed_ ? "#define STREAMED 1\n" : ""));
}

void TerrainPass::ensureDepthTarget(int width, int height) {
  if (depthFbo_ && depthWidth_ == width && depthHeight_ == height) return;
  depthFbo_ = gl::Framebuffer();
  depthTexture_ = gl::Texture::create2D(GL_DEPTH_COMPONENT32F, width, height, 1);
  depthTexture_.setSampling(GL_NEAREST, GL_NEAREST);
  depthFbo_ = gl::Framebuffer::create();
  depthFbo_.attach(GL_DEPTH_ATTACHMENT, depthTexture_);
  glNamedFramebufferDrawBuffer(depthFbo_.id(), GL_NONE);
  glNamedFramebufferReadBuffer(depthFbo_.id(), GL_NONE);
  depthFbo_.requireComplete(fmt::format("terrain depth {}x{}", width, height));
  depthWidth_ = width;
  depthHeight_ = height;
}

void TerrainPass::draw(const FrameContext& ctx) {
  static const std::vector<terrain::TileKey> kNoTiles;
  static const std::vector<StreamedDraw> kNoDraws;
  draw(ctx, ctx.tiles ? *ctx.tiles : kNoTiles, ctx.streamedDraws ? *ctx.streamedDraws : kNoDraws);
}

void TerrainPass::draw(const FrameContext& ctx, const std::vector<terrain::TileKey>& tiles,
                       const std::vector<StreamedDraw>& streamedDraws) {
  gl::GlStateGuard guard;
  GLint target = 0;
  glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &target);
  ensureDepthTarget(ctx.tileWidth, ctx.tileHeight);
  resources_.terrainDepth = &depthTexture_;
  depthFbo_.bind(GL_DRAW_FRAMEBUFFER);
  drawDepth(ctx, tiles, streamedDraws);
  glBindFramebuffer(GL_DRAW_FRAMEBUFFER, static_cast<GLuint>(target));
  shade(ctx);
}

void TerrainPass::drawDepth(const FrameContext& ctx, const std::vector<terrain::TileKey>& tiles,
                            const std::vector<StreamedDraw>& streamedDraws) {
  // Reversed Z with a float depth buffer and the far plane at infinity: depth = near / distance
  // keeps ~7 significant digits at any distance, so positions rebuilt from it stay within
  // centimetres even 200 km out (standard Z would lose metres there).
  glm::dmat4 proj = ctx.proj;
  proj[0][2] = proj[1][2] = proj[2][2] = 0.0;
  proj[3][2] = ctx.nearZ;
  GLint clipOrigin = GL_LOWER_LEFT, clipDepth = GL_NEGATIVE_ONE_TO_ONE;
  glGetIntegerv(GL_CLIP_ORIGIN, &clipOrigin);
  glGetIntegerv(GL_CLIP_DEPTH_MODE, &clipDepth);
  glClipControl(GL_LOWER_LEFT, GL_ZERO_TO_ONE);

  glViewport(0, 0, ctx.tileWidth, ctx.tileHeight);
  glDisable(GL_SCISSOR_TEST);
  glDepthMask(GL_TRUE);
  GLfloat hostClearDepth = 1.0f;
  glGetFloatv(GL_DEPTH_CLEAR_VALUE, &hostClearDepth);
  glClearDepth(0.0);
  glClear(GL_DEPTH_BUFFER_BIT);
  glClearDepth(hostClearDepth);
  glEnable(GL_DEPTH_TEST);
  glDepthFunc(GL_GREATER);
  glDisable(GL_BLEND);
  glPolygonMode(GL_FRONT_AND_BACK, GL_FILL);

  depthProgram_.use();
  depthProgram_.set("uViewProj", glm::mat4(proj * ctx.view));
  depthProgram_.set("uExaggeration", static_cast<float>(ctx.settings.exaggeration));
  vao_.bind();
  if (streamed_) {
    // Vertices on nodata carry a huge negative height; the depth shader clips them away.
    glEnable(GL_CLIP_DISTANCE0);
    vao_.setIndexBuffer(streamed_->indices());
    const GLsizei grid = streamed_->gridIndexCount(), skirt = streamed_->indexCount() - grid;
    glEnable(GL_CULL_FACE);
    glCullFace(GL_BACK);
    glFrontFace(GL_CCW);
    for (const StreamedDraw& d : streamedDraws) {
      vao_.setVertexBuffer(0, *d.vertices, 0, 3 * sizeof(float));
      glDrawElements(GL_TRIANGLES, grid, GL_UNSIGNED_INT, nullptr);
    }
    glDisable(GL_CULL_FACE);
    for (const StreamedDraw& d : streamedDraws) {
      vao_.setVertexBuffer(0, *d.vertices, 0, 3 * sizeof(float));
      glDrawElements(GL_TRIANGLES, skirt, GL_UNSIGNED_INT,
                     reinterpret_cast<const void*>(static_cast<std::uintptr_t>(grid) * sizeof(std::uint32_t)));
    }
    glDisable(GL_CLIP_DISTANCE0);
    glClipControl(static_cast<GLenum>(clipOrigin), static_cast<GLenum>(clipDepth));
    return;
  }
  vao_.setIndexBuffer(cache_->indices());
  // The tiles' surfaces with back faces culled (the far sides of ridges cost rasterisation for
  // nothing), then their skirts, which must be seen from both sides to close every crack.
  const GLsizei gridIndices = 6 * lod_->tileQuads() * lod_->tileQuads();
  const GLsizei skirtIndices = cache_->indexCount() - gridIndices;
  glEnable(GL_CULL_FACE);
  glCullFace(GL_BACK);
  glFrontFace(GL_CCW);
  for (const terrain::TileKey& key : tiles) {
    vao_.setVertexBuffer(0, cache_->get(key), 0, 3 * sizeof(float));
    glDrawElements(GL_TRIANGLES, gridIndices, GL_UNSIGNED_INT, nullptr);
  }
  glDisable(GL_CULL_FACE);
  for (const terrain::TileKey& key : tiles) {
    vao_.setVertexBuffer(0, cache_->get(key), 0, 3 * sizeof(float));
    glDrawElements(GL_TRIANGLES, skirtIndices, GL_UNSIGNED_INT,
                   reinterpret_cast<const void*>(static_cast<std::uintptr_t>(gridIndices) * sizeof(std::uint32_t)));
  }
  glClipControl(static_cast<GLenum>(clipOrigin), static_cast<GLenum>(clipDepth));
}

void TerrainPass::shade(const FrameContext& ctx) {
  const FrameSettings& s = ctx.settings;
  // Layers in the frame's order; invisible, transparent or unloadable ones are left out of the shader.
  constexpr int kMax = TerrainTextures::kMaxLayers;
  std::vector<ShownLayer> shown;
  for (const ShownLayer& l : shownImagery(s, world_, kMax))
    if (streamed_ ? l.index < static_cast<std::size_t>(streamed_->imageryLayers())
                  : l.index < textures_->imagery().size() && textures_->imagery()[l.index].texture)
      shown.push_back(l);
  const gl::Program& p = shadeProgram(static_cast<int>(shown.size()));
  p.use();
  glViewport(0, 0, ctx.tileWidth, ctx.tileHeight);
  glEnable(GL_DEPTH_TEST);
  glDepthFunc(GL_ALWAYS);  // writes the overlays' depth everywhere
  glDepthMask(GL_TRUE);
  glColorMask(GL_TRUE, GL_TRUE, GL_TRUE, GL_TRUE);

  p.set("uFrustum", glm::vec4(ctx.proj[0][0], ctx.proj[1][1], ctx.proj[2][0], ctx.proj[2][1]));
  p.set("uEyeToWorld", glm::mat3(glm::transpose(glm::dmat3(ctx.view))));
  p.set("uNear", static_cast<float>(ctx.nearZ));
  // Standard depth (range 0..1) of a point `dist` along the view axis: (-P22 + P32 / dist) / 2 + 1/2.
  p.set("uDepthOut", glm::vec2(0.5 - 0.5 * ctx.proj[2][2], 0.5 * ctx.proj[3][2]));
  p.set("uPixelAngle",
        static_cast<float>(2.0 * std::tan(glm::radians(s.camera.fovYDeg) * 0.5) / std::max(ctx.fullHeight, 1)));
  p.set("uExaggeration", static_cast<float>(s.exaggeration));
  setAtmosphereUniforms(p, ctx);
  p.set("uBaseColor", glm::vec3(0.55f, 0.55f, 0.50f));
  p.set("uNoDataColor", glm::vec3(0.46f, 0.46f, 0.48f));

  constexpr GLuint kDepthUnit = 0, kGradientUnit = 1, kFirstImageryUnit = 2;
  depthTexture_.bind(kDepthUnit);
  p.set("uDepth", static_cast<int>(kDepthUnit));
  p.set("uGradientRange", TerrainTextures::kGradientRange);
  if (streamed_) {
    bindStreamedTextures(p, shown);
    emptyVao_.bind();
    glDrawArrays(GL_TRIANGLES, 0, 3);
    return;
  }
  const auto& layers = textures_->imagery();
  if (textures_->gradient()) textures_->gradient().bind(kGradientUnit);
  p.set("uGradient", static_cast<int>(kGradientUnit));
  p.set("uGradientXf", textures_->gradientUv().xf);
  p.set("uGradientRange", textures_->gradient() ? TerrainTextures::kGradientRange : 0.0f);
  p.set("uGradientLodBias", -std::log2(textures_->gradientTexelMetres()));

  int units[kMax] = {};
  glm::vec4 xf[kMax] = {};
  float opacity[kMax] = {}, lodBias[kMax] = {};
  for (int k = 0; k < kMax; ++k) units[k] = static_cast<int>(kFirstImageryUnit) + k;
  for (std::size_t k = 0; k < shown.size(); ++k) {
    const ImageryTexture& layer = layers[shown[k].index];
    layer.texture.bind(static_cast<GLuint>(units[k]));
    xf[k] = layer.uv.xf;
    opacity[k] = shown[k].opacity;
    lodBias[k] = -std::log2(layer.texelMetres);
  }
  p.setArray("uImagery[0]", units, kMax);
  p.setArray("uImageryXf[0]", xf, kMax);
  p.setArray("uImageryOpacity[0]", opacity, kMax);
  p.setArray("uImageryLodBias[0]", lodBias, kMax);

  emptyVao_.bind();
  glDrawArrays(GL_TRIANGLES, 0, 3);
}

// Units: depth 0, gradient array 1, slot info 2, indirection 3, imagery arrays from 4.
void TerrainPass::bindStreamedTextures(const gl::Program& p, const std::vector<ShownLayer>& shown) {
  constexpr int kMax = TerrainTextures::kMaxLayers;
  streamed_->gradient().bind(1);
  p.set("uGradientArr", 1);
  streamed_->slotInfo().bind(2);
  p.set("uSlotInfo", 2);
  streamed_->indirection().bind(3);
  p.set("uIndirection", 3);
  p.set("uIndirXf", streamed_->indirectionXf());
  p.set("uCells", static_cast<float>(streamed_->cells()));
  int units[kMax] = {}, layer[kMax] = {};
  float opacity[kMax] = {};
  for (int k = 0; k < kMax; ++k) units[k] = 4 + k;
  for (std::size_t k = 0; k < shown.size(); ++k) {
    streamed_->imagery(static_cast<int>(shown[k].index)).bind(static_cast<GLuint>(units[k]));
    layer[k] = static_cast<int>(shown[k].index);
    opacity[k] = shown[k].opacity;
  }
  p.setArray("uImageryArr[0]", units, kMax);
  p.setArray("uImageryLayer[0]", layer, kMax);
  p.setArray("uImageryOpacity[0]", opacity, kMax);
}

}  // namespace tb::render
