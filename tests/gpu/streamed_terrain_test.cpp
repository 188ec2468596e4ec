// The streamed terrain (world.stream): the same picture as the in-memory terrain, honest holes
// where the data has none, settled frames only in renderImage, and a failed read as an error.
#include <chrono>
#include <algorithm>
#include <cmath>
#include <cstdlib>

#include <gtest/gtest.h>

#include "GpuTestSupport.h"
#include "core/Error.h"
#include "core/PngFile.h"
#include "render/SceneRenderer.h"
#include "render/StreamedTerrain.h"
#include "render/gl/LiveObjects.h"
#include "render/gl/Framebuffer.h"
#include "world/MemoryTileSources.h"
#include "world/TerrainStream.h"

namespace tb::render {
namespace {

FrameSettings view(int w, int h) { return test::bareFrame(w, h, {600.0, -500.0, 0.0}, 9000.0, 20.0, -40.0); }

// The cone world streamed from memory (64-cell nodes, so the quadtree has several levels).
world::World streamedCone(const test::ConeWorldOptions& o, double holeRadius = 0, int cells = 64,
                          std::size_t gpuBytes = world::StreamBudgets{}.gpuBytes) {
  world::World w = test::makeConeWorld(o);
  auto sources = std::make_shared<world::MemoryTileSources>(w, "cone.tif");
  if (holeRadius > 0) sources->punch([holeRadius](glm::dvec2 p) { return glm::length(p - glm::dvec2(-1500, -1500)) < holeRadius; });
  const double half = (o.samples - 1) * 0.5 * o.cellSize;
  world::StreamBudgets b;
  b.workers = 2;
  b.gpuBytes = gpuBytes;
  w.stream = world::openTerrainStream(sources, {-half, -half}, {half, half}, {-half, half}, b, cells);
  return w;
}

glm::dvec2 pixelOf(const FrameSettings& s, const glm::dvec3& p) {
  const glm::dvec4 clip = perspectiveMatrix(s.camera.fovYDeg, s.width, s.height, 10.0, 1e5) * s.camera.viewMatrix() *
                          glm::dvec4(p, 1.0);
  return {(clip.x / clip.w * 0.5 + 0.5) * s.width, (0.5 - clip.y / clip.w * 0.5) * s.height};
}

TEST(StreamedTerrain, DrawsWhatTheInMemoryTerrainDraws) {
  TB_REQUIRE_GPU();
  const test::ConeWorldOptions o;
  const world::World memory = test::makeConeWorld(o);
  const world::World streamed = streamedCone(o);
  const FrameSettings s = view(480, 320);
  SceneRenderer a(memory), b(streamed);
  const ImageRGBA ia = a.renderImage(s), ib = b.renderImage(s);
  EXPECT_TRUE(b.lastStats().settled);
  EXPECT_GT(streamed.stream->reads(), 4u);
  const test::ImageDiff d = test::diffImages(ia, ib, 24);
  writePng(test::testOutputPath("streamed_cone.png"), ib);
  writePng(test::testOutputPath("streamed_cone_diff.png"), d.diff);
  // Same data, same shading; the streamed mesh and texels come from nodes of their own, so
  // edges of the summit paint and the silhouette move by a pixel here and there.
  EXPECT_GT(d.fractionWithin, 0.97);
  EXPECT_LT(d.meanAbsDiff, 3.0);
}

TEST(StreamedTerrain, NoDataIsAHoleNotGround) {
  TB_REQUIRE_GPU();
  const test::ConeWorldOptions o;
  const FrameSettings s = view(480, 320);
  const world::World holed = streamedCone(o, 500.0), whole = streamedCone(o);
  SceneRenderer rh(holed), rw(whole);
  const ImageRGBA ih = rh.renderImage(s), iw = rw.renderImage(s);
  writePng(test::testOutputPath("streamed_hole.png"), ih);
  const double z = o.peak * (1.0 - std::hypot(1500.0, 1500.0) / o.radius) * s.exaggeration;
  const glm::dvec2 px = pixelOf(s, {-1500.0, -1500.0, z});
  const std::uint8_t* h = ih.at(int(px.x), int(px.y));
  const std::uint8_t* w = iw.at(int(px.x), int(px.y));
  EXPECT_GT(w[1], w[0] + 20) << "the intact slope is green";
  // In the hole: the neutral grey "no data" surface (fogged), not green ground.
  EXPECT_LT(std::abs(int(h[0]) - int(h[1])), 16);
  EXPECT_LT(std::abs(int(h[1]) - int(h[2])), 16);
}

TEST(StreamedTerrain, AFrameBeforeTheTilesArriveIsNotSettled) {
  TB_REQUIRE_GPU();
  const world::World w = streamedCone({});
  SceneRenderer r(w);
  FrameSettings s = view(160, 120);
  gl::Framebuffer fbo = gl::Framebuffer::create();
  gl::Renderbuffer color = gl::Renderbuffer::create(GL_RGBA8, s.width, s.height);
  gl::Renderbuffer depth = gl::Renderbuffer::create(GL_DEPTH_COMPONENT24, s.width, s.height);
  fbo.attach(GL_COLOR_ATTACHMENT0, color);
  fbo.attach(GL_DEPTH_ATTACHMENT, depth);
  fbo.bind();
  EXPECT_FALSE(r.draw(s).settled);  // nothing resident: the root is only asked for
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
  r.renderImage(s);
  EXPECT_TRUE(r.lastStats().settled);
}

TEST(StreamedTerrain, AViewLargerThanTheGpuBudgetSettlesCoarserInsteadOfWaiting) {
  TB_REQUIRE_GPU();
  // 16-cell nodes: a close view wants hundreds of them; the smallest budget holds 64.
  const world::World w = streamedCone({}, 0, 16, 1);
  SceneRenderer r(w);
  FrameSettings s = view(320, 240);
  s.camera = lookAtPose({0.0, 0.0, 1000.0}, 2500.0, 10.0, -20.0);
  setenv("TERRABRIEF_SETTLE_SECONDS", "20", 1);
  const ImageRGBA image = r.renderImage(s);
  unsetenv("TERRABRIEF_SETTLE_SECONDS");
  EXPECT_TRUE(r.lastStats().settled);
  EXPECT_GT(r.lastStats().tiles, 0);
}

terrain::LodView lodViewOf(const FrameSettings& s) {
  terrain::LodView lv;
  lv.camera = s.camera;
  lv.viewportWidth = s.width;
  lv.viewportHeight = s.height;
  lv.exaggeration = s.exaggeration;
  lv.tauPixels = s.tauPixels;
  lv.nearZ = 10.0;
  lv.farZ = 1e5;
  return lv;
}

TEST(StreamedTerrain, AnInteractiveViewTakesItsArraysOnceAndUploadsWithinItsAllowance) {
  TB_REQUIRE_GPU();
  const world::World w = streamedCone({});
  const terrain::LodView lv = lodViewOf(view(320, 240));
  StreamedTerrain interactive(*w.stream);
  ASSERT_LT(interactive.slotCapacity(), interactive.maxSlots());
  // A 0 ms allowance: one node per frame, never a burst; the arrays never grow (copy) mid-flight.
  int frames = 0, uploads = 0;
  bool settled = false;
  for (; frames < 3000 && !settled; ++frames) {
    settled = interactive.select(lv, 0.0).settled;
    EXPECT_EQ(interactive.slotCapacity(), interactive.maxSlots());
    ASSERT_LE(interactive.lastFrameUploads(), 1) << "frame " << frames;
    uploads += interactive.lastFrameUploads();
    if (interactive.lastFrameUploads() == 0 && !settled) w.stream->waitForProgress(std::chrono::milliseconds(50));
  }
  EXPECT_TRUE(settled);
  EXPECT_GT(uploads, 8);
  // An offline frame (no allowance) takes all it needs from RAM at once, and only the slots it needs.
  StreamedTerrain offline(*w.stream);
  EXPECT_TRUE(offline.select(lv, -1.0).settled);
  EXPECT_GT(offline.lastFrameUploads(), 8);
  EXPECT_LT(offline.slotCapacity(), offline.maxSlots());
}

// Forward: defined below.
StreamedSelection settledSelection(StreamedTerrain& st, world::TerrainStream& stream, const terrain::LodView& lv);

// Close over the cone: with 16-cell nodes this view settles with a few hundred of them, over
// several rounds of reads.
terrain::LodView closeConeView() {
  FrameSettings s = view(320, 240);
  s.camera = lookAtPose({0.0, 0.0, 1000.0}, 2500.0, 10.0, -20.0);
  return lodViewOf(s);
}

TEST(StreamedTerrain, AnOfflineViewMakesItsArraysOnceAtTheSizeItSettlesIn) {
  TB_REQUIRE_GPU();
  const world::World w = streamedCone({}, 0, 16);
  StreamedTerrain offline(*w.stream);
  settledSelection(offline, *w.stream, closeConeView());  // more nodes than a fixed first guess
  ASSERT_GT(offline.residentNodes(), 128);
  EXPECT_LE(offline.residentNodes(), offline.slotCapacity());
  // Each (re)allocation is zeroed by the driver, and a regrowth copies what the arrays held.
  EXPECT_EQ(offline.arraysMade(), 1);
}

TEST(StreamedTerrain, WaitingForTheSettledViewBuildsOnlyTheChunksItDraws) {
  TB_REQUIRE_GPU();
  const world::World w = streamedCone({}, 0, 16);
  StreamedTerrain st(*w.stream);
  StreamedSelection sel = st.select(closeConeView(), -1.0, true);
  int unsettled = 0;
  for (int i = 0; i < 2000 && !sel.settled; ++i, ++unsettled) {
    EXPECT_TRUE(sel.draws.empty());
    w.stream->waitForProgress(std::chrono::milliseconds(50));
    sel = st.select(closeConeView(), -1.0, true);
  }
  ASSERT_TRUE(sel.settled);
  ASSERT_GT(unsettled, 2);  // the view was refined over several rounds
  ASSERT_FALSE(sel.draws.empty());
  // The coarser nodes the rounds passed through got no mesh chunks.
  EXPECT_EQ(st.chunksBuilt(), sel.draws.size());
}

// Selects (no upload allowance) until the view has settled.
StreamedSelection settledSelection(StreamedTerrain& st, world::TerrainStream& stream, const terrain::LodView& lv) {
  StreamedSelection sel = st.select(lv, -1.0);
  for (int i = 0; i < 2000 && !sel.settled; ++i) {
    stream.waitForProgress(std::chrono::milliseconds(50));
    sel = st.select(lv, -1.0);
  }
  EXPECT_TRUE(sel.settled);
  return sel;
}

TEST(StreamedTerrain, MeshChunksAreInTheGpuBudgetLeastRecentlyDrawnDroppedFirst) {
  TB_REQUIRE_GPU();
  const std::size_t budget = std::size_t(1) << 20;  // a quarter, 256 KB, for chunks: ~60 of them
  const world::World w = streamedCone({}, 0, 64, budget);
  StreamedTerrain st(*w.stream);
  EXPECT_EQ(st.chunkBudget(), budget / 4);
  const auto flyRound = [&] {
    int maxGl = 0;
    for (int i = 0; i < 12; ++i) {
      FrameSettings s = view(320, 240);
      const double a = i * 0.52;
      s.camera = lookAtPose({2500.0 * std::cos(a), 2500.0 * std::sin(a), 300.0}, 1500.0, i * 30.0, -25.0);
      const StreamedSelection sel = settledSelection(st, *w.stream, lodViewOf(s));
      // Over the share only by what this frame draws (its own chunks stay while it draws).
      EXPECT_LE(st.chunkBytes(), std::max(st.chunkBudget(), sel.draws.size() * std::size_t(8192))) << "pose " << i;
      maxGl = std::max(maxGl, gl::liveGlObjects());
    }
    return maxGl;
  };
  const int firstRound = flyRound();
  EXPECT_GT(st.chunksBuilt() * 4096, st.chunkBudget() * 2) << "the flight must need more chunks than fit";
  const int secondRound = flyRound();
  EXPECT_LE(secondRound, firstRound) << "GL objects grew on the same path";
}

class FailingSources final : public world::TileSources {
 public:
  std::string demName() const override { return "broken.tif"; }
  double demCellSize() const override { return 30.0; }
  void readHeights(const world::LocalGrid&, float*) const override {
    throw Error("broken.tif", "TIFFReadEncodedTile() failed: the tile is truncated");
  }
  int imageryCount() const override { return 0; }
  std::string imageryName(int) const override { return {}; }
  double imageryCellSize(int) const override { return 30.0; }
  void readRgba(int, const world::LocalGrid&, std::uint8_t*) const override {}
};

TEST(StreamedTerrain, AFailedReadStopsTheRenderWithTheSourcesName) {
  TB_REQUIRE_GPU();
  world::World w = test::makeConeWorld({});
  w.imagery.clear();
  w.stream = world::openTerrainStream(std::make_shared<FailingSources>(), {-3840, -3840}, {3840, 3840},
                                      {-3840, 3840}, {}, 64);
  SceneRenderer r(w);
  try {
    r.renderImage(view(160, 120));
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.file(), "broken.tif");
    EXPECT_NE(std::string(e.what()).find("truncated"), std::string::npos);
  }
}

}  // namespace
}  // namespace tb::render
