// Fog at the scene's default density against the case: a 3776 m volcano seen from
// 8000 m at 15 km must stay clearly visible. Measured as how much of the volcano's own contrast
// against the haze colour survives the fog (the same frame rendered without fog is the
// reference), at its upper slope and at its foot, where the eye ray runs through the densest air.
#include <algorithm>
#include <cmath>

#include <gtest/gtest.h>

#include "GpuTestSupport.h"
#include "core/PngFile.h"
#include "render/SceneRenderer.h"

namespace tb::render {
namespace {

// The colour fog converges to at the horizon (atmosphere.glsl kHorizon), 0..255.
const glm::dvec3 kHaze(0.74 * 255, 0.81 * 255, 0.88 * 255);

glm::dvec3 rgb(const ImageRGBA& img, int x, int y) {
  const std::uint8_t* p = img.at(x, y);
  return {p[0], p[1], p[2]};
}

// Share of the unfogged pixel's difference from the haze that the fogged pixel keeps (1: no fog).
double contrastKept(const ImageRGBA& fogged, const ImageRGBA& clear, int x, int y) {
  return glm::length(rgb(fogged, x, y) - kHaze) / std::max(1.0, glm::length(rgb(clear, x, y) - kHaze));
}

TEST(FogVisibility, AVolcanoFifteenKilometresAwayFromAnEightThousandMetreCameraStaysClear) {
  TB_REQUIRE_GPU();
  test::ConeWorldOptions opt;
  opt.samples = 257;
  opt.cellSize = 250.0;  // +-32 km
  opt.peak = 3776.0;
  opt.radius = 11000.0;
  opt.base = 0.0;
  opt.summitPaintRadius = 0.0;  // one colour up to the summit
  const world::World world = test::makeConeWorld(opt);
  FrameSettings s;
  s.width = 320;
  s.height = 180;
  s.decorations = false;
  s.labels = false;
  // 8000 m up (real metres), 15 km east of the summit, looking west straight at it.
  const double ex = s.exaggeration;
  const glm::dvec3 summit(0.0, 0.0, opt.peak * ex);
  const glm::dvec3 eye(15000.0, 0.0, 8000.0 * ex);
  s.camera.eye = eye;
  s.camera.headingDeg = 270.0;
  s.camera.pitchDeg = glm::degrees(std::atan2(summit.z - eye.z, glm::length(glm::dvec2(summit - eye))));
  SceneRenderer renderer(world);
  const ImageRGBA fogged = renderer.renderImage(s);
  writePng(test::testOutputPath("fog_volcano_15km.png"), fogged);
  s.fog = false;
  const ImageRGBA clear = renderer.renderImage(s);

  // The summit is at the image centre: its upper slope just below, its foot lower right.
  const int cx = s.width / 2, cy = s.height / 2;
  EXPECT_GE(contrastKept(fogged, clear, cx, cy + 8), 0.75) << "the upper slope fades into the haze";
  EXPECT_GE(contrastKept(fogged, clear, cx + 60, cy + 40), 0.6) << "the foot fades into the haze";
}

}  // namespace
}  // namespace tb::render
