// Elevation: the same heights whether the world is in memory or streamed, nothing outside the
// data or on nodata, windows on the native sample positions.
#include <cmath>

#include <gtest/gtest.h>

#include "analysis/Elevation.h"
#include "AnalysisWorlds.h"

namespace tb::analysis {
namespace {

double surface(double x, double y) { return 200.0 + 0.05 * x + 40.0 * std::sin(y / 300.0); }

TEST(Elevation, InMemoryAndStreamedWorldsAnswerTheSame) {
  const world::World memory = test::makeWorld(2000, 1500, 10, surface);
  const world::World stream = test::streamed(memory);
  const Elevation a(memory), b(stream);
  EXPECT_DOUBLE_EQ(a.nativeCellSize(), 10.0);
  EXPECT_DOUBLE_EQ(b.nativeCellSize(), 10.0);
  EXPECT_EQ(a.dataLo(), b.dataLo());
  EXPECT_EQ(a.dataHi(), b.dataHi());
  std::vector<glm::dvec2> pts;
  for (int i = 0; i < 50; ++i) pts.push_back({-1990.0 + 79.3 * i, -1400.0 + 55.1 * i});
  const auto batch = b.heightsAt(pts);
  for (std::size_t i = 0; i < pts.size(); ++i) {
    const auto ha = a.heightAt(pts[i]), hb = b.heightAt(pts[i]);
    ASSERT_TRUE(ha && hb && batch[i]) << i;
    EXPECT_NEAR(*ha, *hb, 1e-3) << i;
    EXPECT_NEAR(*hb, *batch[i], 1e-3) << i;
    EXPECT_NEAR(*ha, surface(pts[i].x, pts[i].y), 0.05) << i;  // bilinear of a smooth surface
  }
  EXPECT_FALSE(a.heightAt({2001, 0}));
  EXPECT_FALSE(b.heightAt({0, -1501}));
}

TEST(Elevation, WindowsAtTheNativeCellSitOnTheSamples) {
  const world::World memory = test::makeWorld(1000, 1000, 10, surface);
  const world::World stream = test::streamed(memory);
  for (const world::World* w : {&memory, &stream}) {
    const HeightWindow win = Elevation(*w).readWindow({-95, -52}, {33, 41});
    EXPECT_EQ(win.width, 15);   // samples -100 .. 40
    EXPECT_EQ(win.height, 12);  // samples 50 .. -60
    EXPECT_DOUBLE_EQ(win.centre(0, 0).x, -100.0);
    EXPECT_DOUBLE_EQ(win.centre(0, 0).y, 50.0);
    for (int r = 0; r < win.height; ++r)
      for (int c = 0; c < win.width; ++c)
        EXPECT_NEAR(win.at(c, r), surface(win.centre(c, r).x, win.centre(c, r).y), 1e-3);
    // Beyond the data: NaN.
    const HeightWindow edge = Elevation(*w).readWindow({950, 0}, {1100, 20});
    EXPECT_FALSE(std::isnan(edge.at(0, 0)));
    EXPECT_TRUE(std::isnan(edge.at(edge.width - 1, 0)));
  }
}

TEST(Elevation, StreamedNodataIsNothing) {
  const world::World memory = test::makeWorld(1000, 1000, 10, surface);
  auto sources = std::make_shared<world::MemoryTileSources>(memory);
  sources->punch([](glm::dvec2 p) { return glm::length(p - glm::dvec2(300, 300)) < 100; });
  const world::World stream = test::streamed(memory, sources);
  const Elevation e(stream);
  EXPECT_FALSE(e.heightAt({300, 300}));
  EXPECT_TRUE(e.contains({300, 300}));
  EXPECT_TRUE(e.heightAt({-300, 300}));
  EXPECT_FALSE(e.heightsAt({{300, 300}})[0]);
}

}  // namespace
}  // namespace tb::analysis
