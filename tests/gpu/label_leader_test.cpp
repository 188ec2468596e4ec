// Leader lines: a label the declutter layout moved away from its anchor is tied back to its pin
// by a thin line, so it never reads as naming whatever it landed on. The layout decides it from
// where the box ended up; the pass draws it; the default scene's overview turned to face north
// (where the hot springs label once landed on the castle's stem with no line) shows it.
#include <cmath>
#include <filesystem>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "GpuTestSupport.h"
#include "PinMarks.h"
#include "core/PngFile.h"
#include "render/FrameContext.h"
#include "render/LabelLayout.h"
#include "render/LabelPass.h"
#include "render/OverlayProjection.h"
#include "render/SceneRenderer.h"
#include "render/TextRenderer.h"
#include "render/gl/ProgramCache.h"
#include "terrain/TerrainRay.h"
#include "world/World.h"

using namespace tb;
using namespace tb::render;

namespace {

const std::string kScene = std::string(TB_DATA_DIR) + "/kyongsong/kyongsong.json";

// The viewer's "Face north" at the overview: same point looked at, same range and pitch,
// heading turned to true north.
CameraPose overviewFacingNorth(const world::World& w, double exaggeration) {
  const CameraPose o = w.overviewPose(exaggeration);
  const auto hit = terrain::intersectRay(w.heights, o.eye, o.forward(), exaggeration);
  const glm::dvec3 target = hit ? *hit : o.eye + o.forward() * 10000.0;
  return lookAtPose(target, glm::length(target - o.eye), w.trueNorthBearing(glm::dvec2(target)), o.pitchDeg,
                    o.fovYDeg);
}

// Largest per-channel difference between two images at a pixel.
int pixelDifference(const ImageRGBA& a, const ImageRGBA& b, glm::ivec2 p) {
  int d = 0;
  for (int c = 0; c < 3; ++c) d = std::max(d, std::abs(int(a.at(p.x, p.y)[c]) - int(b.at(p.x, p.y)[c])));
  return d;
}

}  // namespace

TEST(LabelLeader, ADisplacedLabelReportsALeaderAndAnUndisplacedOneDoesNot) {
  const LabelRequest r{{200, 150}, {80, 20}, 6, 1};
  LabelLayoutOptions o;
  o.imageSize = {400, 300};
  o.leaderStep = 28;
  const LabelPlacement free = layoutLabels({r}, o)[0];
  ASSERT_TRUE(free.placed);
  EXPECT_FALSE(free.leader);
  EXPECT_LE(distanceToBox(r.anchor, free.box), 2 * r.gap);
  // Something fills every plain position around the anchor: the label is pushed up, with a leader.
  o.obstacles.push_back({{0, 150 - 6 - 20 - 1}, {400, 300}});
  const LabelPlacement pushed = layoutLabels({r}, o)[0];
  ASSERT_TRUE(pushed.placed);
  EXPECT_TRUE(pushed.leader);
  EXPECT_GT(distanceToBox(r.anchor, pushed.box), 2 * r.gap);
}

// The case: the default scene's overview turned to face north, at the viewer's sizes.
// No label may lie on another site's pin (head or stem), and every label that ended up away
// from its pin is tied to it by a leader line that is really drawn.
TEST(LabelLeader, DefaultSceneFacingNorthLabelsNeverCoverAnotherPin) {
  TB_REQUIRE_GPU();
  if (!std::filesystem::exists(std::string(TB_DATA_DIR) + "/kyongsong/dem.tif"))
    GTEST_SKIP() << "default scene data not built (target tb_default_scene_assets)";
  const world::World w = world::loadWorld(kScene);
  SceneRenderer renderer(w);
  int leaders = 0;
  for (auto [wd, ht] : {std::pair{960, 540}, {1280, 720}, {1600, 900}}) {
    FrameSettings s = FrameSettings::fromScene(w);
    s.width = wd;
    s.height = ht;
    s.camera = overviewFacingNorth(w, s.exaggeration);
    const float ui = std::max(1.0f, std::min(wd, ht) / 1080.0f);  // what the renderer derives
    const glm::dmat4 view = s.camera.viewMatrix();
    const glm::dmat4 proj = perspectiveMatrix(s.camera.fovYDeg, wd, ht, 10.0, 1e6);
    const FrameContext ctx{w, s, view, proj, proj * view, 10.0, 1e6, wd, ht, 0, 0, wd, ht, ui};
    gl::ProgramCache programs;
    TextRenderer text(programs);
    const std::vector<SiteLabel> labels = layoutSiteLabels(ctx, text);

    const auto marks = test::pinMarks(ctx, w);  // every visible pin's head and stem, by site
    bool sawHotSprings = false;
    for (const SiteLabel& l : labels) {
      if (!l.placement.placed) continue;
      sawHotSprings |= l.site->id == "kyongsong-hot-springs";
      for (const auto& [site, mark] : marks)
        EXPECT_TRUE(site == l.site || !l.placement.box.overlaps(mark))
            << wd << "x" << ht << ": the label of " << l.site->id << " lies on the pin of " << site->id;
      const float gap = l.anchorRadius > 0 ? l.anchorRadius + 4.0f * ui : 8.0f * ui;
      if (distanceToBox(l.anchor, l.placement.box) > 2.0f * gap + 1.0f)
        EXPECT_TRUE(l.placement.leader) << wd << "x" << ht << ": " << l.site->id << " moved away without a leader";
    }
    EXPECT_TRUE(sawHotSprings) << wd << "x" << ht;

    const ImageRGBA shown = renderer.renderImage(s);
    writePng(test::testOutputPath(fmt::format("label_leader_north_{}.png", wd)), shown);
    s.labels = false;
    const ImageRGBA bare = renderer.renderImage(s);
    for (const SiteLabel& l : labels) {
      if (!l.placement.placed || !l.placement.leader) continue;
      ++leaders;
      // The middle of the line (as LabelPass draws it): light over whatever terrain lies there.
      const glm::vec2 from = glm::clamp(l.anchor, l.placement.box.min, l.placement.box.max);
      const glm::ivec2 mid(glm::round((from + l.anchor) * 0.5f));
      int best = 0;
      for (int dx = -1; dx <= 1; ++dx) best = std::max(best, pixelDifference(shown, bare, mid + glm::ivec2(dx, 0)));
      EXPECT_GT(best, 60) << wd << "x" << ht << ": no leader line drawn for " << l.site->id << " at " << mid.x
                          << "," << mid.y;
    }
  }
  EXPECT_GT(leaders, 0) << "the crowded north view moved no label away: the leader drawing went untested";
}
