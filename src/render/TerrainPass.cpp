// Terrain tiles + apron: the depth pass (reversed Z) and the full-viewport shading pass.
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
#include "render/gl/GlStateGuard.h"
#include "terrain/TerrainLodCache.h"

namespace tb::render {

namespace {
// Enough for the tiles of several consecutive views (a 1080p frame selects a few hundred; a
// 16-quad tile is about 4 KB).
constexpr std::size_t kCacheTiles = 4096;
// The apron spans this many data extents from the centre: far enough to meet the horizon haze.
constexpr double kApronExtents = 5.0;
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

TerrainPass::TerrainPass(const world::World& world)
    : world_(world) {
  // The LOD tables (CPU only) are built beside the texture preparation and upload, whose GL
  // calls and shader compiles run on this thread alone: the two overlap on two cores.
  std::future<std::unique_ptr<terrain::TerrainLod>> lodBuild = std::async(std::launch::async, [&world] {
    return timedStage("LOD tables", [&] { return terrain::cachedTerrainLod(world.heights, kTileQuads, world.heightsKey); });
  });
  textures_.emplace(timedStage("textures", [&] { return TerrainTextures(world); }));
  StageTimer timer{"terrain shaders and apron"};
  depthProgram_ = gl::Program::fromEmbedded({"terrain_depth.vert"});
  shadeProgram(std::min<int>(static_cast<int>(world.imagery.size()), TerrainTextures::kMaxLayers));
  lod_ = lodBuild.get();
  cache_ = std::make_unique<TerrainTileCache>(*lod_, kCacheTiles);
  vao_ = gl::VertexArray::create();
  vao_.setAttribute(0, 0, 3, GL_FLOAT, 0);
  vao_.setIndexBuffer(cache_->indices());
  emptyVao_ = gl::VertexArray::create();
  buildApron();
}

// A ring of quads from the data's border (exact heights every few samples) out to kApronExtents,
// sloping to sea level (sea edges stay at their depth, so the sea continues), plus a skirt under
// its inner edge that closes any sliver between it and the LOD tiles' edges.
void TerrainPass::buildApron() {
  const terrain::HeightField& f = world_.heights;
  const int w = f.width(), h = f.height();
  if (w < 2 || h < 2) return;
  const int step = std::max(1, std::min(w, h) / 64);
  std::vector<glm::ivec2> border;  // clockwise from the north-west corner
  for (int c = 0; c < w - 1; c += step) border.push_back({c, 0});
  for (int r = 0; r < h - 1; r += step) border.push_back({w - 1, r});
  for (int c = w - 1; c > 0; c -= step) border.push_back({c, h - 1});
  for (int r = h - 1; r > 0; r -= step) border.push_back({0, r});

  const glm::dvec2 nw = f.position(0, 0), se = f.position(w - 1, h - 1);
  dataCentre_ = (nw + se) * 0.5;
  const double extent = std::max(se.x - nw.x, nw.y - se.y);
  apronRadius_ = kApronExtents * extent;
  const float skirt = lod_->skirtDepth({lod_->levelCount() - 1, 0, 0}) + 0.02f * (f.maxHeight() - f.minHeight());

  const int n = static_cast<int>(border.size());
  // A middle ring a little beyond the edge carries the border heights smoothed along the border:
  // long triangles straight from a jagged edge to the far ring would draw radial streaks.
  std::vector<float> edgeZ(n), smoothZ(n);
  for (int i = 0; i < n; ++i) edgeZ[i] = f.at(border[i].x, border[i].y);
  const int window = std::max(1, n / 32);
  for (int i = 0; i < n; ++i) {
    double sum = 0;
    for (int k = -window; k <= window; ++k) sum += edgeZ[((i + k) % n + n) % n];
    smoothZ[i] = static_cast<float>(sum / (2 * window + 1));
  }
  std::vector<float> v;  // per border point: inner, middle, outer, inner skirt
  v.reserve(static_cast<std::size_t>(n) * 12);
  for (int i = 0; i < n; ++i) {
    const glm::dvec2 p = f.position(border[i].x, border[i].y);
    const float z = edgeZ[i];
    const glm::dvec2 dir = glm::normalize(p - dataCentre_);
    const glm::dvec2 m = p + dir * (0.15 * extent);
    const glm::dvec2 q = dataCentre_ + dir * apronRadius_;
    // Sea stays at its depth (so it is drawn as sea); land sinks gently toward sea level.
    const float zm = z < 0 ? std::min(z, smoothZ[i]) : std::max(0.0f, smoothZ[i] * 0.6f);
    v.insert(v.end(), {float(p.x), float(p.y), z, float(m.x), float(m.y), zm, float(q.x), float(q.y),
                       std::min(zm, 0.0f), float(p.x), float(p.y), z - skirt});
  }
  std::vector<std::uint32_t> idx;
  idx.reserve(static_cast<std::size_t>(n) * 18);
  for (int i = 0; i < n; ++i) {
    const std::uint32_t a = 4u * i, b = 4u * ((i + 1) % n);
    idx.insert(idx.end(), {a, b, a + 1, b, b + 1, a + 1});              // inner -> middle
    idx.insert(idx.end(), {a + 1, b + 1, a + 2, b + 1, b + 2, a + 2});  // middle -> outer
    idx.insert(idx.end(), {a, a + 3, b, b, a + 3, b + 3});              // skirt
  }
  apronVertices_ = gl::Buffer::create();
  apronVertices_.setData(v.data(), v.size() * sizeof(float));
  apronIndices_ = gl::Buffer::create();
  apronIndices_.setData(idx.data(), idx.size() * sizeof(std::uint32_t));
  apronIndexCount_ = static_cast<GLsizei>(idx.size());
}

glm::dvec3 TerrainPass::boundsMin(double exaggeration) const {
  const double zmin = std::min(0.0, double(world_.heights.minHeight()) - 200.0) * exaggeration;
  return {dataCentre_.x - apronRadius_, dataCentre_.y - apronRadius_, zmin};
}

glm::dvec3 TerrainPass::boundsMax(double exaggeration) const {
  const double zmax = std::max(0.0, double(world_.heights.maxHeight())) * exaggeration;
  return {dataCentre_.x + apronRadius_, dataCentre_.y + apronRadius_, zmax};
}

const gl::Program& TerrainPass::shadeProgram(int layerCount) {
  gl::Program& p = shadePrograms_[layerCount];
  if (!p) {
    std::string frag = gl::shaderSource("terrain_shade.frag");
    frag.insert(frag.find('\n') + 1, fmt::format("#define LAYER_COUNT {}\n", layerCount));
    const gl::Shader vs = gl::Shader::fromEmbedded("terrain_shade.vert");
    const gl::Shader fs = gl::Shader::compile(GL_FRAGMENT_SHADER, frag, fmt::format("terrain_shade.frag ({} layers)", layerCount));
    p = gl::Program::link({&vs, &fs}, "terrain shading");
  }
  return p;
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

void TerrainPass::draw(const FrameContext& ctx, const std::vector<terrain::TileKey>& tiles) {
  gl::GlStateGuard guard;
  GLint target = 0;
  glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &target);
  ensureDepthTarget(ctx.tileWidth, ctx.tileHeight);
  depthFbo_.bind(GL_DRAW_FRAMEBUFFER);
  drawDepth(ctx, tiles);
  glBindFramebuffer(GL_DRAW_FRAMEBUFFER, static_cast<GLuint>(target));
  shade(ctx);
}

void TerrainPass::drawDepth(const FrameContext& ctx, const std::vector<terrain::TileKey>& tiles) {
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
  if (apronIndexCount_ > 0) {
    vao_.setVertexBuffer(0, apronVertices_, 0, 3 * sizeof(float));
    vao_.setIndexBuffer(apronIndices_);
    glDrawElements(GL_TRIANGLES, apronIndexCount_, GL_UNSIGNED_INT, nullptr);
    vao_.setIndexBuffer(cache_->indices());
  }
  glClipControl(static_cast<GLenum>(clipOrigin), static_cast<GLenum>(clipDepth));
}

void TerrainPass::shade(const FrameContext& ctx) {
  const FrameSettings& s = ctx.settings;
  // Layers in the frame's order; invisible, transparent or unloadable ones are left out of the shader.
  constexpr int kMax = TerrainTextures::kMaxLayers;
  const auto& layers = textures_->imagery();
  std::vector<ShownLayer> shown;
  for (const ShownLayer& l : shownImagery(s, world_, kMax))
    if (l.index < layers.size() && layers[l.index].texture) shown.push_back(l);
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

  constexpr GLuint kDepthUnit = 0, kGradientUnit = 1, kFirstImageryUnit = 2;
  depthTexture_.bind(kDepthUnit);
  p.set("uDepth", static_cast<int>(kDepthUnit));
  if (textures_->gradient()) textures_->gradient().bind(kGradientUnit);
  p.set("uGradient", static_cast<int>(kGradientUnit));
  p.set("uGradientXf", textures_->gradientUv().xf);
  p.set("uGradientRange", textures_->gradient() ? TerrainTextures::kGradientRange : 0.0f);
  p.set("uGradientLodBias", -std::log2(textures_->gradientTexelMetres()));

  int units[kMax] = {};
  glm::vec4 xf[kMax] = {};
  float opacity[kMax] = {}, lodBias[kMax] = {}, maxApronLod[kMax] = {};
  for (int k = 0; k < kMax; ++k) units[k] = static_cast<int>(kFirstImageryUnit) + k;
  for (std::size_t k = 0; k < shown.size(); ++k) {
    const ImageryTexture& layer = layers[shown[k].index];
    layer.texture.bind(static_cast<GLuint>(units[k]));
    xf[k] = layer.uv.xf;
    opacity[k] = shown[k].opacity;
    lodBias[k] = -std::log2(layer.texelMetres);
    // Far out on the apron a few texels across the whole raster stand in for it.
    maxApronLod[k] = static_cast<float>(std::max(0, layer.levels - 3));
  }
  p.setArray("uImagery[0]", units, kMax);
  p.setArray("uImageryXf[0]", xf, kMax);
  p.setArray("uImageryOpacity[0]", opacity, kMax);
  p.setArray("uImageryLodBias[0]", lodBias, kMax);
  p.setArray("uImageryMaxApronLod[0]", maxApronLod, kMax);

  emptyVao_.bind();
  glDrawArrays(GL_TRIANGLES, 0, 3);
}

}  // namespace tb::render
