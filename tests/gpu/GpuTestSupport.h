// Shared helpers for the gpu tests (tb_gpu_tests): one headless GL context per process (tests
// skip with the reason when none can be made, never pass silently), small Worlds built in code,
// image comparison, and where tests write their scratch files.
#pragma once
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include <glm/glm.hpp>
#include <gtest/gtest.h>

#include "core/Error.h"
#include "core/Image.h"
#include "geo/Crs.h"
#include "platform/egl/HeadlessContext.h"
#include "render/SceneRenderer.h"
#include "world/World.h"

namespace tb::test {

// [SECTION] Context

struct GpuContextState {
  std::unique_ptr<platform::HeadlessContext> context;
  std::string error;
};

inline GpuContextState& gpuContextState() {
  static GpuContextState state = [] {
    GpuContextState s;
    try {
      s.context = platform::HeadlessContext::create();
    } catch (const std::exception& e) {
      s.error = e.what();
    }
    return s;
  }();
  return state;
}

// The process's context, current; nullptr when none can be made (see gpuContextError()).
inline platform::HeadlessContext* gpuContext() {
  GpuContextState& s = gpuContextState();
  if (s.context) s.context->makeCurrent();
  return s.context.get();
}
inline const std::string& gpuContextError() { return gpuContextState().error; }

#define TB_REQUIRE_GPU()                                                                          \
  do {                                                                                            \
    if (!::tb::test::gpuContext())                                                                \
      GTEST_SKIP() << "no headless OpenGL 4.5 context: " << ::tb::test::gpuContextError();        \
  } while (0)

// [SECTION] Scratch files

inline std::string testOutputPath(const std::string& name) {
  const std::filesystem::path dir = std::filesystem::path(TB_TEST_OUTPUT_DIR) / "gpu";
  std::filesystem::create_directories(dir);
  return (dir / name).string();
}

// [SECTION] Worlds built in code

struct ConeWorldOptions {
  int samples = 257;           // per side
  double cellSize = 30.0;      // metres
  double peak = 1000.0;        // summit height, metres
  double radius = 3000.0;      // cone base radius, metres
  double base = 50.0;          // ground height away from the cone
  double seaBeyondX = 1e30;    // east of this x the ground drops to -60 m (sea)
  glm::u8vec4 ground{70, 140, 70, 255};
  glm::u8vec4 sea{40, 80, 130, 255};      // imagery over ground below sea level
  glm::u8vec4 summit{230, 20, 20, 255};  // painted within summitPaintRadius of the summit
  double summitPaintRadius = 300.0;
};

// A square DEM centred on local (0,0) with a cone whose summit is at (0,0,peak), one imagery
// layer on the same grid, EPSG:32652 with the origin near 41.5N 129.6E, default render settings.
// The 3D frame alone at w x h (no scale bar, north arrow or labels), exaggeration 1.5, looking at
// `target` from `range` metres; each test adds what it checks.
inline render::FrameSettings bareFrame(int w, int h, glm::dvec3 target, double range, double heading, double pitch) {
  render::FrameSettings s;
  s.width = w;
  s.height = h;
  s.exaggeration = 1.5;
  s.decorations = false;
  s.labels = false;
  s.camera = lookAtPose(target, range, heading, pitch);
  return s;
}

inline world::World makeConeWorld(const ConeWorldOptions& o = {}) {
  world::World w;
  w.scene.name = "cone test";
  w.scene.crs = "EPSG:32652";
  w.projection = std::make_shared<geo::GeoProjection>("EPSG:32652");
  w.originProjected = w.projection->toProjected(129.6, 41.5);
  const int n = o.samples;
  const double half = (n - 1) * 0.5 * o.cellSize;
  const glm::dvec2 nw(-half, half);  // centre of the north-west sample
  std::vector<float> h(static_cast<std::size_t>(n) * n);
  for (int r = 0; r < n; ++r)
    for (int c = 0; c < n; ++c) {
      const double x = nw.x + c * o.cellSize, y = nw.y - r * o.cellSize;
      const double d = std::hypot(x, y);
      double z = std::max(o.base, o.peak * (1.0 - d / o.radius));
      if (x > o.seaBeyondX) z = std::max(-60.0, std::min(z, o.base - (x - o.seaBeyondX) * 0.2));
      h[static_cast<std::size_t>(r) * n + c] = static_cast<float>(z);
    }
  w.heights = terrain::HeightField(n, n, o.cellSize, nw, std::move(h));
  w.demGrid.crs = "EPSG:32652";
  w.demGrid.originX = w.originProjected.x + nw.x - 0.5 * o.cellSize;
  w.demGrid.originY = w.originProjected.y + nw.y + 0.5 * o.cellSize;
  w.demGrid.cellSize = o.cellSize;
  w.demGrid.width = w.demGrid.height = n;

  world::ImageryLayer layer;
  layer.spec.name = "test colours";
  layer.cellSize = o.cellSize;
  layer.originNW = nw - glm::dvec2(0.5 * o.cellSize, -0.5 * o.cellSize);  // cell edge
  layer.raster.grid = w.demGrid;
  layer.raster.rgba = SampleBuffer<std::uint8_t>::uninitialised(static_cast<std::size_t>(n) * n * 4);
  std::uint8_t* rgba = layer.raster.rgba.mutableData();
  for (int r = 0; r < n; ++r)
    for (int c = 0; c < n; ++c) {
      const double x = nw.x + c * o.cellSize, y = nw.y - r * o.cellSize;
      glm::u8vec4 col = std::hypot(x, y) <= o.summitPaintRadius ? o.summit : o.ground;
      if (w.heights.at(c, r) < 0.0f) col = o.sea;
      std::uint8_t* p = &rgba[(static_cast<std::size_t>(r) * n + c) * 4];
      p[0] = col.r, p[1] = col.g, p[2] = col.b, p[3] = col.a;
    }
  scene::ImageryLayerSpec spec = layer.spec;
  w.scene.imagery.push_back(spec);
  w.imagery.push_back(std::move(layer));
  return w;
}

// [SECTION] Image comparison

struct ImageDiff {
  int maxChannelDiff = 0;
  double fractionWithin = 0;  // pixels whose every channel differs by <= tolerance
  double meanAbsDiff = 0;     // over all channels
  ImageRGBA diff;             // |a - b| scaled x4 for visibility, alpha opaque
};

inline ImageDiff diffImages(const ImageRGBA& a, const ImageRGBA& b, int tolerance) {
  ImageDiff d;
  if (a.width != b.width || a.height != b.height) {
    d.maxChannelDiff = 255;
    return d;
  }
  d.diff = ImageRGBA(a.width, a.height);
  std::size_t within = 0;
  double sum = 0;
  const std::size_t pixels = static_cast<std::size_t>(a.width) * a.height;
  for (std::size_t i = 0; i < pixels; ++i) {
    int worst = 0;
    for (int ch = 0; ch < 4; ++ch) {
      const int delta = std::abs(int(a.pixels[i * 4 + ch]) - int(b.pixels[i * 4 + ch]));
      worst = std::max(worst, delta);
      sum += delta;
      d.diff.pixels[i * 4 + ch] = ch == 3 ? 255 : static_cast<std::uint8_t>(std::min(255, delta * 4));
    }
    d.maxChannelDiff = std::max(d.maxChannelDiff, worst);
    if (worst <= tolerance) ++within;
  }
  d.fractionWithin = pixels ? double(within) / double(pixels) : 1.0;
  d.meanAbsDiff = pixels ? sum / double(pixels * 4) : 0.0;
  return d;
}

}  // namespace tb::test
