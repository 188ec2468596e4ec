// Profile: sampling at the native cell, the summary figures on analytic surfaces, the CSV file.
#include <cmath>
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "analysis/Elevation.h"
#include "analysis/Profile.h"
#include "core/Error.h"
#include "AnalysisWorlds.h"

namespace tb::analysis {
namespace {

constexpr double kScale = 0.99960;  // UTM scale factor near the test worlds' centre (grid m per ellipsoid m)

TEST(Profile, RampUpAndDownAtTheNativeCell) {
  // A ridge: up 20 % to x = 0, down 10 % after it.
  const world::World w =
      test::makeWorld(3000, 500, 10, [](double x, double) { return x < 0 ? 500 + 0.2 * x : 500 - 0.1 * x; });
  for (const world::World& world : {w, test::streamed(w)}) {
    const Profile p = elevationProfile(Elevation(world), {{-1000, 0}, {0, 0}, {2000, 0}});
    EXPECT_DOUBLE_EQ(p.spacing, 10.0);
    ASSERT_EQ(p.samples.size(), 301u);  // 3 km at 10 m, both ends
    EXPECT_NEAR(p.length, 3000.0 / kScale, 0.5);
    EXPECT_NEAR(p.samples[100].distance, 1000.0 / kScale, 0.2);
    EXPECT_NEAR(*p.minHeight, 300.0, 1e-3);
    EXPECT_NEAR(*p.maxHeight, 500.0, 1e-3);
    EXPECT_NEAR(p.ascent, 200.0, 1e-2);
    EXPECT_NEAR(p.descent, 200.0, 1e-2);
    EXPECT_NEAR(p.maxSlope, 0.2 * kScale, 1e-3);
    EXPECT_NEAR(p.meanSlope, 400.0 / p.length, 1e-4);
    EXPECT_EQ(p.missing, 0u);
    // lon/lat come from the projection: the middle vertex is grid north of nothing, just east.
    EXPECT_GT(p.samples.back().lonLat.x, p.samples.front().lonLat.x);
  }
}

TEST(Profile, SineSurfaceHeightsAreExact) {
  auto z = [](double x, double y) { return 100 + 50 * std::sin(x / 200.0) + 0.01 * y; };
  const world::World w = test::makeWorld(2000, 2000, 10, z);
  const Profile p = elevationProfile(Elevation(w), {{-1500, -1000}, {1500, 1200}});
  for (const ProfileSample& s : p.samples) EXPECT_NEAR(*s.height, z(s.local.x, s.local.y), 0.05);
  // Spacing along a diagonal never exceeds the native cell.
  for (std::size_t i = 1; i < p.samples.size(); ++i)
    EXPECT_LE(glm::length(p.samples[i].local - p.samples[i - 1].local), 10.0 + 1e-9);
}

TEST(Profile, NodataIsMissingNotZero) {
  const world::World w = test::makeWorld(1000, 1000, 10, [](double, double) { return 80.0; });
  auto sources = std::make_shared<world::MemoryTileSources>(w);
  sources->punch([](glm::dvec2 p) { return std::abs(p.x) < 100; });
  const world::World stream = test::streamed(w, sources);
  const Profile p = elevationProfile(Elevation(stream), {{-500, 0}, {500, 0}});
  EXPECT_GT(p.missing, 15u);
  EXPECT_NEAR(*p.minHeight, 80.0, 1e-3);
  EXPECT_EQ(p.ascent, 0.0);
}

TEST(Profile, BadPathsSayWhy) {
  const world::World w = test::makeWorld(1000, 1000, 10, [](double, double) { return 80.0; });
  const Elevation e(w);
  auto problem = [&](std::vector<glm::dvec2> path) {
    try {
      elevationProfile(e, path);
    } catch (const Error& err) {
      return err.file() + ": " + err.problem();
    }
    return std::string("no error");
  };
  EXPECT_EQ(problem({{0, 0}}), "path: a profile needs at least two points");
  EXPECT_EQ(problem({{5, 5}, {5, 5}}), "path: has zero length (all points are the same)");
  EXPECT_EQ(problem({{0, 0}, {0, 2000}}), "point 2: lies outside the terrain data");
}

TEST(Profile, CsvHasOneRowPerSample) {
  const world::World w = test::makeWorld(1000, 1000, 10, [](double x, double) { return 80.0 + x * 0.01; });
  const Profile p = elevationProfile(Elevation(w), {{0, 0}, {100, 0}});
  const std::string dir = std::string(TB_TEST_OUTPUT_DIR) + "/analysis";
  std::filesystem::create_directories(dir);
  const std::string path = dir + "/profile.csv";
  writeProfileCsv(p, path);
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  EXPECT_EQ(line, "distance_m,lon,lat,x,y,height_m");
  int rows = 0;
  std::string last;
  while (std::getline(in, line)) ++rows, last = line;
  EXPECT_EQ(rows, 11);
  EXPECT_NE(last.find(",100.00,0.00,81.00"), std::string::npos) << last;
  EXPECT_THROW(writeProfileCsv(p, dir), Error);  // a directory is not an output file
}

}  // namespace
}  // namespace tb::analysis
