// SceneRenderer on small synthetic worlds: geometry lands where the camera maths says, tiled
// renders equal untiled ones, nothing leaks, passes leave GL state alone, bad sizes are refused.
#include <algorithm>
#include <cmath>

#include <gtest/gtest.h>

#include "GlStateSentinel.h"
#include "GpuTestSupport.h"
#include "core/PngFile.h"
#include "render/FrameContext.h"
#include "render/SceneRenderer.h"
#include "render/TerrainPass.h"
#include "render/TextRenderer.h"
#include "render/gl/ProgramCache.h"
#include "render/gl/Framebuffer.h"
#include "render/gl/GlStateGuard.h"
#include "render/gl/LiveObjects.h"
#include "render/gl/VertexArray.h"

namespace tb::render {
namespace {

// This file tests the 3D passes; overlays have their own tests. Looking past the summit, so it
// lands off-centre in the image.
FrameSettings coneSettings(int w, int h) { return test::bareFrame(w, h, {1200.0, -700.0, 0.0}, 9000.0, 20.0, -35.0); }

glm::dvec2 projectToPixel(const FrameSettings& s, const glm::dvec3& p) {
  // Near/far do not move x,y; any valid pair works.
  const glm::dvec4 clip = perspectiveMatrix(s.camera.fovYDeg, s.width, s.height, 10.0, 1e5) * s.camera.viewMatrix() *
                          glm::dvec4(p, 1.0);
  const glm::dvec3 ndc = glm::dvec3(clip) / clip.w;
  return {(ndc.x * 0.5 + 0.5) * s.width, (0.5 - ndc.y * 0.5) * s.height};
}

bool isSummitRed(const std::uint8_t* p) { return p[0] > 110 && p[0] > p[1] + 60 && p[0] > p[2] + 60; }

TEST(RenderScene, ConeSummitLandsAtTheProjectedPixel) {
  TB_REQUIRE_GPU();
  const test::ConeWorldOptions opt;
  const world::World world = test::makeConeWorld(opt);
  const FrameSettings s = coneSettings(480, 320);
  SceneRenderer renderer(world);
  const ImageRGBA image = renderer.renderImage(s);
  writePng(test::testOutputPath("cone_geometry.png"), image);

  const glm::dvec2 summit = projectToPixel(s, {0.0, 0.0, opt.peak * s.exaggeration});
  ASSERT_GT(summit.x, 20);
  ASSERT_LT(summit.x, s.width - 20);
  ASSERT_NE(std::lround(summit.x), s.width / 2) << "the test camera should not aim at the summit";

  // (1) The summit pixel (+-2 px) shows the summit's paint.
  bool redNearSummit = false;
  for (int dy = -2; dy <= 2; ++dy)
    for (int dx = -2; dx <= 2; ++dx)
      redNearSummit |= isSummitRed(image.at(int(summit.x) + dx, int(summit.y) + dy));
  EXPECT_TRUE(redNearSummit) << "summit expected at " << summit.x << "," << summit.y;

  // (2) The painted disc's projected outline bounds every red pixel, and the red pixels fill it.
  const double rimZ = opt.peak * (1.0 - opt.summitPaintRadius / opt.radius) * s.exaggeration;
  glm::dvec2 lo(1e9), hi(-1e9);
  for (int i = 0; i < 64; ++i) {
    const double a = i * 2.0 * M_PI / 64;
    const glm::dvec2 q =
        projectToPixel(s, {opt.summitPaintRadius * std::cos(a), opt.summitPaintRadius * std::sin(a), rimZ});
    lo = glm::min(lo, q);
    hi = glm::max(hi, q);
  }
  lo = glm::min(lo, summit);
  hi = glm::max(hi, summit);
  glm::dvec2 redLo(1e9), redHi(-1e9);
  int red = 0, strayRed = 0;
  for (int y = 0; y < image.height; ++y)
    for (int x = 0; x < image.width; ++x) {
      if (!isSummitRed(image.at(x, y))) continue;
      ++red;
      const glm::dvec2 c(x + 0.5, y + 0.5);
      redLo = glm::min(redLo, c);
      redHi = glm::max(redHi, c);
      if (c.x < lo.x - 2 || c.x > hi.x + 2 || c.y < lo.y - 2 || c.y > hi.y + 2) ++strayRed;
    }
  EXPECT_GT(red, 50);
  EXPECT_EQ(strayRed, 0) << "red outside the projected paint bounds " << lo.x << "," << lo.y << " - " << hi.x << ","
                         << hi.y;
  // Imagery is filtered across one 30 m cell (about 1.5 px here), hence 3 px.
  EXPECT_NEAR(redLo.x, lo.x, 3.0);
  EXPECT_NEAR(redHi.x, hi.x, 3.0);
  EXPECT_NEAR(redLo.y, lo.y, 3.0);
  EXPECT_NEAR(redHi.y, hi.y, 3.0);

  // (3) Elsewhere: the ground's green below the horizon and sky above it.
  const std::uint8_t* ground = image.at(20, s.height - 10);
  EXPECT_GT(ground[1], ground[0]) << "bottom-left should be green ground";
  const std::uint8_t* sky = image.at(s.width / 2, 2);
  EXPECT_GT(sky[2], sky[0]) << "top should be bluish sky or haze";
}

TEST(RenderScene, TiledRenderEqualsUntiled) {
  TB_REQUIRE_GPU();
  test::ConeWorldOptions opt;
  opt.seaBeyondX = 1500;  // sea too: the water shading must also agree across tiles
  const world::World world = test::makeConeWorld(opt);
  const FrameSettings s = coneSettings(400, 300);
  SceneRenderer renderer(world);
  const ImageRGBA whole = renderer.renderImage(s);
  const ImageRGBA tiled = renderer.renderImage(s, 128);  // 4 x 3 tiles, partial ones at the edges
  // Each tile's projection is a different float matrix, so a vertex can land a rounding step
  // apart and flip coverage of an edge pixel, and depth-fighting skirts may resolve differently;
  // anything beyond a handful of such pixels would be a real seam or offset.
  const test::ImageDiff d = test::diffImages(whole, tiled, 2);
  if (d.fractionWithin < 0.995) {
    writePng(test::testOutputPath("tiled_whole.png"), whole);
    writePng(test::testOutputPath("tiled_tiled.png"), tiled);
    writePng(test::testOutputPath("tiled_diff.png"), d.diff);
  }
  EXPECT_GE(d.fractionWithin, 0.995) << "max channel diff " << d.maxChannelDiff;
}

TEST(RenderScene, NoGlObjectOutlivesTheRenderer) {
  TB_REQUIRE_GPU();
  ASSERT_EQ(gl::liveGlObjects(), 0) << "an earlier test leaked GL objects";
  {
    const world::World world = test::makeConeWorld();
    SceneRenderer renderer(world);
    renderer.renderImage(coneSettings(64, 48));
    EXPECT_GT(gl::liveGlObjects(), 0);
  }
  EXPECT_EQ(gl::liveGlObjects(), 0);
}

TEST(RenderScene, PassesLeaveGlStateAsFound) {
  TB_REQUIRE_GPU();
  const world::World world = test::makeConeWorld();
  const FrameSettings s = coneSettings(64, 48);
  gl::Framebuffer fbo = gl::Framebuffer::create();
  gl::Renderbuffer color = gl::Renderbuffer::create(GL_RGBA8, 64, 48);
  gl::Renderbuffer depth = gl::Renderbuffer::create(GL_DEPTH_COMPONENT24, 64, 48);
  fbo.attach(GL_COLOR_ATTACHMENT0, color);
  fbo.attach(GL_DEPTH_ATTACHMENT, depth);
  {
    SceneRenderer renderer(world);
    test::GlStateSentinel sentinel(fbo.id());
    ASSERT_TRUE(sentinel.set());
    renderer.draw(s);
    EXPECT_TRUE(sentinel.intact()) << "SceneRenderer::draw";
    ASSERT_TRUE(sentinel.set());
    renderer.renderImage(s);
    EXPECT_TRUE(sentinel.intact()) << "SceneRenderer::renderImage";
  }
  {
    // The passes one by one, without the renderer's own guard around them.
    gl::ProgramCache programs;
    TextRenderer text(programs);
    PassResources resources{world, programs, text};
    TerrainPass terrain(resources);
    FrameContext ctx{world, s};
    ctx.view = s.camera.viewMatrix();
    ctx.nearZ = 100;
    ctx.farZ = 1e5;
    ctx.proj = perspectiveMatrix(s.camera.fovYDeg, s.width, s.height, ctx.nearZ, ctx.farZ);
    ctx.viewProj = ctx.proj * ctx.view;
    ctx.fullWidth = ctx.tileWidth = s.width;
    ctx.fullHeight = ctx.tileHeight = s.height;
    test::GlStateSentinel sentinel(fbo.id());
    ASSERT_TRUE(sentinel.set());
    terrain.draw(ctx, {{terrain.lod().levelCount() - 1, 0, 0}});
    EXPECT_TRUE(sentinel.intact()) << "TerrainPass";
    GLint clipOrigin = 0, clipDepth = 0;
    glGetIntegerv(GL_CLIP_ORIGIN, &clipOrigin);
    glGetIntegerv(GL_CLIP_DEPTH_MODE, &clipDepth);
    EXPECT_EQ(clipOrigin, GL_LOWER_LEFT) << "the depth pass's reversed Z must not leak";
    EXPECT_EQ(clipDepth, GL_NEGATIVE_ONE_TO_ONE);
  }
  EXPECT_EQ(glGetError(), static_cast<GLenum>(GL_NO_ERROR));
}

TEST(RenderScene, ImpossibleSizesThrowSizeErrors) {
  TB_REQUIRE_GPU();
  const world::World world = test::makeConeWorld();
  SceneRenderer renderer(world);
  for (const auto& [w, h] : {std::pair{0, 0}, {100000, 100000}, {-4, 10}, {16385, 16}, {16, 0}}) {
    FrameSettings s = coneSettings(w, h);
    try {
      renderer.renderImage(s);
      ADD_FAILURE() << w << "x" << h << " rendered";
    } catch (const Error& e) {
      EXPECT_EQ(e.file(), "--size") << e.what();
      EXPECT_EQ(e.exitCode(), kExitBadInput);
      EXPECT_NE(std::string(e.what()).find(std::to_string(w) + "x" + std::to_string(h)), std::string::npos);
    }
  }
  const ImageRGBA one = renderer.renderImage(coneSettings(1, 1));  // the smallest legal size
  EXPECT_EQ(one.width, 1);
  EXPECT_EQ(one.pixels[3], 255);
}

TEST(RenderScene, StatsCountTilesAndTriangles) {
  TB_REQUIRE_GPU();
  const world::World world = test::makeConeWorld();
  SceneRenderer renderer(world);
  const FrameStats st = renderer.draw(coneSettings(128, 96));
  EXPECT_GT(st.tiles, 0);
  gl::ProgramCache programs;
  TextRenderer text(programs);
  PassResources resources{world, programs, text};
  const long long quads = TerrainPass(resources).lod().tileQuads();
  EXPECT_GE(st.triangles, static_cast<long long>(st.tiles) * quads * quads * 2);
  EXPECT_TRUE(st.settled);
}

}  // namespace
}  // namespace tb::render
