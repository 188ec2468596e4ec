// Per-frame geometry handed to the renderer (FrameSettings::overlay): draped lines, markers,
// labels and draped rasters land where the camera maths says; unchanged geometry is not rebuilt;
// one program cache serves every pass.
#include <cmath>
#include <memory>
#include <optional>

#include <gtest/gtest.h>

#include "GpuTestSupport.h"
#include "core/PngFile.h"
#include "render/OverlayGeometryPass.h"
#include "render/SceneRenderer.h"
#include "render/TextRenderer.h"
#include "render/gl/ProgramCache.h"

namespace tb::render {
namespace {

FrameSettings coneSettings(int w, int h) {
  FrameSettings s = test::bareFrame(w, h, {0.0, 0.0, 0.0}, 9000.0, 20.0, -45.0);
  s.fog = false;
  return s;
}

glm::ivec2 pixelOf(const FrameSettings& s, const glm::dvec3& local, const test::ConeWorldOptions& o) {
  const double d = glm::length(glm::dvec2(local));
  const double z = std::max(o.base, o.peak * (1.0 - d / o.radius));
  const glm::dvec4 clip = perspectiveMatrix(s.camera.fovYDeg, s.width, s.height, 10.0, 1e5) * s.camera.viewMatrix() *
                          glm::dvec4(local.x, local.y, z * s.exaggeration, 1.0);
  const glm::dvec3 ndc = glm::dvec3(clip) / clip.w;
  return {static_cast<int>(std::lround((ndc.x * 0.5 + 0.5) * s.width)),
          static_cast<int>(std::lround((0.5 - ndc.y * 0.5) * s.height))};
}

// Whether any pixel within `r` of p satisfies `pred`.
template <typename Pred>
bool anyNear(const ImageRGBA& img, glm::ivec2 p, int r, Pred pred) {
  for (int y = std::max(0, p.y - r); y <= std::min(img.height - 1, p.y + r); ++y)
    for (int x = std::max(0, p.x - r); x <= std::min(img.width - 1, p.x + r); ++x)
      if (pred(img.at(x, y))) return true;
  return false;
}
bool magenta(const std::uint8_t* p) { return p[0] > 180 && p[2] > 180 && p[1] < 90; }
bool blue(const std::uint8_t* p) { return p[2] > 150 && p[2] > p[0] + 80 && p[2] > p[1] + 40; }

TEST(OverlayGeometry, DrapedLineMarkerAndRasterLandWhereTheCameraSays) {
  TB_REQUIRE_GPU();
  const test::ConeWorldOptions opt;
  const world::World world = test::makeConeWorld(opt);
  FrameSettings s = coneSettings(480, 320);
  SceneRenderer renderer(world);
  const ImageRGBA before = renderer.renderImage(s);

  auto g = std::make_shared<OverlayGeometry>();
  OverlayPolyline line;
  line.points = {{-2500.0, 600.0, 0.0}, {2500.0, 600.0, 0.0}};  // across the cone's north flank
  line.color = {1.0f, 0.0f, 1.0f, 1.0f};
  line.widthPx = 4.0f;
  g->lines.push_back(line);
  OverlayMarker marker;
  marker.position = {-1200.0, -1200.0, 0.0};
  marker.color = {1.0f, 0.0f, 1.0f, 1.0f};
  marker.radiusPx = 6.0f;
  g->markers.push_back(marker);
  auto raster = std::make_shared<OverlayRaster>();
  raster->westEdge = 800.0;  // a blue square east of the summit, transparent elsewhere
  raster->northEdge = 400.0;
  raster->cell = 50.0;
  raster->width = raster->height = 16;  // 800 m square
  raster->rgba.assign(16 * 16 * 4, 0);
  for (int i = 0; i < 16 * 16; ++i) {
    raster->rgba[i * 4 + 2] = 255;
    raster->rgba[i * 4 + 3] = 230;
  }
  g->rasters.push_back(raster);
  s.overlay = g;
  const ImageRGBA after = renderer.renderImage(s);
  writePng(test::testOutputPath("overlay_geometry.png"), after);

  for (double x : {-1500.0, 0.0, 1500.0}) {
    const glm::ivec2 p = pixelOf(s, {x, 600.0, 0.0}, opt);
    EXPECT_TRUE(anyNear(after, p, 3, magenta)) << "line at x=" << x << " pixel " << p.x << "," << p.y;
    EXPECT_FALSE(anyNear(before, p, 3, magenta));
  }
  const glm::ivec2 m = pixelOf(s, marker.position, opt);
  EXPECT_TRUE(anyNear(after, m, 2, magenta)) << "marker";
  const glm::ivec2 inside = pixelOf(s, {1200.0, 0.0, 0.0}, opt), outside = pixelOf(s, {-1200.0, 0.0, 0.0}, opt);
  EXPECT_TRUE(blue(after.at(inside.x, inside.y))) << "raster inside its square";
  EXPECT_FALSE(blue(before.at(inside.x, inside.y)));
  EXPECT_FALSE(blue(after.at(outside.x, outside.y))) << "raster outside its square";

  s.overlay.reset();  // gone again: the frame is as before
  const ImageRGBA cleared = renderer.renderImage(s);
  EXPECT_EQ(test::diffImages(before, cleared, 0).maxChannelDiff, 0);
}

// A grid line's label goes where the line enters the image (walking from its south end, which is
// off screen in a close view), not at that end.
TEST(OverlayGeometry, EdgeLabelSitsWhereTheLineEntersTheImage) {
  TB_REQUIRE_GPU();
  const test::ConeWorldOptions opt;
  const world::World world = test::makeConeWorld(opt);
  FrameSettings s = test::bareFrame(480, 320, {0.0, 0.0, 0.0}, 3500.0, 0.0, -50.0);
  s.fog = false;
  SceneRenderer renderer(world);
  auto g = std::make_shared<OverlayGeometry>();
  OverlayPolyline meridian;
  for (double y = -3800.0; y <= 3800.0; y += 100.0) meridian.points.emplace_back(-300.0, y, 0.0);
  meridian.color = {1.0f, 0.0f, 1.0f, 1.0f};
  g->lines.push_back(meridian);
  s.overlay = g;
  const ImageRGBA plain = renderer.renderImage(s);
  auto labelled = std::make_shared<OverlayGeometry>(*g);
  labelled->lines[0].edgeLabel = "05E";
  labelled->lines[0].edgeLabelSizePx = 24.0f;
  s.overlay = labelled;
  const ImageRGBA withLabel = renderer.renderImage(s);
  writePng(test::testOutputPath("overlay_edge_label.png"), withLabel);

  // Where the line enters the image, by the camera maths: its first point inside, from the south.
  const glm::ivec2 south = pixelOf(s, meridian.points.front(), opt);
  ASSERT_TRUE(south.y > s.height || south.x < 0 || south.x > s.width) << "the south end must be off screen";
  std::optional<glm::ivec2> entry;
  for (const glm::dvec3& p : meridian.points) {
    const glm::ivec2 px = pixelOf(s, p, opt);
    if (px.x > 6 && px.x < s.width - 6 && px.y > 6 && px.y < s.height - 6) {
      entry = px;
      break;
    }
  }
  ASSERT_TRUE(entry);
  EXPECT_GT(entry->y, s.height - 60) << "a meridian seen from the south enters at the bottom edge";
  int nearEntry = 0, elsewhere = 0;
  for (int y = 0; y < s.height; ++y)
    for (int x = 0; x < s.width; ++x) {
      const std::uint8_t *a = plain.at(x, y), *b = withLabel.at(x, y);
      if (std::abs(a[0] - b[0]) + std::abs(a[1] - b[1]) + std::abs(a[2] - b[2]) < 60) continue;
      if (std::abs(x - entry->x) < 90 && std::abs(y - entry->y) < 50) ++nearEntry;
      else ++elsewhere;
    }
  EXPECT_GT(nearEntry, 30) << "the label is drawn beside the entry point " << entry->x << "," << entry->y;
  EXPECT_EQ(elsewhere, 0) << "and nowhere else";
}

TEST(OverlayGeometry, UnchangedGeometryIsNotRebuiltAndTheProgramCacheShares) {
  TB_REQUIRE_GPU();
  const world::World world = test::makeConeWorld();
  gl::ProgramCache programs;
  TextRenderer text(programs);
  PassResources resources{world, programs, text};
  OverlayGeometryPass pass(resources);
  FrameSettings s = coneSettings(64, 48);
  auto make = [](double x) {
    auto g = std::make_shared<OverlayGeometry>();
    OverlayPolyline l;
    l.points = {{-x, 0.0, 0.0}, {x, 0.0, 0.0}};
    g->lines.push_back(l);
    return g;
  };
  s.overlay = make(1000);
  pass.prepare(s);
  s.overlay = make(1000);  // another object with equal content
  pass.prepare(s);
  EXPECT_EQ(pass.rebuilds(), 1u);
  s.overlay = make(1001);
  pass.prepare(s);
  EXPECT_EQ(pass.rebuilds(), 2u);
  auto labelled = std::make_shared<OverlayGeometry>(*make(1001));
  labelled->labels.push_back({{0.0, 0.0, 0.0}, true, "moved label", glm::vec4(1.0f), 14.0f});
  s.overlay = labelled;  // the same lines with a new label: the lines are kept
  pass.prepare(s);
  EXPECT_EQ(pass.rebuilds(), 2u);
  OverlayGeometryPass live(resources, &FrameSettings::liveOverlay);
  s.liveOverlay = make(500);  // a rubber band in the live slot rebuilds only the live pass
  live.prepare(s);
  pass.prepare(s);
  EXPECT_EQ(live.rebuilds(), 1u);
  EXPECT_EQ(pass.rebuilds(), 2u);

  const std::size_t before = programs.size();
  const gl::Program& a = programs.get({"overlay_line.vert", "overlay_line.geom", "overlay_line.frag"});
  const gl::Program& b = programs.get({"overlay_line.vert", "overlay_line.geom", "overlay_line.frag"});
  EXPECT_EQ(&a, &b);
  EXPECT_EQ(programs.size(), before) << "the draped lines' program was built once, by the overlay pass";
  const gl::Program& c = programs.get({"text.vert", "text.frag"}, "#define UNUSED 1\n");
  EXPECT_NE(&c, &programs.get({"text.vert", "text.frag"}));
}

}  // namespace
}  // namespace tb::render
