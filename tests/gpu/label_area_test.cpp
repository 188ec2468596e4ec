// An area's label may name any point of its outline. On the default scene's overview the long
// farm label, pushed below its pin, covers the middle of the "Coastal defences" strip; the area's
// label, the lowest in priority, was then dropped at 1280x720 and 1600x900. It now moves along the
// strip to where it fits, and still never lies on another site's pin. (At 960x540 the same label,
// as many pixels wide, finds no room on any side of the strip: it is still dropped there.)
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
#include "world/World.h"

using namespace tb;
using namespace tb::render;

TEST(LabelArea, AnAreaLabelTriesOtherPointsOfItsOutlineBeforeALeader) {
  LabelRequest r;
  r.anchor = {200, 150};
  r.size = {80, 20};
  r.gap = 6;
  r.otherAnchors = {{330, 150}};
  LabelLayoutOptions o;
  o.imageSize = {400, 300};
  o.leaderStep = 28;
  o.obstacles.push_back({{100, 100}, {260, 300}});  // everything around the first point
  const LabelPlacement p = layoutLabels({r}, o)[0];
  ASSERT_TRUE(p.placed);
  EXPECT_FALSE(p.leader);
  EXPECT_EQ(p.anchor, glm::vec2(330, 150));
  EXPECT_LE(distanceToBox(p.anchor, p.box), 2 * r.gap);
}

TEST(LabelArea, DefaultOverviewKeepsTheCoastalDefencesLabel) {
  TB_REQUIRE_GPU();
  if (!std::filesystem::exists(std::string(TB_DATA_DIR) + "/kyongsong/dem.tif"))
    GTEST_SKIP() << "default scene data not built (target tb_default_scene_assets)";
  const world::World w = world::loadWorld(std::string(TB_DATA_DIR) + "/kyongsong/kyongsong.json");
  SceneRenderer renderer(w);
  for (auto [wd, ht] : {std::pair{1280, 720}, {1600, 900}, {1920, 1080}}) {
    FrameSettings s = FrameSettings::fromScene(w);
    s.width = wd;
    s.height = ht;
    s.camera = w.overviewPose(s.exaggeration);
    const float ui = std::max(1.0f, std::min(wd, ht) / 1080.0f);  // what the renderer derives
    const glm::dmat4 view = s.camera.viewMatrix();
    const glm::dmat4 proj = perspectiveMatrix(s.camera.fovYDeg, wd, ht, 10.0, 1e6);
    const FrameContext ctx{w, s, view, proj, proj * view, 10.0, 1e6, wd, ht, 0, 0, wd, ht, ui};
    gl::ProgramCache programs;
    TextRenderer text(programs);
    const std::vector<SiteLabel> labels = layoutSiteLabels(ctx, text);

    const auto marks = test::pinMarks(ctx, w);  // every visible pin's head and stem, by site
    const SiteLabel* coast = nullptr;
    for (const SiteLabel& l : labels) {
      if (l.site->id == "coastal-defences") coast = &l;
      if (!l.placement.placed) continue;
      for (const auto& [site, mark] : marks)
        EXPECT_TRUE(site == l.site || !l.placement.box.overlaps(mark))
            << wd << "x" << ht << ": the label of " << l.site->id << " lies on the pin of " << site->id;
    }
    ASSERT_NE(coast, nullptr) << wd << "x" << ht << ": the area is not on the image";
    std::string others;
    for (const SiteLabel& l : labels)
      if (l.placement.placed)
        others += fmt::format("\n  {} [{:.0f},{:.0f} - {:.0f},{:.0f}]{}", l.site->id, l.placement.box.min.x,
                              l.placement.box.min.y, l.placement.box.max.x, l.placement.box.max.y,
                              l.placement.leader ? " leader" : "");
    EXPECT_TRUE(coast->placement.placed) << wd << "x" << ht << ": the Coastal defences label was dropped (anchor "
                                         << coast->anchor.x << "," << coast->anchor.y << "); placed:" << others;
    const float gap = 8.0f * ui;
    if (coast->placement.placed && distanceToBox(coast->anchor, coast->placement.box) > 2.0f * gap + 1.0f) {
      EXPECT_TRUE(coast->placement.leader) << wd << "x" << ht << ": moved away without a leader";
    }
    writePng(test::testOutputPath(fmt::format("label_area_overview_{}.png", wd)), renderer.renderImage(s));
  }
}
