// Imagery drawing order (FrameSettings::imageryOrder, set by the viewer's Layers panel): of two
// opaque layers the one drawn last covers the other, and swapping the order swaps which shows.
#include <gtest/gtest.h>

#include "GpuTestSupport.h"
#include "core/PngFile.h"
#include "render/SceneRenderer.h"

namespace tb::render {
namespace {

// The cone world with its one layer painted solid red and a second, solid blue layer on the
// same grid: whichever is on top fills the whole ground.
world::World twoLayerWorld() {
  test::ConeWorldOptions opt;
  opt.ground = opt.summit = opt.sea = {200, 30, 30, 255};
  world::World w = test::makeConeWorld(opt);
  w.imagery[0].spec.name = "red";
  world::ImageryLayer blue = w.imagery[0];
  blue.spec.name = "blue";
  std::uint8_t* rgba = blue.raster.rgba.mutableData();
  for (std::size_t p = 0; p < blue.raster.rgba.size(); p += 4) {
    rgba[p] = 30;
    rgba[p + 1] = 30;
    rgba[p + 2] = 200;
  }
  w.scene.imagery = {w.imagery[0].spec, blue.spec};
  w.imagery.push_back(std::move(blue));
  return w;
}

struct GroundColours {
  int red = 0, blue = 0, pixels = 0;
};

// Counts clearly red and clearly blue pixels in the bottom third of the frame (ground only: the
// camera looks steeply down at the cone, far inside the raster).
GroundColours groundColours(const ImageRGBA& image) {
  GroundColours c;
  for (int y = image.height * 2 / 3; y < image.height; ++y)
    for (int x = 0; x < image.width; ++x) {
      const std::uint8_t* p = image.at(x, y);
      ++c.pixels;
      if (p[0] > p[2] + 40) ++c.red;
      if (p[2] > p[0] + 40) ++c.blue;
    }
  return c;
}

TEST(ImageryOrder, TheLayerDrawnLastCoversTheOtherAndSwappingSwaps) {
  TB_REQUIRE_GPU();
  const world::World world = twoLayerWorld();
  SceneRenderer renderer(world);
  FrameSettings s;
  s.width = 160;
  s.height = 120;
  s.fog = false;  // haze would pull both colours towards the sky's
  s.labels = false;
  s.decorations = false;
  s.camera = lookAtPose({0.0, 0.0, 0.0}, 6000.0, 30.0, -60.0);
  s.imagery = {{true, 1.0f}, {true, 1.0f}};

  // Scene order (empty = 0 then 1): blue, drawn last, is on top.
  const ImageRGBA sceneOrder = renderer.renderImage(s);
  s.imageryOrder = {0, 1};
  const ImageRGBA blueTop = renderer.renderImage(s);
  s.imageryOrder = {1, 0};
  const ImageRGBA redTop = renderer.renderImage(s);
  writePng(test::testOutputPath("imagery_order_blue_top.png"), blueTop);
  writePng(test::testOutputPath("imagery_order_red_top.png"), redTop);

  // Lighting shades the slopes, but the hue of an opaque top layer dominates every ground pixel;
  // 98% leaves room for antialiased edges, which there should hardly be.
  for (const auto& [name, image, wantBlue] :
       {std::tuple{"scene order", &sceneOrder, true}, {"order 0,1", &blueTop, true}, {"order 1,0", &redTop, false}}) {
    const GroundColours c = groundColours(*image);
    ASSERT_GT(c.pixels, 0);
    EXPECT_GE(wantBlue ? c.blue : c.red, c.pixels * 98 / 100) << name << ": red " << c.red << ", blue " << c.blue;
    EXPECT_EQ(wantBlue ? c.red : c.blue, 0) << name << ": the covered layer shows through";
  }

  // Half-transparent top layer: both contribute (purple), so the order is not all-or-nothing.
  s.imagery[0].opacity = 0.5f;
  const GroundColours mixed = groundColours(renderer.renderImage(s));
  EXPECT_LT(mixed.red, mixed.pixels / 2) << "half-transparent red on top of blue should not read as red";
  EXPECT_LT(mixed.blue, mixed.pixels / 2) << "half-transparent red on top of blue should not read as blue";

  // A stale order (the wrong length) falls back to the scene order instead of failing.
  s.imagery[0].opacity = 1.0f;
  s.imageryOrder = {1};
  const GroundColours stale = groundColours(renderer.renderImage(s));
  EXPECT_GE(stale.blue, stale.pixels * 98 / 100);
}

}  // namespace
}  // namespace tb::render
