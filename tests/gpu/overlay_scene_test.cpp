// The overlay passes inside the whole pipeline (SceneRenderer): the stamp shows in every frame of
// a synthetic world, whole or tiled, and never in a real one; turning decorations off keeps it.
#include <fmt/format.h>

#include "GpuTestSupport.h"
#include "core/PngFile.h"
#include "render/FrameContext.h"
#include "render/HudPass.h"
#include "render/SceneRenderer.h"
#include "render/TextRenderer.h"
#include "render/gl/ProgramCache.h"
#include "render/gl/LiveObjects.h"

using namespace tb;

namespace {

// Fraction of pixels inside the stamp's box that differ between two renders.
double stampDifference(const ImageRGBA& a, const ImageRGBA& b, const render::LabelRect& box) {
  int differ = 0, total = 0;
  for (int y = int(box.min.y); y < int(box.max.y); ++y)
    for (int x = int(box.min.x); x < int(box.max.x); ++x, ++total) {
      int worst = 0;
      for (int c = 0; c < 3; ++c) worst = std::max(worst, std::abs(int(a.at(x, y)[c]) - int(b.at(x, y)[c])));
      if (worst > 24) ++differ;
    }
  return total ? double(differ) / total : 0.0;
}

}  // namespace

TEST(OverlayScene, StampIsInEveryFrameOfASyntheticWorldAndNoneOfARealOne) {
  TB_REQUIRE_GPU();
  const int liveBefore = render::gl::liveGlObjects();
  world::World real = test::makeConeWorld();
  world::World synthetic = test::makeConeWorld();
  synthetic.demSynthetic = true;
  ASSERT_FALSE(real.anySynthetic());
  ASSERT_TRUE(synthetic.anySynthetic());
  {
    render::SceneRenderer realRenderer(real), syntheticRenderer(synthetic);
    for (auto [w, h] : {std::pair{320, 180}, {640, 360}}) {
      render::FrameSettings s = render::FrameSettings::fromScene(real);
      s.width = w;
      s.height = h;
      s.camera = real.overviewPose(s.exaggeration);
      const ImageRGBA a = realRenderer.renderImage(s);
      const ImageRGBA b = syntheticRenderer.renderImage(s);
      const ImageRGBA tiled = syntheticRenderer.renderImage(s, w / 2);  // 2x2 tiles or more
      s.decorations = false;
      const ImageRGBA bare = syntheticRenderer.renderImage(s);
      writePng(test::testOutputPath(fmt::format("overlay_scene_real_{}.png", w)), a);
      writePng(test::testOutputPath(fmt::format("overlay_scene_synthetic_{}.png", w)), b);

      // Where the stamp goes (the same layout the pass uses, at the renderer's own uiScale).
      render::FrameSettings probe = s;
      probe.decorations = true;
      render::gl::ProgramCache programs;
      render::TextRenderer text(programs);
      const glm::dmat4 view = probe.camera.viewMatrix();
      const glm::dmat4 proj = perspectiveMatrix(probe.camera.fovYDeg, w, h, 10.0, 1e6);
      const render::FrameContext ctx{synthetic, probe, view, proj, proj * view, 10.0, 1e6, w, h, 0, 0, w, h, 1.0f};
      const render::HudLayout layout = render::hudLayout(ctx, text);
      ASSERT_TRUE(layout.stamp);
      EXPECT_GT(stampDifference(a, b, layout.stampBox), 0.5) << w << "x" << h << ": stamp missing";
      EXPECT_GT(stampDifference(a, tiled, layout.stampBox), 0.5) << w << "x" << h << ": stamp missing when tiled";
      EXPECT_GT(stampDifference(a, bare, layout.stampBox), 0.5) << w << "x" << h << ": decorations hid the stamp";
      // Away from the HUD the two worlds render alike (the stamp is the only difference there).
      const render::LabelRect middle{{w * 0.3f, h * 0.4f}, {w * 0.7f, h * 0.6f}};
      EXPECT_LT(stampDifference(a, b, middle), 0.01);
    }
  }
  EXPECT_EQ(render::gl::liveGlObjects(), liveBefore);
}
