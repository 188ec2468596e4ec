// Textures from the derived-data cache: a renderer whose gradient pyramid and imagery mip levels
// come from the cache draws exactly what one that built them draws, and a damaged entry is
// rebuilt rather than trusted.
#include <stdlib.h>

#include <filesystem>

#include <gtest/gtest.h>

#include "GpuTestSupport.h"
#include "core/DiskCache.h"
#include "render/SceneRenderer.h"

namespace tb::render {
namespace {

namespace fs = std::filesystem;

FrameSettings coneView() {
  FrameSettings s;
  s.width = 320;
  s.height = 200;
  s.exaggeration = 1.5;
  s.decorations = false;
  s.labels = false;
  s.camera = lookAtPose({800.0, -300.0, 0.0}, 7000.0, 30.0, -30.0);
  return s;
}

TEST(TextureCache, CachedTexturesDrawExactlyWhatBuiltOnesDraw) {
  TB_REQUIRE_GPU();
  const std::string dir = test::testOutputPath("texture-cache");
  fs::remove_all(dir);
  fs::create_directories(dir);
  const char* before = std::getenv("TERRABRIEF_CACHE_DIR");
  const std::string saved = before ? before : "off";
  ::setenv("TERRABRIEF_CACHE_DIR", dir.c_str(), 1);
  world::World world = test::makeConeWorld({});
  world.heightsKey = "cone heights|" + dir;
  world.imagery[0].raster.contentKey = "cone colours|" + dir;
  const FrameSettings s = coneView();

  ImageRGBA built;
  const cache::Counters start = cache::counters();
  {
    SceneRenderer renderer(world);  // builds every level and stores them
    built = renderer.renderImage(s);
  }
  const cache::Counters afterBuild = cache::counters();
  EXPECT_EQ(afterBuild.stored - start.stored, 3u) << "LOD tables, gradient pyramid, imagery mip levels";
  int entries = 0;
  fs::path gradientEntry;
  for (const auto& e : fs::directory_iterator(dir)) {
    ++entries;
    if (e.path().filename().string().rfind("gradient-", 0) == 0) gradientEntry = e.path();
  }
  EXPECT_EQ(entries, 3) << "LOD tables, gradient pyramid, imagery mip levels";
  ASSERT_FALSE(gradientEntry.empty());

  {
    SceneRenderer renderer(world);  // reads them
    const test::ImageDiff d = test::diffImages(built, renderer.renderImage(s), 0);
    EXPECT_EQ(d.maxChannelDiff, 0) << "cached textures changed the image";
  }
  const cache::Counters afterRead = cache::counters();
  // Hits, not rebuilds that happen to draw the same: all three opened, nothing written again.
  EXPECT_EQ(afterRead.opened - afterBuild.opened, 3u);
  EXPECT_EQ(afterRead.stored, afterBuild.stored) << "a cached entry was rebuilt";
  fs::resize_file(gradientEntry, 1000);
  {
    SceneRenderer renderer(world);  // the damaged entry is rebuilt
    const test::ImageDiff d = test::diffImages(built, renderer.renderImage(s), 0);
    EXPECT_EQ(d.maxChannelDiff, 0);
  }
  EXPECT_EQ(cache::counters().stored - afterRead.stored, 1u) << "only the damaged gradient pyramid is rebuilt";
  EXPECT_GT(fs::file_size(gradientEntry), 1000u);
  ::setenv("TERRABRIEF_CACHE_DIR", saved.c_str(), 1);
}

}  // namespace
}  // namespace tb::render
