// Terrain tiles + apron drawing.
#include "render/TerrainPass.h"

#include <algorithm>
#include <cmath>

#include "render/Atmosphere.h"
#include "render/gl/GlStateGuard.h"

namespace tb::render {

namespace {
// Enough for the tiles of several consecutive views (a 1080p frame selects a few hundred).
constexpr std::size_t kCacheTiles = 1536;
// The apron spans this many data extents from the centre: far enough to meet the horizon haze.
constexpr double kApronExtents = 5.0;
}  // namespace

TerrainPass::TerrainPass(const world::World& world)
    : world_(world), lod_(world.heights, 64), cache_(lod_, kCacheTiles), textures_(world) {
  program_ = gl::Program::fromEmbedded({"terrain.vert", "terrain.frag"});
  vao_ = gl::VertexArray::create();
  vao_.setAttribute(0, 0, 3, GL_FLOAT, 0);
  vao_.setIndexBuffer(cache_.indices());
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
  const float skirt = lod_.skirtDepth({lod_.levelCount() - 1, 0, 0}) + 0.02f * (f.maxHeight() - f.minHeight());

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

void TerrainPass::draw(const FrameContext& ctx, const std::vector<terrain::TileKey>& tiles) {
  gl::GlStateGuard guard;
  const FrameSettings& s = ctx.settings;
  glEnable(GL_DEPTH_TEST);
  glDepthFunc(GL_LESS);
  glDepthMask(GL_TRUE);
  glDisable(GL_BLEND);
  glDisable(GL_CULL_FACE);  // skirts are seen from both sides

  program_.use();
  program_.set("uViewProj", glm::mat4(ctx.viewProj));
  program_.set("uExaggeration", static_cast<float>(s.exaggeration));
  setAtmosphereUniforms(program_, ctx);
  program_.set("uBaseColor", glm::vec3(0.55f, 0.55f, 0.50f));

  constexpr GLuint kGradientUnit = 0, kFirstImageryUnit = 1;
  if (textures_.gradient()) textures_.gradient().bind(kGradientUnit);
  program_.set("uGradient", static_cast<int>(kGradientUnit));
  program_.set("uGradientXf", textures_.gradientUv().xf);

  // Layers in scene order; invisible, transparent or unloadable ones are skipped entirely so
  // the fragment shader fetches only what shows.
  int units[TerrainTextures::kMaxLayers] = {};
  glm::vec4 xf[TerrainTextures::kMaxLayers] = {};
  float opacity[TerrainTextures::kMaxLayers] = {};
  int count = 0;
  const auto& layers = textures_.imagery();
  for (std::size_t i = 0; i < layers.size() && i < world_.imagery.size(); ++i) {
    const LayerState state = i < s.imagery.size()
                                 ? s.imagery[i]
                                 : LayerState{world_.imagery[i].spec.visible, world_.imagery[i].spec.opacity};
    if (!state.visible || state.opacity <= 0.0f || !layers[i].texture) continue;
    units[count] = static_cast<int>(kFirstImageryUnit) + count;
    layers[i].texture.bind(static_cast<GLuint>(units[count]));
    xf[count] = layers[i].uv.xf;
    opacity[count] = std::clamp(state.opacity, 0.0f, 1.0f);
    ++count;
  }
  for (int i = count; i < TerrainTextures::kMaxLayers; ++i) units[i] = static_cast<int>(kFirstImageryUnit) + i;
  program_.set("uLayerCount", count);
  program_.setArray("uImagery[0]", units, TerrainTextures::kMaxLayers);
  program_.setArray("uImageryXf[0]", xf, TerrainTextures::kMaxLayers);
  program_.setArray("uImageryOpacity[0]", opacity, TerrainTextures::kMaxLayers);

  program_.set("uApron", 0);
  vao_.bind();
  vao_.setIndexBuffer(cache_.indices());
  for (const terrain::TileKey& key : tiles) {
    const gl::Buffer& vb = cache_.get(key);
    vao_.setVertexBuffer(0, vb, 0, 3 * sizeof(float));
    glDrawElements(GL_TRIANGLES, cache_.indexCount(), GL_UNSIGNED_INT, nullptr);
  }
  if (apronIndexCount_ > 0) {
    vao_.setVertexBuffer(0, apronVertices_, 0, 3 * sizeof(float));
    vao_.setIndexBuffer(apronIndices_);
    program_.set("uApron", 1);
    glDrawElements(GL_TRIANGLES, apronIndexCount_, GL_UNSIGNED_INT, nullptr);
    vao_.setIndexBuffer(cache_.indices());
  }
}

}  // namespace tb::render
