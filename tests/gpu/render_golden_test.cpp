// Golden image of a small synthetic scene (cone, sea, sky, fog) at 320x180. llvmpipe is
// deterministic for a given Mesa/LLVM, but other Mesa versions (or a GPU driver) round
// filtering and fog slightly differently, so the comparison allows small per-channel noise;
// a moved mountain, a missing sky or wrong colours still fail by a wide margin.
// UPDATE=1 rewrites the golden; a failing run writes actual.png and diff.png to
// TB_TEST_OUTPUT_DIR/gpu.
#include <cstdlib>
#include <filesystem>

#include <gtest/gtest.h>

#include "GpuTestSupport.h"
#include "core/PngFile.h"
#include "render/SceneRenderer.h"

namespace tb::render {
namespace {

constexpr int kChannelTolerance = 6;     // per channel, out of 255
constexpr double kMinFractionWithin = 0.99;  // edge pixels may flip between drivers
constexpr double kMaxMeanDiff = 1.5;     // average over every channel

TEST(RenderGolden, ConeBySeaAt320x180) {
  TB_REQUIRE_GPU();
  test::ConeWorldOptions opt;
  opt.seaBeyondX = 1200;
  const world::World world = test::makeConeWorld(opt);
  FrameSettings s;
  s.width = 320;
  s.height = 180;
  s.decorations = false;  // HUD and labels belong to the overlays' own tests
  s.labels = false;
  s.camera = lookAtPose({800.0, 0.0, 0.0}, 9000.0, 250.0, -14.0);  // horizon and sky in view
  SceneRenderer renderer(world);
  const ImageRGBA actual = renderer.renderImage(s);

  const std::string golden = std::string(TB_GOLDEN_DIR) + "/render_cone_by_sea_320x180.png";
  const char* update = std::getenv("UPDATE");
  if (update && std::string(update) == "1") {
    writePng(golden, actual, {}, 9);
    GTEST_SKIP() << "golden updated: " << golden;
  }
  if (!std::filesystem::exists(golden)) {
    writePng(test::testOutputPath("render_cone_by_sea_actual.png"), actual);
    FAIL() << "no golden image " << golden << "; run with UPDATE=1 to create it";
  }
  const ImageRGBA expected = readPng(golden).image;
  const test::ImageDiff d = test::diffImages(actual, expected, kChannelTolerance);
  const bool ok = d.fractionWithin >= kMinFractionWithin && d.meanAbsDiff <= kMaxMeanDiff;
  if (!ok) {
    writePng(test::testOutputPath("render_cone_by_sea_actual.png"), actual);
    writePng(test::testOutputPath("render_cone_by_sea_diff.png"), d.diff);
  }
  EXPECT_TRUE(ok) << "within tolerance: " << d.fractionWithin * 100 << "% of pixels, mean diff " << d.meanAbsDiff
                  << ", max " << d.maxChannelDiff << "; actual and diff written to " << test::testOutputPath("");
}

}  // namespace
}  // namespace tb::render
