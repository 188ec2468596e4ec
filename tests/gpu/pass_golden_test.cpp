// Goldens per pass at 320x180: the terrain alone (sea, sky, fog), then with site pins and labels,
// then with the HUD (scale bar, north arrow), then with a briefing caption. Each adds one pass
// to the one before, so a change shows in the golden of the pass that made it. Tolerances
// differ per pass and say why; each has two limits: a per-channel difference that counts a
// pixel as changed, and the share of pixels allowed to change (plus a hard ceiling no pixel
// may pass, so a moved label or a wrong colour fails even when it is small).
// UPDATE=1 rewrites the goldens (tests/golden/pass_*.png; see tests/golden/README.md); a failing
// run writes pass_<name>_actual.png and pass_<name>_diff.png to TB_TEST_OUTPUT_DIR.
#include <cstdlib>
#include <filesystem>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "GpuTestSupport.h"
#include "core/PngFile.h"
#include "render/SceneRenderer.h"

namespace tb::render {
namespace {

struct Tolerance {
  int channel;         // a pixel counts as changed when a channel differs by more than this (of 255)
  double maxShare;     // share of changed pixels allowed
  int ceiling;         // no channel of any pixel may differ by more than this
};

// A small scene with something for every pass: a cone by the sea, a pin on its flank, an area.
world::World passWorld() {
  test::ConeWorldOptions opt;
  opt.seaBeyondX = 1200;
  world::World w = test::makeConeWorld(opt);
  w.scene.categories["historic"] = {"Historic site", {0.85f, 0.33f, 0.31f, 1.0f}};
  scene::Site fort;
  fort.id = "fort";
  fort.name = "Hill Fort";
  fort.category = "historic";
  fort.honesty = scene::Honesty::Given;
  fort.precisionM = 60;
  fort.kind = geo::GeometryKind::Point;
  w.scene.sites = {fort};
  world::PlacedSite p;
  p.site = &w.scene.sites[0];
  p.anchor = glm::dvec3(-600.0, 400.0, w.heights.sample({-600.0, 400.0}));
  w.sites = {p};
  return w;
}

FrameSettings passSettings() {
  FrameSettings s;
  s.width = 320;
  s.height = 180;
  s.camera = lookAtPose({800.0, 0.0, 0.0}, 9000.0, 250.0, -14.0);  // horizon and sky in view
  s.labels = s.pins = s.decorations = false;
  return s;
}

void expectGolden(const std::string& name, const ImageRGBA& actual, Tolerance tol) {
  const std::string golden = std::string(TB_GOLDEN_DIR) + "/pass_" + name + "_320x180.png";
  const char* update = std::getenv("UPDATE");
  if (update && std::string(update) == "1") {
    writePng(golden, actual, {}, 9);
    GTEST_SKIP() << "golden updated: " << golden;
  }
  ASSERT_TRUE(std::filesystem::exists(golden)) << "no golden " << golden << "; run with UPDATE=1 to create it";
  const test::ImageDiff d = test::diffImages(actual, readPng(golden).image, tol.channel);
  const double changed = 1.0 - d.fractionWithin;
  const bool ok = changed <= tol.maxShare && d.maxChannelDiff <= tol.ceiling;
  if (!ok) {
    writePng(test::testOutputPath("pass_" + name + "_actual.png"), actual);
    writePng(test::testOutputPath("pass_" + name + "_diff.png"), d.diff);
  }
  EXPECT_TRUE(ok) << name << ": " << changed * 100 << "% of pixels differ by more than " << tol.channel
                  << " (allowed " << tol.maxShare * 100 << "%), largest difference " << d.maxChannelDiff
                  << " (allowed " << tol.ceiling << "); actual and diff in " << test::testOutputPath("");
}

// Share of pixels two renders differ in (by more than 24 in a channel): what a pass added.
double addedShare(const ImageRGBA& a, const ImageRGBA& b) { return 1.0 - test::diffImages(a, b, 24).fractionWithin; }

TEST(PassGolden, EachPassMatchesItsGoldenAt320x180) {
  TB_REQUIRE_GPU();
  const world::World world = passWorld();
  SceneRenderer renderer(world);
  FrameSettings s = passSettings();

  // Terrain, sea, sky and fog: filtering and fog round differently between Mesa versions by a
  // few levels; silhouette pixels may flip, so a few tenths of a percent may differ more.
  const ImageRGBA terrain = renderer.renderImage(s);
  expectGolden("terrain", terrain, {6, 0.005, 96});

  // Pins and labels: text is rasterised by FreeType on the CPU (exact); its edges blend with the
  // terrain under it, so the terrain's tolerance carries over, and a moved label fails the share.
  s.pins = s.labels = true;
  const ImageRGBA labels = renderer.renderImage(s);
  expectGolden("labels", labels, {6, 0.005, 128});
  EXPECT_GT(addedShare(terrain, labels), 0.002) << "pins and labels drew nothing";

  // The HUD (scale bar, north arrow) lies on the terrain like the labels do.
  s.decorations = true;
  const ImageRGBA hud = renderer.renderImage(s);
  expectGolden("hud", hud, {6, 0.005, 128});
  EXPECT_GT(addedShare(labels, hud), 0.002) << "the HUD drew nothing";

  // The caption's lower third is an opaque-ish band over the terrain: the same limits.
  CaptionContent caption;
  caption.title = "Hill fort";
  caption.caption = "The fort above the bay, seen from the south-east.";
  caption.stepIndex = 1;
  caption.stepCount = 4;
  caption.progress01 = 0.4;
  s.caption = caption;
  const ImageRGBA captioned = renderer.renderImage(s);
  expectGolden("caption", captioned, {6, 0.005, 128});
  EXPECT_GT(addedShare(hud, captioned), 0.05) << "the caption drew nothing";
}

}  // namespace
}  // namespace tb::render
