// Overlay passes drawn headless over a plain background (no terrain pass, so each check sees only
// what the pass under test drew): pin colour at the predicted pixel, the stamp iff synthetic,
// text size proportional to uiScale at 8192 px, identical output whole vs tiled, GL state
// untouched, no leaked GL objects. Every test writes its PNG to TB_TEST_OUTPUT_DIR for a look.
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "GlStateSentinel.h"
#include "overlay_fixture.h"
#include "render/HudPass.h"
#include "render/LabelPass.h"
#include "render/OverlayProjection.h"
#include "render/SiteMarkerPass.h"
#include "render/TextRenderer.h"
#include "render/gl/ProgramCache.h"
#include "render/VectorOverlayPass.h"
#include "render/gl/GlStateGuard.h"
#include "render/gl/LiveObjects.h"

using namespace tb;
using namespace tb::overlaytest;

namespace {

class OverlayRender : public ::testing::Test {
 protected:
  void SetUp() override {
    TB_REQUIRE_GPU();
    liveBefore_ = render::gl::liveGlObjects();
  }
  int liveBefore_ = 0;
};

struct Passes {
  render::gl::ProgramCache programs;
  render::TextRenderer text{programs};
  render::PassResources resources;
  render::VectorOverlayPass vectors;
  render::SiteMarkerPass markers;
  render::LabelPass labels;
  render::HudPass hud;
  explicit Passes(const world::World& w)
      : resources{w, programs, text}, vectors(resources), markers(resources), labels(resources), hud(resources) {}
  void draw(const render::FrameContext& ctx) {
    vectors.draw(ctx);
    markers.draw(ctx);
    labels.draw(ctx);
    hud.draw(ctx);
  }
};

double colourDistance(const std::uint8_t* px, glm::vec4 c) {
  return std::max({std::abs(px[0] - c.r * 255.0), std::abs(px[1] - c.g * 255.0), std::abs(px[2] - c.b * 255.0)});
}

// Rows/columns of `img` inside `box` whose pixels differ from `bg` (text bounding box).
struct Extent {
  int minX = 1 << 30, minY = 1 << 30, maxX = -1, maxY = -1;
  int height() const { return maxY - minY + 1; }
};
Extent inkExtent(const ImageRGBA& img, glm::vec4 bg) {
  Extent e;
  for (int y = 0; y < img.height; ++y)
    for (int x = 0; x < img.width; ++x)
      if (colourDistance(img.at(x, y), bg) > 60) {
        e.minX = std::min(e.minX, x), e.maxX = std::max(e.maxX, x);
        e.minY = std::min(e.minY, y), e.maxY = std::max(e.maxY, y);
      }
  return e;
}

}  // namespace

TEST_F(OverlayRender, PinHeadLandsAtTheProjectedPixelInItsCategoryColour) {
  const world::World world = makeWorld(true);
  {
    Passes passes(world);
    Target target(640, 400);
    target.clear();
    Frame f = makeFrame(world, 640, 400, 1.0f);
    passes.draw(*f.ctx);
    const ImageRGBA img = target.read();
    writePng(outputPath("overlay_pin.png"), img);

    const render::PinGeometry pin = render::pinGeometry(*f.ctx, *world.sites[0].anchor, false);
    ASSERT_TRUE(pin.visible);
    // The camera looks at the castle: its ground anchor projects to the image centre (to within the
    // 75 m look-at height vs the 50 m terrain there, a few pixels).
    EXPECT_NEAR(pin.base.px.x, 320.0, 30.0);
    const int hx = static_cast<int>(std::lround(pin.head.px.x)), hy = static_cast<int>(std::lround(pin.head.px.y));
    ASSERT_TRUE(hx >= 0 && hy >= 0 && hx < 640 && hy < 400);
    const glm::vec4 category = world.scene.categories.at("historic").color;
    // Exact fill within rounding (8-bit) at the head's centre and a pixel around it.
    for (auto [dx, dy] : {std::pair{0, 0}, {1, 0}, {-1, 0}, {0, 1}, {0, -1}})
      EXPECT_LE(colourDistance(img.at(hx + dx, hy + dy), category), 2.0) << dx << "," << dy;
    // Outside the ring the background shows again.
    const int off = static_cast<int>(pin.radiusPx) + 3;
    EXPECT_GT(colourDistance(img.at(hx + off, hy), category), 40.0);
  }
  EXPECT_EQ(render::gl::liveGlObjects(), liveBefore_);
}

TEST_F(OverlayRender, StampIsDrawnExactlyWhenTheWorldIsSynthetic) {
  const world::World synthetic = makeWorld(true), real = makeWorld(false);
  for (auto [w, h] : {std::pair{320, 180}, {1280, 720}}) {
    ImageRGBA images[2];
    render::HudLayout layout;
    for (int i = 0; i < 2; ++i) {
      const world::World& world = i == 0 ? synthetic : real;
      render::gl::ProgramCache programs;
      render::TextRenderer text(programs);
      render::PassResources resources{world, programs, text};
      render::HudPass hud(resources);
      Target target(w, h);
      target.clear();
      Frame f = makeFrame(world, w, h, h / 1080.0f);
      f.settings.decorations = false;  // no scale bar or north arrow: never hides the stamp
      hud.draw(*f.ctx);
      images[i] = target.read();
      if (i == 0) layout = render::hudLayout(*f.ctx, text);
      writePng(outputPath(fmt::format("overlay_stamp_{}_{}x{}.png", i == 0 ? "synthetic" : "real", w, h)), images[i]);
    }
    ASSERT_TRUE(layout.stamp);
    render::gl::ProgramCache programs;
    render::TextRenderer text(programs);
    EXPECT_FALSE(render::hudLayout(*makeFrame(real, w, h, 1.0f).ctx, text).stamp);
    EXPECT_GE(layout.stampSizePx, 6.0f);
    EXPECT_LE(layout.stampBox.max.x - layout.stampBox.min.x, static_cast<float>(w));  // fits the frame
    // Inside the stamp's box the synthetic frame differs in many pixels; the real one shows the background.
    int differing = 0, total = 0;
    for (int y = int(layout.stampBox.min.y); y < int(layout.stampBox.max.y); ++y)
      for (int x = int(layout.stampBox.min.x); x < int(layout.stampBox.max.x); ++x, ++total)
        if (colourDistance(images[0].at(x, y), {0.35f, 0.45f, 0.35f, 1}) > 30) ++differing;
    EXPECT_GT(differing, total / 2) << w << "x" << h;
    for (int y = int(layout.stampBox.min.y); y < int(layout.stampBox.max.y); ++y)
      for (int x = int(layout.stampBox.min.x); x < int(layout.stampBox.max.x); ++x)
        ASSERT_LE(colourDistance(images[1].at(x, y), {0.35f, 0.45f, 0.35f, 1}), 1.0) << x << "," << y;
  }
  EXPECT_EQ(render::gl::liveGlObjects(), liveBefore_);
}

TEST_F(OverlayRender, GlyphHeightIsProportionalToUiScaleUpTo8192Pixels) {
  const world::World world = makeWorld(false);
  const glm::vec4 bg(0.35f, 0.45f, 0.35f, 1.0f);
  int heights[2] = {0, 0};
  const float scales[2] = {1.0f, 8192.0f / 1920.0f};
  {
    render::gl::ProgramCache programs;
    render::TextRenderer text(programs);
    for (int i = 0; i < 2; ++i) {
      // Full image 1920 or 8192 wide; only a 1024x512 tile around the text is drawn (as the
      // tiled renderer would).
      const int fullW = i == 0 ? 1920 : 8192, fullH = i == 0 ? 1080 : 4608;
      Target target(1024, 512);
      target.clear(bg);
      Frame f = makeFrame(world, fullW, fullH, scales[i], 1000, 1000, 1024, 512);
      render::TextStyle style;
      style.sizePx = 20.0f * scales[i];
      style.halo.a = 0.0f;
      style.color = glm::vec4(1.0f);
      text.addText("H", {1100.0f, 1000.0f + 20.0f * scales[i] * 1.5f}, style);
      text.flush(*f.ctx);
      const ImageRGBA img = target.read();
      writePng(outputPath(fmt::format("overlay_glyph_{}.png", fullW)), img);
      heights[i] = inkExtent(img, bg).height();
    }
  }
  ASSERT_GT(heights[0], 8);
  // Cap height of DejaVu "H" is ~0.73 em; hinting and pixel rounding allow about a pixel at 20 px.
  EXPECT_NEAR(double(heights[1]) / heights[0], scales[1], scales[1] * 0.08) << heights[0] << " " << heights[1];
  EXPECT_EQ(render::gl::liveGlObjects(), liveBefore_);
}

TEST_F(OverlayRender, TiledFrameMatchesTheWholeFrame) {
  const world::World world = makeWorld(true);
  const int W = 480, H = 320;
  ImageRGBA whole, tiled(W, H);
  {
    Passes passes(world);
    Target target(W, H);
    target.clear();
    Frame f = makeFrame(world, W, H, 0.8f);
    passes.draw(*f.ctx);
    whole = target.read();
    for (int ty = 0; ty < 2; ++ty)
      for (int tx = 0; tx < 2; ++tx) {
        Target tile(W / 2, H / 2);
        tile.clear();
        Frame ft = makeFrame(world, W, H, 0.8f, tx * W / 2, ty * H / 2, W / 2, H / 2);
        passes.draw(*ft.ctx);
        const ImageRGBA part = tile.read();
        for (int y = 0; y < H / 2; ++y)
          std::copy_n(part.at(0, y), W / 2 * 4, tiled.at(tx * W / 2, ty * H / 2 + y));
      }
  }
  writePng(outputPath("overlay_whole.png"), whole);
  writePng(outputPath("overlay_tiled.png"), tiled);
  // Rasterisation of the same primitives through a tile matrix may differ by rounding at edges
  // (a few levels on antialiased pixels); a label moved between tiles would differ by ~100s.
  int bad = 0;
  for (std::size_t i = 0; i < whole.pixels.size(); ++i)
    if (std::abs(int(whole.pixels[i]) - int(tiled.pixels[i])) > 24) ++bad;
  EXPECT_LE(bad, int(whole.pixels.size() / 2000)) << "pixels differing between whole and tiled";
  EXPECT_EQ(render::gl::liveGlObjects(), liveBefore_);
}

TEST_F(OverlayRender, PassesLeaveGlStateAsTheyFoundIt) {
  const world::World world = makeWorld(true);
  {
    Passes passes(world);
    Target target(320, 200);
    target.clear();
    Frame f = makeFrame(world, 320, 200, 1.0f);
    test::GlStateSentinel sentinel(target.fbo.id());
    ASSERT_TRUE(sentinel.set());
    passes.vectors.draw(*f.ctx);
    EXPECT_TRUE(sentinel.intact()) << "VectorOverlayPass";
    ASSERT_TRUE(sentinel.set());
    passes.markers.draw(*f.ctx);
    EXPECT_TRUE(sentinel.intact()) << "SiteMarkerPass";
    ASSERT_TRUE(sentinel.set());
    passes.labels.draw(*f.ctx);
    EXPECT_TRUE(sentinel.intact()) << "LabelPass";
    ASSERT_TRUE(sentinel.set());
    passes.hud.draw(*f.ctx);
    EXPECT_TRUE(sentinel.intact()) << "HudPass";
    EXPECT_EQ(glGetError(), static_cast<GLenum>(GL_NO_ERROR));
  }
  EXPECT_EQ(render::gl::liveGlObjects(), liveBefore_);
}

TEST_F(OverlayRender, HighlightDimsOtherPinsAndSelectionEnlargesTheHead) {
  const world::World world = makeWorld(true);
  const glm::vec4 bg(0.35f, 0.45f, 0.35f, 1.0f);
  const glm::vec4 category = world.scene.categories.at("historic").color;
  {
    render::gl::ProgramCache programs;
    render::TextRenderer text(programs);
    render::PassResources resources{world, programs, text};
    render::SiteMarkerPass markers(resources);
    Target target(480, 320);
    Frame f = makeFrame(world, 480, 320, 1.0f);
    const render::PinGeometry pin = render::pinGeometry(*f.ctx, *world.sites[0].anchor, false);
    const int hx = int(std::lround(pin.head.px.x)), hy = int(std::lround(pin.head.px.y));

    f.settings.highlightSites = {"coast"};  // the castle is not highlighted: dimmed
    target.clear(bg);
    markers.draw(*f.ctx);
    const ImageRGBA dimmed = target.read();
    EXPECT_GT(colourDistance(dimmed.at(hx, hy), category), 40.0);
    EXPECT_LT(colourDistance(dimmed.at(hx, hy), bg), colourDistance(dimmed.at(hx, hy), category));

    f.settings.highlightSites.clear();
    f.settings.selectedSite = "castle";
    target.clear(bg);
    markers.draw(*f.ctx);
    const ImageRGBA selected = target.read();
    writePng(outputPath("overlay_selected.png"), selected);
    const render::PinGeometry big = render::pinGeometry(*f.ctx, *world.sites[0].anchor, true);
    EXPECT_GT(big.radiusPx, pin.radiusPx);
    const int bx = int(std::lround(big.head.px.x)), by = int(std::lround(big.head.px.y));
    EXPECT_LE(colourDistance(selected.at(bx, by), category), 2.0);
  }
  EXPECT_EQ(render::gl::liveGlObjects(), liveBefore_);
}

TEST_F(OverlayRender, LabelsSitAboveThePinAndDisappearWithTheirAnchor) {
  const world::World world = makeWorld(true);
  render::gl::ProgramCache programs;
  render::TextRenderer text(programs);
  Frame f = makeFrame(world, 640, 400, 1.0f);
  const auto labels = render::layoutSiteLabels(*f.ctx, text);
  ASSERT_EQ(labels.size(), 2u);  // the castle pin and the coast area; never the note
  const render::PinGeometry pin = render::pinGeometry(*f.ctx, *world.sites[0].anchor, false);
  const auto& castle = labels[0];
  ASSERT_EQ(castle.site->id, "castle");
  ASSERT_TRUE(castle.placement.placed);
  EXPECT_LE(castle.placement.box.max.y, pin.head.px.y - pin.radiusPx);  // above the head, clear of it
  EXPECT_FALSE(castle.placement.box.overlaps(labels[1].placement.box));
  for (const auto& obstacle : render::hudLayout(*f.ctx, text).obstacles())
    for (const auto& l : labels) EXPECT_FALSE(l.placement.box.overlaps(obstacle)) << l.title;

  // Turn the camera round: the castle is behind it and gets no label.
  Frame away = makeFrame(world, 640, 400, 1.0f);
  away.settings.camera.eye = glm::dvec3(0.0, -3000.0, 400.0);
  away.settings.camera.headingDeg = 180.0;
  away.settings.camera.pitchDeg = -10.0;
  const glm::dmat4 view = away.settings.camera.viewMatrix();
  away.ctx->view = view;
  away.ctx->viewProj = away.ctx->proj * view;
  for (const auto& l : render::layoutSiteLabels(*away.ctx, text)) EXPECT_NE(l.site->id, "castle");
}

TEST_F(OverlayRender, ALabelHidesWithItsPinBehindARidge) {
  world::World world = makeWorld(true);
  render::gl::ProgramCache programs;
  render::TextRenderer text(programs);
  Frame f = makeFrame(world, 640, 400, 1.0f);
  auto hasCastle = [&] {
    for (const auto& l : render::layoutSiteLabels(*f.ctx, text))
      if (l.site->id == "castle") return true;
    return false;
  };
  EXPECT_TRUE(hasCastle());
  // A 2 km wall across the valley between the camera (south-west, 2.4 km up) and the castle.
  std::vector<float> h(world.heights.data().begin(), world.heights.data().end());
  const int n = world.heights.width();
  for (int r = 0; r < n; ++r)
    for (int c = 0; c < n; ++c)
      if (const double y = world.heights.position(c, r).y; y > -700.0 && y < -500.0) h[std::size_t(r) * n + c] = 2000.0f;
  world.heights = terrain::HeightField(n, n, world.heights.cellSize(), world.heights.originNW(), std::move(h));
  EXPECT_FALSE(hasCastle());
}
