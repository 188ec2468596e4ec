// Shared by the overlay gpu tests: a small in-memory World (a gentle slope, a pin, an area with an
// uncertain end, a direction note), an offscreen target, and the FrameContext for a whole image or
// one tile of it, built with the same camera maths the renderer uses.
#pragma once
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "core/Camera.h"
#include "core/Image.h"
#include "core/PngFile.h"
#include "GpuTestSupport.h"
#include "geo/Crs.h"
#include "render/FrameContext.h"
#include "render/gl/Framebuffer.h"
#include "world/World.h"

namespace tb::overlaytest {

// 2 km x 2 km at 10 m, rising gently to the west (0..100 m), centred on the local origin.
inline world::World makeWorld(bool synthetic) {
  world::World w;
  const int n = 201;
  std::vector<float> h(static_cast<std::size_t>(n) * n);
  for (int r = 0; r < n; ++r)
    for (int c = 0; c < n; ++c) h[static_cast<std::size_t>(r) * n + c] = 100.0f * (1.0f - c / float(n - 1));
  w.heights = terrain::HeightField(n, n, 10.0, {-1000.0, 1000.0}, std::move(h));
  w.demSynthetic = synthetic;
  w.scene.crs = "EPSG:32652";
  w.projection = std::make_shared<geo::GeoProjection>("EPSG:32652");
  w.originProjected = w.projection->toProjected(129.6, 41.5);
  w.scene.name = "overlay test";
  w.scene.categories["historic"] = {"Historic site", {0.85f, 0.33f, 0.31f, 1.0f}};
  w.scene.categories["military"] = {"Military", {0.2f, 0.45f, 0.9f, 1.0f}};

  scene::Site castle;
  castle.id = "castle";
  castle.name = "Test Castle";
  castle.category = "historic";
  castle.honesty = scene::Honesty::Given;
  castle.precisionM = 60;
  castle.kind = geo::GeometryKind::Point;
  scene::Site coast;
  coast.id = "coast";
  coast.name = "Defended coast";
  coast.category = "military";
  coast.honesty = scene::Honesty::Area;
  coast.kind = geo::GeometryKind::Line;
  coast.uncertainEnd = "start";
  scene::Site airbase;
  airbase.id = "airbase";
  airbase.name = "Far Airbase";
  airbase.category = "military";
  airbase.honesty = scene::Honesty::Note;
  airbase.directionDeg = 180;
  airbase.distanceKm = 17;
  airbase.directionFrom = "Testtown";
  w.scene.sites = {castle, coast, airbase};

  world::PlacedSite p0, p1, p2;
  p0.site = &w.scene.sites[0];
  p0.anchor = glm::dvec3(0.0, 0.0, w.heights.sample({0.0, 0.0}));
  p1.site = &w.scene.sites[1];
  p1.outline = {{{500.0, -800.0}, {550.0, -200.0}, {600.0, 300.0}, {520.0, 800.0}}};
  p2.site = &w.scene.sites[2];
  w.sites = {p0, p1, p2};

  world::OverlayLines river;
  river.spec.name = "River";
  river.spec.color = {0.4f, 0.75f, 1.0f, 1.0f};
  river.spec.widthPx = 2.0f;
  river.lines = {{{-900.0, -300.0}, {-300.0, -100.0}, {200.0, -400.0}, {900.0, -350.0}}};
  w.overlays = {river};
  return w;
}

// Owns the matrices a FrameContext refers to.
struct Frame {
  std::unique_ptr<render::FrameSettings> settingsOwner = std::make_unique<render::FrameSettings>();
  render::FrameSettings& settings = *settingsOwner;
  std::unique_ptr<render::FrameContext> ctx;
};

inline Frame makeFrame(const world::World& world, int fullW, int fullH, float uiScale, int tileX = 0, int tileY = 0,
                       int tileW = 0, int tileH = 0) {
  Frame f;
  f.settings.width = fullW;
  f.settings.height = fullH;
  f.settings.exaggeration = 1.5;
  f.settings.uiScale = uiScale;
  f.settings.camera = lookAtPose({0.0, 0.0, 75.0}, 3000.0, 20.0, -50.0);
  if (tileW == 0) tileW = fullW, tileH = fullH;
  const double nearZ = 10.0, farZ = 50000.0;
  const glm::dmat4 view = f.settings.camera.viewMatrix();
  const glm::dmat4 proj = perspectiveTileMatrix(f.settings.camera.fovYDeg, fullW, fullH, nearZ, farZ, tileX, tileY,
                                                tileX + tileW, tileY + tileH);
  f.ctx.reset(new render::FrameContext{world, f.settings, view, proj, proj * view, nearZ, farZ, fullW, fullH,
                                       tileX, tileY, tileW, tileH, uiScale});
  return f;
}

// An RGBA8 + depth offscreen target, bound for drawing with its viewport set.
struct Target {
  render::gl::Renderbuffer color, depth;
  render::gl::Framebuffer fbo;
  int width, height;
  Target(int w, int h) : width(w), height(h) {
    color = render::gl::Renderbuffer::create(GL_RGBA8, w, h);
    depth = render::gl::Renderbuffer::create(GL_DEPTH_COMPONENT24, w, h);
    fbo = render::gl::Framebuffer::create();
    fbo.attach(GL_COLOR_ATTACHMENT0, color);
    fbo.attach(GL_DEPTH_ATTACHMENT, depth);
    fbo.requireComplete("overlay test target");
    fbo.bind();
    glViewport(0, 0, w, h);
  }
  void clear(glm::vec4 c = {0.35f, 0.45f, 0.35f, 1.0f}) {
    glClearColor(c.r, c.g, c.b, c.a);
    glClearDepth(1.0);
    glDepthMask(GL_TRUE);
    glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);
  }
  ImageRGBA read() const {
    ImageRGBA img(width, height);
    glBindFramebuffer(GL_READ_FRAMEBUFFER, fbo.id());
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    std::vector<std::uint8_t> rows(img.pixels.size());
    glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, rows.data());
    const std::size_t stride = static_cast<std::size_t>(width) * 4;
    for (int y = 0; y < height; ++y)
      std::copy_n(rows.data() + (height - 1 - y) * stride, stride, img.pixels.data() + y * stride);
    return img;
  }
};

inline std::string outputPath(const std::string& name) { return test::testOutputPath(name); }

}  // namespace tb::overlaytest
