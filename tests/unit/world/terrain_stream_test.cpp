// TerrainStream: nodes built from their sources on worker threads, the RAM budget, failures,
// nodata and the elevation queries, against an analytic surface.
#include <sys/resource.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>
#include <limits>
#include <thread>

#include <gtest/gtest.h>

#include "core/Error.h"
#include "world/TerrainStream.h"

namespace tb::world {
namespace {

// z = 100 + 0.02 x + 30 sin(y / 400); no data inside a 300 m disc around (2000, 2000) and
// outside [-4000, 4000]^2. One imagery layer, red where x > 0.
class AnalyticSources final : public TileSources {
 public:
  static double z(double x, double y) { return 100.0 + 0.02 * x + 30.0 * std::sin(y / 400.0); }
  static bool hole(double x, double y) { return std::hypot(x - 2000.0, y - 2000.0) < 300.0; }
  std::string demName() const override { return "analytic.tif"; }
  double demCellSize() const override { return 10.0; }
  void readHeights(const LocalGrid& g, float* out) const override {
    ++reads;
    if (failAbove >= 0 && g.cell < failAbove) throw Error("analytic.tif", "a tile is truncated");
    for (int r = 0; r < g.height; ++r)
      for (int c = 0; c < g.width; ++c) {
        const double x = g.westEdge + (c + 0.5) * g.cell, y = g.northEdge - (r + 0.5) * g.cell;
        const bool inside = std::abs(x) <= 4000.0 && std::abs(y) <= 4000.0 && !hole(x, y);
        out[r * g.width + c] = inside ? static_cast<float>(z(x, y)) : std::numeric_limits<float>::quiet_NaN();
      }
  }
  int imageryCount() const override { return 1; }
  std::string imageryName(int) const override { return "analytic imagery"; }
  double imageryCellSize(int) const override { return 10.0; }
  void readRgba(int, const LocalGrid& g, std::uint8_t* out) const override {
    for (int r = 0; r < g.height; ++r)
      for (int c = 0; c < g.width; ++c) {
        const double x = g.westEdge + (c + 0.5) * g.cell;
        std::uint8_t* p = out + (r * g.width + c) * 4;
        p[0] = x > 0 ? 255 : 0, p[1] = 0, p[2] = x > 0 ? 0 : 255, p[3] = 255;
      }
  }
  mutable std::atomic<int> reads{0};
  double failAbove = -1;  // cells finer than this fail
};

std::shared_ptr<TerrainStream> open(std::shared_ptr<AnalyticSources> s, StreamBudgets b = {}) {
  b.workers = 2;
  return openTerrainStream(s, {-4000, -4000}, {4000, 4000}, {-4000, 4000}, b, 64);
}

void settle(TerrainStream& stream) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (stream.busy() && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
}

TEST(TerrainStream, BuildsANodeFromItsSources) {
  AnalyticSources src;
  auto stream = open(std::make_shared<AnalyticSources>());
  const auto& l = stream->layout();
  EXPECT_DOUBLE_EQ(l.cellSize(l.maxDepth), 10.0);
  EXPECT_EQ(stream->demDepth(), l.maxDepth);
  const terrain::QuadKey key = l.keyAt({2000, 2000}, l.maxDepth - 1);
  const auto t = TerrainStream::buildTile(src, l, key, stream->demDepth());
  ASSERT_TRUE(t->anyData);
  const int n = t->cells + 1;
  const glm::dvec2 nw = l.nw(key);
  const double cell = l.cellSize(key.depth);
  int holes = 0;
  for (int r = 0; r < n; ++r)
    for (int c = 0; c < n; ++c) {
      const double x = nw.x + c * cell, y = nw.y - r * cell;
      const float h = t->heights[r * n + c];
      if (AnalyticSources::hole(x, y)) {
        EXPECT_TRUE(std::isnan(h));
        EXPECT_EQ(t->noData[r * n + c], 1);
        ++holes;
      } else if (std::abs(x) <= 4000 && std::abs(y) <= 4000) {
        EXPECT_NEAR(h, AnalyticSources::z(x, y), 1e-3);  // nodes lie on the samples
      }
    }
  EXPECT_GT(holes, 100);
  EXPECT_GT(t->dataError, 0.0f);  // coarser than the DEM: it estimates what finer data adds
  EXPECT_LT(t->dataError, 30.0f);
  // Gradient: dz/dx = 0.02 everywhere (companded: e = sqrt(g / 8) * 127).
  const int g0 = (5 * t->cells + 5) * 2;
  EXPECT_NEAR(t->gradient[g0], std::sqrt(0.02 / 8.0) * 127.0, 1.0);
  ASSERT_EQ(t->imagery.size(), 1u);
  EXPECT_EQ(t->imagery[0].size(), mipChainTexels(t->cells) * 4);
}

TEST(TerrainStream, NodesAtTheDemsResolutionCarryNoDataError) {
  AnalyticSources src;
  auto stream = open(std::make_shared<AnalyticSources>());
  const auto& l = stream->layout();
  const auto t = TerrainStream::buildTile(src, l, l.keyAt({-1000, -1000}, l.maxDepth), stream->demDepth());
  EXPECT_EQ(t->dataError, 0.0f);
}

TEST(TerrainStream, NodesOutsideTheDataAreNeverRead) {
  auto src = std::make_shared<AnalyticSources>();
  auto stream = open(src);
  const auto& l = stream->layout();
  // The root is wider than the data (a power of two of 64-cell nodes); its far corner is empty.
  const terrain::QuadKey far{l.maxDepth, (1 << l.maxDepth) - 1, (1 << l.maxDepth) - 1};
  ASSERT_FALSE(stream->hasData(far));
  settle(*stream);  // the top nodes every view starts from are read when the stream opens
  EXPECT_EQ(src->reads.load(), 5);
  stream->want({far});
  settle(*stream);
  EXPECT_EQ(src->reads.load(), 5);
}

TEST(TerrainStream, WorkersReadWhatIsWantedAndTheElevationQueriesAnswer) {
  auto src = std::make_shared<AnalyticSources>();
  auto stream = open(src);
  {
    TerrainStream bare(src, stream->layout(), {-4000, -4000}, {4000, 4000}, {});
    EXPECT_FALSE(bare.residentHeight({0, 0}));  // nothing resident yet: no answer, no I/O
  }
  const auto& l = stream->layout();
  std::vector<terrain::QuadKey> keys{{0, 0, 0}};
  for (int d = 1; d <= l.maxDepth; ++d) keys.push_back(l.keyAt({-1234, 567}, d));
  stream->want(keys);
  settle(*stream);
  EXPECT_GE(stream->takeArrived().size(), keys.size());
  EXPECT_TRUE(stream->takeArrived().empty());
  for (const auto& k : keys) EXPECT_NE(stream->find(k), nullptr);
  const auto h = stream->residentHeight({-1234, 567});
  ASSERT_TRUE(h);
  EXPECT_NEAR(*h, AnalyticSources::z(-1234, 567), 0.5);  // bilinear at 10 m over a smooth surface
  const auto native = stream->nativeHeight({-1234.5, 567.25});
  ASSERT_TRUE(native);
  EXPECT_NEAR(*native, AnalyticSources::z(-1234.5, 567.25), 0.5);
  EXPECT_FALSE(stream->nativeHeight({2000, 2000}));   // nodata stays nodata
  EXPECT_FALSE(stream->nativeHeight({5000, 0}));      // beyond the data
  EXPECT_FALSE(stream->residentHeight({2000, 2000}));
  // A NaN point (a camera gone astray) has no height; nothing is read for it.
  EXPECT_FALSE(stream->residentHeight({NAN, 567}));
  EXPECT_FALSE(stream->nativeHeight({-1234.5, NAN}));
  EXPECT_EQ(l.keyAt({NAN, NAN}, l.maxDepth), (terrain::QuadKey{l.maxDepth, 0, 0}));
  EXPECT_EQ(l.keyAt({1e300, -1e300}, 3), (terrain::QuadKey{3, 7, 7}));
}

// The nice values of this process's tile reader threads (named tb-tiles).
std::vector<int> tileReaderNice() {
  std::vector<int> out;
  for (const auto& e : std::filesystem::directory_iterator("/proc/self/task")) {
    std::ifstream comm(e.path() / "comm");
    std::string name;
    std::getline(comm, name);
    if (name != "tb-tiles") continue;
    std::ifstream stat(e.path() / "stat");
    const std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
    std::istringstream fields(text.substr(text.rfind(')') + 2));  // from field 3 (state) on
    std::string f;
    for (int i = 3; i <= 19; ++i) fields >> f;  // field 19: nice
    out.push_back(std::stoi(f));
  }
  return out;
}

TEST(TerrainStream, AnInteractiveViewLowersTheTileReadersPriority) {
  auto stream = open(std::make_shared<AnalyticSources>());
  settle(*stream);
  const int base = getpriority(PRIO_PROCESS, 0);
  ASSERT_EQ(tileReaderNice(), (std::vector<int>{base, base}));
  stream->setBackground();
  const int expected = std::min(19, base + TerrainStream::kBackgroundNice);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (tileReaderNice() != std::vector<int>{expected, expected} && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  EXPECT_EQ(tileReaderNice(), (std::vector<int>{expected, expected}));
  // They still read.
  const std::size_t reads = stream->reads();
  stream->want({{2, 1, 1}, {2, 2, 2}});
  settle(*stream);
  EXPECT_EQ(stream->reads(), reads + 2);
  EXPECT_EQ(getpriority(PRIO_PROCESS, 0), base);  // the caller's thread is untouched
}

TEST(TerrainStream, RamBudgetDropsTheLeastRecentlyUsedButKeepsTheTop) {
  auto src = std::make_shared<AnalyticSources>();
  StreamBudgets b;
  b.ramBytes = 600u << 10;  // about eight 64-cell nodes
  auto stream = open(src, b);
  const auto& l = stream->layout();
  const int d = l.maxDepth;
  std::vector<terrain::QuadKey> first{{0, 0, 0}}, later;
  for (int i = 0; i < 8; ++i) first.push_back({d, i, 0});
  stream->want(first);
  settle(*stream);
  for (int i = 0; i < 8; ++i) later.push_back({d, i, 5});
  stream->want(later);
  settle(*stream);
  EXPECT_LE(stream->ramBytes(), b.ramBytes);
  EXPECT_NE(stream->find({0, 0, 0}), nullptr);      // pinned
  EXPECT_EQ(stream->find({d, 0, 0}), nullptr);      // the oldest went first
  EXPECT_NE(stream->find({d, 7, 5}), nullptr);      // the newest stayed
}

TEST(TerrainStream, AFailedReadIsReportedNamingTheSourceAndNotRetried) {
  auto src = std::make_shared<AnalyticSources>();
  src->failAbove = 1e9;  // every read fails
  auto stream = open(src);
  stream->want({{0, 0, 0}});
  settle(*stream);
  const auto f = stream->failure();
  ASSERT_TRUE(f);
  EXPECT_EQ(f->file(), "analytic.tif");
  EXPECT_NE(std::string(f->what()).find("truncated"), std::string::npos);
  const int reads = src->reads.load();
  stream->want({{0, 0, 0}});
  settle(*stream);
  EXPECT_EQ(src->reads.load(), reads);
}

TEST(TerrainStream, BudgetsComeFromTheEnvironment) {
  setenv("TERRABRIEF_RAM_BUDGET_MB", "100", 1);
  setenv("TERRABRIEF_GPU_BUDGET_MB", "nonsense", 1);
  const StreamBudgets b = StreamBudgets::fromEnvironment();
  unsetenv("TERRABRIEF_RAM_BUDGET_MB");
  unsetenv("TERRABRIEF_GPU_BUDGET_MB");
  EXPECT_EQ(b.ramBytes, std::size_t(100) << 20);
  EXPECT_EQ(b.gpuBytes, StreamBudgets{}.gpuBytes);  // a bad value is warned about and ignored
}

TEST(TerrainStream, TheEnvironmentOverridesTheScenesBudgets) {
  StreamBudgets scene;
  scene.ramBytes = std::size_t(900) << 20;
  scene.gpuBytes = std::size_t(64) << 20;
  setenv("TERRABRIEF_GPU_BUDGET_MB", "32", 1);
  const StreamBudgets b = StreamBudgets::fromEnvironment(scene);
  unsetenv("TERRABRIEF_GPU_BUDGET_MB");
  EXPECT_EQ(b.ramBytes, std::size_t(900) << 20);  // not set in the environment: the scene's
  EXPECT_EQ(b.gpuBytes, std::size_t(32) << 20);
}

}  // namespace
}  // namespace tb::world
