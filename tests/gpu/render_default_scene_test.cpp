// The whole renderer on the real default scene (Kyongsong), when its data has been built: the
// overview and a low oblique view along the coast are written as PNGs to look at, and checked
// for what a broken deferred shading pass would lose: sky above, sea and land where the camera
// maths puts them, no black (NaN or unshaded) pixels.
#include <filesystem>

#include <gtest/gtest.h>

#include "GpuTestSupport.h"
#include "core/PngFile.h"
#include "render/SceneRenderer.h"
#include "world/World.h"

namespace tb::render {
namespace {

const std::string kScene = std::string(TB_DATA_DIR) + "/kyongsong/kyongsong.json";

const world::World& defaultWorld() {
  static const world::World w = world::loadWorld(kScene);
  return w;
}

#define TB_REQUIRE_DEFAULT_SCENE()                                                                 \
  do {                                                                                             \
    TB_REQUIRE_GPU();                                                                              \
    if (!std::filesystem::exists(std::string(TB_DATA_DIR) + "/kyongsong/dem.tif"))                 \
      GTEST_SKIP() << "default scene data not built (target tb_default_scene_assets): " << kScene; \
  } while (0)

bool blueish(const std::uint8_t* p) { return p[2] > p[0] + 10; }
bool blackish(const std::uint8_t* p) { return p[0] < 8 && p[1] < 8 && p[2] < 8; }

TEST(RenderDefaultScene, OverviewShowsSkySeaAndLand) {
  TB_REQUIRE_DEFAULT_SCENE();
  const world::World& world = defaultWorld();
  FrameSettings s = FrameSettings::fromScene(world);
  s.width = 960;
  s.height = 540;
  SceneRenderer renderer(world);
  writePng(test::testOutputPath("default_overview.png"), renderer.renderImage(s));
  s.labels = s.decorations = false;  // their boxes are dark on purpose
  const ImageRGBA image = renderer.renderImage(s);
  EXPECT_GT(renderer.lastStats().triangles, 0);

  int black = 0;
  for (int y = 0; y < image.height; ++y)
    for (int x = 0; x < image.width; ++x) black += blackish(image.at(x, y));
  EXPECT_LT(black, image.width * image.height / 1000) << "black pixels: a NaN or an unshaded hole";

  // Points well inside the sea and the plain land where the camera maths puts them.
  const glm::dvec2 sea = world.toLocal(129.80, 41.50), land = world.toLocal(129.50, 41.62);
  const auto pixelOf = [&](glm::dvec2 xy) {
    const double z = std::max(world.heights.sample(xy), 0.0) * s.exaggeration;
    const glm::dvec4 clip = perspectiveMatrix(s.camera.fovYDeg, s.width, s.height, 10, 1e6) *
                            s.camera.viewMatrix() * glm::dvec4(xy, z, 1.0);
    return glm::ivec2(int((clip.x / clip.w * 0.5 + 0.5) * s.width), int((0.5 - clip.y / clip.w * 0.5) * s.height));
  };
  const glm::ivec2 ps = pixelOf(sea), pl = pixelOf(land);
  ASSERT_TRUE(ps.x >= 0 && ps.x < s.width && ps.y >= 0 && ps.y < s.height) << ps.x << "," << ps.y;
  ASSERT_TRUE(pl.x >= 0 && pl.x < s.width && pl.y >= 0 && pl.y < s.height) << pl.x << "," << pl.y;
  EXPECT_TRUE(blueish(image.at(ps.x, ps.y))) << "sea expected at " << ps.x << "," << ps.y;
  EXPECT_FALSE(blueish(image.at(pl.x, pl.y))) << "land expected at " << pl.x << "," << pl.y;
}

// Low over the sea looking along the coast, out past the data's north edge (the apron).
TEST(RenderDefaultScene, LowCoastalViewShowsSkyAndSea) {
  TB_REQUIRE_DEFAULT_SCENE();
  const world::World& world = defaultWorld();
  FrameSettings s = FrameSettings::fromScene(world);
  s.width = 960;
  s.height = 540;
  s.labels = s.decorations = false;
  const glm::dvec2 eye = world.toLocal(129.76, 41.56);
  s.camera.eye = glm::dvec3(eye, 500.0);
  s.camera.headingDeg = 335;
  s.camera.pitchDeg = -7;
  SceneRenderer renderer(world);
  const ImageRGBA image = renderer.renderImage(s);
  writePng(test::testOutputPath("default_coast_low.png"), image);
  int black = 0;
  for (int y = 0; y < image.height; ++y)
    for (int x = 0; x < image.width; ++x) black += blackish(image.at(x, y));
  EXPECT_LT(black, image.width * image.height / 1000);
  EXPECT_TRUE(blueish(image.at(s.width / 2, 5))) << "sky at the top";
  EXPECT_TRUE(blueish(image.at(s.width * 3 / 4, s.height - 5))) << "sea below the camera";
}

}  // namespace
}  // namespace tb::render
