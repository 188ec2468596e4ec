// The default Kyongsong briefing played through the timeline: over a flat stand-in for the
// terrain (always), and over the generated synthetic DEM where the build has made it.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>

#include "BriefingFixtures.h"
#include "briefing/BriefingTimeline.h"
#include "camera/TerrainClearance.h"

namespace tb::briefing {
namespace {

const std::string kBriefing = TB_SOURCE_DIR "/assets/kyongsong/kyongsong-briefing.json";

// The default scene's sites and views over a plain at 20 m covering its extent.
std::unique_ptr<world::World> flatKyongsong() {
  auto w = std::make_unique<world::World>();
  w->scene = scene::loadScene(TB_SOURCE_DIR "/assets/kyongsong/kyongsong.json");
  w->projection = std::make_shared<geo::GeoProjection>(w->scene.crs);
  const auto& e = w->scene.extent;
  w->originProjected = w->projection->toProjected(0.5 * (e.west + e.east), 0.5 * (e.south + e.north));
  const glm::dvec2 sw = w->toLocal(e.west, e.south), ne = w->toLocal(e.east, e.north);
  const double half = std::max({std::abs(sw.x), std::abs(sw.y), ne.x, ne.y}) + 2000.0;
  w->heights = test::analyticField([](double, double) { return 20.0; }, half, 201);
  for (const scene::Site& site : w->scene.sites) {
    world::PlacedSite p;
    p.site = &site;
    if (site.kind == geo::GeometryKind::Point) {
      const glm::dvec2 xy = w->toLocal(site.lonLat[0][0].x, site.lonLat[0][0].y);
      p.anchor = glm::dvec3(xy, 20.0);
    } else if (site.kind != geo::GeometryKind::None) {
      for (const auto& part : site.lonLat) {
        p.outline.emplace_back();
        for (const glm::dvec2& ll : part) p.outline.back().push_back(w->toLocal(ll.x, ll.y));
      }
    }
    w->sites.push_back(p);
  }
  return w;
}

struct Sampled {
  double minClearance = 1e300;
  double maxJump = 0.0, maxTurn = 0.0;
};

Sampled sample(const BriefingTimeline& tl, const world::World& w, double dt) {
  Sampled s;
  CameraPose prev = tl.at(0.0).camera;
  for (double t = 0.0; t <= tl.totalDuration(); t += dt) {
    const FrameState f = tl.at(t);
    s.minClearance = std::min(s.minClearance, f.camera.eye.z - camera::groundZ(w.heights, f.exaggeration, glm::dvec2(f.camera.eye)));
    const bool jumps = f.inTransition && f.transition != TransitionKind::Flight;  // cuts and fades, on purpose
    if (!jumps && t > 0.0 && f.step == tl.at(t - dt).step) {
      s.maxJump = std::max(s.maxJump, glm::length(f.camera.eye - prev.eye));
      s.maxTurn = std::max(s.maxTurn, test::angleBetween(prev, f.camera));
    }
    prev = f.camera;
  }
  return s;
}

TEST(DefaultBriefingTimeline, PlaysOverAFlatStandIn) {
  const auto w = flatKyongsong();
  const Briefing b = loadBriefing(kBriefing);
  const BriefingTimeline tl(b, *w);
  EXPECT_GT(tl.totalDuration(), 60.0);
  EXPECT_LT(tl.totalDuration(), 240.0);
  for (size_t i = 0; i < tl.stepCount(); ++i) {
    // Every view looks at something inside the scene.
    const glm::dvec2 ll = w->toLonLat(glm::dvec2(camera::lookAtViewOf(tl.stepPose(i), &w->heights, tl.stepExaggeration(i)).target));
    const auto& e = w->scene.extent;
    EXPECT_TRUE(ll.x > e.west && ll.x < e.east && ll.y > e.south && ll.y < e.north) << b.steps[i].id << " looks at " << ll.x << " " << ll.y;
  }
  const Sampled s = sample(tl, *w, 1.0 / 30.0);
  EXPECT_GT(s.minClearance, 0.0);
  EXPECT_LT(s.maxTurn, glm::radians(5.0));
}

TEST(DefaultBriefingTimeline, StaysAboveTheSyntheticTerrain) {
  const std::string scenePath = TB_DATA_DIR "/kyongsong/kyongsong.json";
  if (!std::filesystem::exists(TB_DATA_DIR "/kyongsong/dem.tif"))
    GTEST_SKIP() << "the synthetic DEM has not been generated in this build (" << TB_DATA_DIR << ")";
  world::LoadOptions o;
  o.loadImagery = false;
  o.loadOverlays = false;
  const world::World w = world::loadWorld(scenePath, o);
  const BriefingTimeline tl(loadBriefing(kBriefing), w);
  const Sampled s = sample(tl, w, 1.0 / 30.0);
  std::printf("default briefing: %.1f s, lowest eye %.1f m above ground, largest step %.1f m per 1/30 s\n",
              tl.totalDuration(), s.minClearance, s.maxJump);
  EXPECT_GT(s.minClearance, 0.0);
  EXPECT_LT(s.maxTurn, glm::radians(5.0));
}

}  // namespace
}  // namespace tb::briefing
