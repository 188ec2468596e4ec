// One frame of a World: terrain, sea, fog and sky (TerrainPass: a depth pass, then every pixel
// shaded once), then the overlay passes; and offscreen rendering of any size, tiled where GL limits require.
#include "render/SceneRenderer.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <optional>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "core/Error.h"
#include "render/FrameContext.h"
#include "render/TerrainPass.h"
#include "render/gl/Framebuffer.h"
#include "render/gl/GlStateGuard.h"
#include "world/TerrainStream.h"

#include "render/HudPass.h"
#include "render/RenderPass.h"
#include "render/TextRenderer.h"
#include "render/gl/ProgramCache.h"

namespace tb::render {

namespace {
constexpr int kMaxImageSide = 16384;
constexpr int kDefaultMaxTile = 4096;  // bounds the offscreen buffers' memory (64 MB colour)

struct TileRect {
  int x = 0, y = 0, w = 0, h = 0;  // pixels, y down from the image top
};
}  // namespace

FrameSettings FrameSettings::fromScene(const world::World& world) {
  FrameSettings s;
  const scene::RenderDefaults& r = world.scene.render;
  s.exaggeration = r.exaggeration;
  s.tauPixels = r.tauPixels;
  s.sunAzimuthDeg = r.sunAzimuthDeg;
  s.sunElevationDeg = r.sunElevationDeg;
  s.fog = r.fog;
  s.labels = r.labels;
  s.camera = world.overviewPose(s.exaggeration);
  for (const auto& layer : world.imagery) s.imagery.push_back({layer.spec.visible, layer.spec.opacity});
  for (const auto& o : world.overlays) s.overlays.push_back(o.spec.visible ? 1 : 0);
  return s;
}

std::vector<ShownLayer> shownImagery(const FrameSettings& s, const world::World& world, std::size_t maxLayers) {
  const std::size_t n = world.imagery.size();
  // The order must be a permutation of 0..n-1; anything else (stale, partial) falls back to scene order.
  std::vector<std::size_t> order = s.imageryOrder;
  std::vector<bool> seen(n, false);
  bool valid = order.size() == n;
  for (std::size_t i : order) {
    if (!valid || i >= n || seen[i]) { valid = false; break; }
    seen[i] = true;
  }
  if (!valid) {
    order.resize(n);
    for (std::size_t i = 0; i < n; ++i) order[i] = i;
  }
  std::vector<ShownLayer> shown;
  for (std::size_t i : order) {
    const LayerState state =
        i < s.imagery.size() ? s.imagery[i] : LayerState{world.imagery[i].spec.visible, world.imagery[i].spec.opacity};
    if (state.visible && state.opacity > 0.0f) shown.push_back({i, std::min(state.opacity, 1.0f)});
  }
  if (shown.size() > maxLayers) shown.erase(shown.begin(), shown.end() - static_cast<std::ptrdiff_t>(maxLayers));
  return shown;
}

struct SceneRenderer::Impl {
  const world::World& world;
  gl::ProgramCache programs;
  TextRenderer text{programs};
  PassResources resources{world, programs, text};
  std::vector<std::unique_ptr<RenderPass>> passes = makePasses(resources);
  TerrainPass& terrain = findPass<TerrainPass>();
  HudPass* hud = findPassOrNull<HudPass>();
  gl::Framebuffer fbo;
  gl::Renderbuffer colorRb, depthRb;
  int fboWidth = 0, fboHeight = 0;

  explicit Impl(const world::World& w) : world(w) {}

  template <typename P>
  P* findPassOrNull() {
    for (auto& pass : passes)
      if (auto* p = dynamic_cast<P*>(pass.get())) return p;
    return nullptr;
  }
  template <typename P>
  P& findPass() {
    if (P* p = findPassOrNull<P>()) return *p;
    throw internalError("render", "the pass list has no terrain pass");
  }

  struct Plan {
    glm::dmat4 view;
    double nearZ = 1, farZ = 1e6;
    std::vector<terrain::TileKey> tiles;
    StreamedSelection streamed;
  };

  // Depth range from the eye's height above the ground and the scene's extent: a near plane as
  // far out as safely possible keeps 24-bit depth precise over 100+ km views.
  // forSettling: an unsettled streamed plan comes without draws (settledPlan only keeps the settled one).
  Plan plan(const FrameSettings& s, bool forSettling = false) {
    Plan p;
    const CameraPose& cam = s.camera;
    p.view = cam.viewMatrix();
    const terrain::HeightField& field = world.heights;
    std::optional<double> resident;
    if (world.stream) resident = world.stream->residentHeight(glm::dvec2(cam.eye));
    const double ground =
        resident ? std::max(*resident, 0.0) * s.exaggeration
                 : field.width() > 0 ? std::max(field.sample(glm::dvec2(cam.eye)), 0.0) * s.exaggeration : 0.0;
    const double above = cam.eye.z - ground;
    const glm::dvec3 lo = terrain.boundsMin(s.exaggeration), hi = terrain.boundsMax(s.exaggeration);
    double farthest = 0;
    for (int i = 0; i < 8; ++i) {
      const glm::dvec3 corner((i & 1) ? hi.x : lo.x, (i & 2) ? hi.y : lo.y, (i & 4) ? hi.z : lo.z);
      farthest = std::max(farthest, glm::length(corner - cam.eye));
    }
    p.nearZ = std::clamp(above * 0.3, 1.0, 20000.0);
    p.farZ = std::max(farthest * 1.05, p.nearZ * 10.0);
    terrain::LodView lv;
    lv.camera = cam;
    lv.viewportWidth = s.width;
    lv.viewportHeight = s.height;
    lv.exaggeration = s.exaggeration;
    lv.tauPixels = s.tauPixels;
    lv.nearZ = p.nearZ;
    lv.farZ = p.farZ;
    if (terrain.streamed())
      p.streamed = terrain.selectStreamed(lv, s.tileUploadMs, forSettling);
    else if (field.width() > 1 && field.height() > 1)
      p.tiles = terrain.lod().select(lv);
    return p;
  }

  // Draws one tile (or the whole image) into the bound framebuffer at viewport (0,0,w,h).
  void drawTile(const Plan& p, const FrameSettings& s, const TileRect& t) {
    FrameContext ctx{world, s};
    ctx.view = p.view;
    ctx.proj = perspectiveTileMatrix(s.camera.fovYDeg, s.width, s.height, p.nearZ, p.farZ, t.x, t.y, t.x + t.w,
                                     t.y + t.h);
    ctx.viewProj = ctx.proj * ctx.view;
    ctx.nearZ = p.nearZ;
    ctx.farZ = p.farZ;
    ctx.fullWidth = s.width;
    ctx.fullHeight = s.height;
    ctx.tileX = t.x;
    ctx.tileY = t.y;
    ctx.tileWidth = t.w;
    ctx.tileHeight = t.h;
    // Labels stay legible at any output size: sizes are designed for 1080p and scale up.
    ctx.uiScale = s.uiScale > 0 ? s.uiScale : std::max(1.0f, std::min(s.width, s.height) / 1080.0f);

    gl::GlStateGuard guard;
    glViewport(0, 0, t.w, t.h);
    glDisable(GL_SCISSOR_TEST);
    glColorMask(GL_TRUE, GL_TRUE, GL_TRUE, GL_TRUE);
    glDepthMask(GL_TRUE);
    // No clear: the terrain pass writes every pixel's colour and depth (sky at depth 1).
    // TB_LOG=trace times each pass (with a glFinish after each, so only for diagnosis).
    const bool trace = spdlog::should_log(spdlog::level::trace);
    auto t0 = std::chrono::steady_clock::now();
    const auto lap = [&](const char* what) {
      if (!trace) return;
      glFinish();
      const auto now = std::chrono::steady_clock::now();
      spdlog::trace("render: {} in {:.1f} ms", what, std::chrono::duration<double, std::milli>(now - t0).count());
      t0 = now;
    };
    ctx.tiles = &p.tiles;
    ctx.streamedDraws = &p.streamed.draws;
    for (auto& pass : passes) {
      pass->draw(ctx);
      lap(pass->name());
    }
  }

  void prepare(const FrameSettings& s) {
    for (auto& pass : passes) pass->prepare(s);
  }

  FrameStats stats(const Plan& p) const {
    FrameStats st;
    if (terrain.streamed()) {
      st.tiles = static_cast<int>(p.streamed.draws.size());
      st.triangles = static_cast<long long>(st.tiles) * terrain.trianglesPerTile();
      st.settled = p.streamed.settled;
      return st;
    }
    st.tiles = static_cast<int>(p.tiles.size());
    st.triangles = static_cast<long long>(p.tiles.size()) * terrain.trianglesPerTile();
    st.settled = true;  // meshes are built synchronously: every tile is at its target level
    return st;
  }

  // The plan once every tile it wants has arrived (streamed terrain), within a bounded wait.
  Plan settledPlan(const FrameSettings& s) {
    Plan p = plan(s, true);
    if (!world.stream) return p;
    double limit = 120.0;
    if (const char* v = std::getenv("TERRABRIEF_SETTLE_SECONDS"); v && *v) limit = std::max(0.1, std::atof(v));
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(limit);
    while (!p.streamed.settled) {
      if (auto failure = world.stream->failure()) throw *failure;
      if (std::chrono::steady_clock::now() > deadline)
        throw Error(world.stream->sources().demName(),
                    fmt::format("terrain tiles did not arrive within {:g} s (TERRABRIEF_SETTLE_SECONDS)", limit));
      if (world.stream->busy()) world.stream->waitForProgress(std::chrono::milliseconds(200));
      p = plan(s, true);
    }
    spdlog::debug("streamed terrain settled: {} nodes read, {} drawn in {} chunks, {:.0f} MB in RAM",
                  world.stream->reads(), p.streamed.nodes, p.streamed.draws.size(), world.stream->ramBytes() / 1048576.0);
    return p;
  }

  void ensureFramebuffer(int w, int h) {
    if (fbo && fboWidth == w && fboHeight == h) return;
    fbo = gl::Framebuffer::create();
    colorRb = gl::Renderbuffer::create(GL_RGBA8, w, h);
    depthRb = gl::Renderbuffer::create(GL_DEPTH_COMPONENT24, w, h);
    fbo.attach(GL_COLOR_ATTACHMENT0, colorRb);
    fbo.attach(GL_DEPTH_ATTACHMENT, depthRb);
    fbo.requireComplete(fmt::format("offscreen {}x{} framebuffer", w, h));
    fboWidth = w;
    fboHeight = h;
  }
};

SceneRenderer::SceneRenderer(const world::World& world) {
  const auto t0 = std::chrono::steady_clock::now();
  impl_ = std::make_unique<Impl>(world);
  spdlog::debug("render setup: renderer ready (terrain and overlay passes) in {:.0f} ms",
                std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
}
SceneRenderer::~SceneRenderer() = default;

FrameStats SceneRenderer::draw(const FrameSettings& settings) {
  if (settings.width < 1 || settings.height < 1)
    throw internalError("render", fmt::format("draw() needs a positive size, got {}x{}", settings.width,
                                              settings.height));
  const Impl::Plan p = impl_->plan(settings);
  impl_->prepare(settings);
  impl_->drawTile(p, settings, {0, 0, settings.width, settings.height});
  stats_ = impl_->stats(p);
  if (impl_->hud)
    if (const auto& arrow = impl_->hud->lastNorthArrow()) {
      stats_.northArrow = true;
      stats_.northArrowMin = arrow->min;
      stats_.northArrowMax = arrow->max;
    }
  return stats_;
}

void SceneRenderer::settle(const FrameSettings& settings) { impl_->settledPlan(settings); }

ImageRGBA SceneRenderer::renderImage(const FrameSettings& settings, int maxTileSize) {
  const int w = settings.width, h = settings.height;
  if (w < 1 || h < 1 || w > kMaxImageSide || h > kMaxImageSide)
    throw Error("--size", fmt::format("{}x{} cannot be rendered: each side must be 1..{} pixels", w, h, kMaxImageSide));

  GLint maxRenderbuffer = 0, maxViewport[2] = {0, 0};
  glGetIntegerv(GL_MAX_RENDERBUFFER_SIZE, &maxRenderbuffer);
  glGetIntegerv(GL_MAX_VIEWPORT_DIMS, maxViewport);
  int tileMax = std::min({static_cast<int>(maxRenderbuffer), static_cast<int>(maxViewport[0]),
                          static_cast<int>(maxViewport[1]), kDefaultMaxTile});
  if (maxTileSize > 0) tileMax = std::min(tileMax, maxTileSize);
  if (tileMax < 1) throw internalError("render", "the GL context reports no usable renderbuffer size");

  const int tileW = std::min(w, tileMax), tileH = std::min(h, tileMax);
  ImageRGBA image;
  try {
    image = ImageRGBA(w, h);
  } catch (const std::bad_alloc&) {
    throw Error("--size", fmt::format("{}x{} needs more memory than is available", w, h));
  }

  gl::GlStateGuard guard;
  impl_->ensureFramebuffer(tileW, tileH);
  impl_->fbo.bind();
  const Impl::Plan p = impl_->settledPlan(settings);  // LOD chosen once for the whole image
  impl_->prepare(settings);
  // A one-tile image is read straight into place and flipped there (one 1080p buffer less to
  // fault in); tiles go through a tile-sized buffer.
  const bool oneTile = tileW == w && tileH == h;
  std::vector<std::uint8_t> tilePixels(oneTile ? 0 : static_cast<std::size_t>(tileW) * tileH * 4);
  GLint packAlignment = 4;
  glGetIntegerv(GL_PACK_ALIGNMENT, &packAlignment);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  for (int y0 = 0; y0 < h; y0 += tileH) {
    for (int x0 = 0; x0 < w; x0 += tileW) {
      const TileRect t{x0, y0, std::min(tileW, w - x0), std::min(tileH, h - y0)};
      impl_->drawTile(p, settings, t);
      glReadBuffer(GL_COLOR_ATTACHMENT0);
      // GL rows run bottom-up; the image's run top-down. The frame is opaque.
      if (oneTile) {
        glReadPixels(0, 0, w, h, GL_RGBA, GL_UNSIGNED_BYTE, image.pixels.data());
        std::vector<std::uint8_t> row(static_cast<std::size_t>(w) * 4);
        for (int r = 0; r < h / 2; ++r) {
          std::uint8_t* a = image.at(0, r);
          std::uint8_t* b = image.at(0, h - 1 - r);
          std::memcpy(row.data(), a, row.size());
          std::memcpy(a, b, row.size());
          std::memcpy(b, row.data(), row.size());
        }
        for (std::size_t i = 3; i < image.pixels.size(); i += 4) image.pixels[i] = 255;
        continue;
      }
      glReadPixels(0, 0, t.w, t.h, GL_RGBA, GL_UNSIGNED_BYTE, tilePixels.data());
      for (int r = 0; r < t.h; ++r) {
        const std::uint8_t* src = tilePixels.data() + static_cast<std::size_t>(t.h - 1 - r) * t.w * 4;
        std::uint8_t* dst = image.at(t.x, t.y + r);
        std::memcpy(dst, src, static_cast<std::size_t>(t.w) * 4);
        for (int i = 0; i < t.w; ++i) dst[i * 4 + 3] = 255;
      }
    }
  }
  glPixelStorei(GL_PACK_ALIGNMENT, packAlignment);
  stats_ = impl_->stats(p);
  return image;
}

}  // namespace tb::render
