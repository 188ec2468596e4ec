// Camera clearance and flights over a streamed scene read the resident tiles (world/StreamGround)
// before the overview: a ridge 30 m wide and 600 m high, which a 200 m overview flattens to a
// bump, keeps the camera above its real height once its tiles are resident.
#include <chrono>
#include <cmath>
#include <limits>
#include <thread>

#include <gtest/gtest.h>

#include "camera/CameraFlight.h"
#include "camera/CameraNavigation.h"
#include "world/StreamGround.h"
#include "world/TerrainStream.h"

namespace tb::world {
namespace {

constexpr double kRidgeX = 1000.0, kRidgeHalfWidth = 15.0, kRidgeTop = 700.0, kPlain = 100.0;

// 10 m cells over [-4000, 4000]^2: a plain at 100 m with a north-south ridge at x = 1000.
class RidgeSources final : public TileSources {
 public:
  static double z(double x) { return std::abs(x - kRidgeX) < kRidgeHalfWidth ? kRidgeTop : kPlain; }
  std::string demName() const override { return "ridge.tif"; }
  double demCellSize() const override { return 10.0; }
  void readHeights(const LocalGrid& g, float* out) const override {
    for (int r = 0; r < g.height; ++r)
      for (int c = 0; c < g.width; ++c) {
        const double x = g.westEdge + (c + 0.5) * g.cell, y = g.northEdge - (r + 0.5) * g.cell;
        out[r * g.width + c] = std::abs(x) <= 4000.0 && std::abs(y) <= 4000.0 ? static_cast<float>(z(x))
                                                                              : std::numeric_limits<float>::quiet_NaN();
      }
  }
  int imageryCount() const override { return 0; }
  std::string imageryName(int) const override { return {}; }
  double imageryCellSize(int) const override { return 10.0; }
  void readRgba(int, const LocalGrid&, std::uint8_t*) const override {}
};

// The overview a streamed World holds: 200 m cells, each the average of the source under it.
terrain::HeightField overview() {
  const int n = 41;
  std::vector<float> h(n * n);
  for (int r = 0; r < n; ++r)
    for (int c = 0; c < n; ++c) {
      const double x = -4000.0 + c * 200.0;
      double sum = 0;
      for (int k = 0; k < 20; ++k) sum += RidgeSources::z(x - 100.0 + (k + 0.5) * 10.0);
      h[r * n + c] = static_cast<float>(sum / 20);
    }
  return terrain::HeightField(n, n, 200.0, {-4000.0, 4000.0}, h);
}

std::shared_ptr<TerrainStream> openRidge() {
  StreamBudgets b;
  b.workers = 2;
  return openTerrainStream(std::make_shared<RidgeSources>(), {-4000, -4000}, {4000, 4000}, {-4000, 4000}, b, 64, false);
}

// Every node along y = 0 for x in [x0, x1], all depths, read and resident.
void loadAlongTheLine(TerrainStream& stream, double x0, double x1) {
  std::vector<terrain::QuadKey> keys;
  const auto& l = stream.layout();
  for (int d = 0; d <= l.maxDepth; ++d)
    for (double x = x0; x <= x1; x += l.side(d) * 0.5) {
      const terrain::QuadKey k = l.keyAt({x, 0.0}, d);
      if (std::find(keys.begin(), keys.end(), k) == keys.end()) keys.push_back(k);
    }
  stream.want(keys);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (stream.busy() && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  for (const auto& k : keys) ASSERT_TRUE(stream.find(k)) << "node " << k.depth << "/" << k.x << "/" << k.y;
}

CameraPose over(double x, double z) { return CameraPose{{x, 0.0, z}, 90.0, -30.0, 40.0}; }

TEST(StreamGround, TheOverviewAloneLetsTheCameraIntoTheRidge) {
  const terrain::HeightField field = overview();
  EXPECT_LT(field.sample({kRidgeX, 0.0}), 250.0);  // the ridge, flattened
  camera::NavigationController nav(over(-2000, 400));
  nav.setTerrain(&field, 1.0);
  nav.setPose(over(kRidgeX, 300.0));
  EXPECT_LT(nav.pose().eye.z, kRidgeTop);  // what the detail below is for
}

TEST(StreamGround, ClearanceKeepsTheCameraAboveTheRidgeOnceItsTilesAreResident) {
  const terrain::HeightField field = overview();
  const auto stream = openRidge();
  const StreamGround ground(stream);
  camera::NavigationOptions options;
  camera::NavigationController nav(over(-2000, 400), options);
  nav.setTerrain(&field, 1.5);
  nav.setGroundDetail(&ground);
  // Nothing resident yet: the overview answers (no waiting for a read).
  EXPECT_FALSE(ground.heightAt({kRidgeX, 0.0}));
  nav.setPose(over(kRidgeX, 300.0));
  EXPECT_LT(nav.pose().eye.z, kRidgeTop * 1.5);

  loadAlongTheLine(*stream, kRidgeX - 100.0, kRidgeX + 100.0);
  ASSERT_TRUE(ground.heightAt({kRidgeX, 0.0}));
  EXPECT_NEAR(*ground.heightAt({kRidgeX, 0.0}), kRidgeTop, 1e-3);
  nav.setPose(over(kRidgeX, 300.0));
  EXPECT_GE(nav.pose().eye.z, kRidgeTop * 1.5 + options.clearance - 1e-6);
  // Beside the ridge, the plain's real height (the overview's bump is gone there).
  nav.setPose(over(kRidgeX + 60.0, 100.0));
  EXPECT_NEAR(nav.pose().eye.z, kPlain * 1.5 + options.clearance, 1e-6);
}

TEST(StreamGround, AFlightAcrossTheRidgeClearsItsRealHeight) {
  const terrain::HeightField field = overview();
  const auto stream = openRidge();
  const StreamGround ground(stream);
  loadAlongTheLine(*stream, -600.0, 2600.0);
  const CameraPose from{{-500.0, 0.0, 180.0}, 90.0, -5.0, 40.0}, to{{2500.0, 0.0, 180.0}, 90.0, -5.0, 40.0};
  camera::FlightOptions options;
  options.durationSeconds = 3.0;
  const camera::CameraFlight coarse(from, to, options, &field, 1.0);
  const camera::CameraFlight fine(from, to, options, &field, 1.0, &ground);
  double coarseLowest = 1e300, fineLowest = 1e300;
  for (int i = 0; i <= 4000; ++i) {
    const double t = i / 4000.0;
    for (auto [flight, lowest] : {std::pair{&coarse, &coarseLowest}, std::pair{&fine, &fineLowest}}) {
      const CameraPose p = flight->at(t);
      if (std::abs(p.eye.x - kRidgeX) < kRidgeHalfWidth) *lowest = std::min(*lowest, p.eye.z);
    }
  }
  ASSERT_LT(fineLowest, 1e300) << "the flight never crossed the ridge";
  EXPECT_LT(coarseLowest, kRidgeTop);  // the overview's flight goes through it
  EXPECT_GE(fineLowest, kRidgeTop + options.clearance - 1.0);
}

TEST(StreamGround, ABoundNeedsEveryTileOfTheSquare) {
  const auto stream = openRidge();
  const StreamGround ground(stream);
  EXPECT_FALSE(ground.maxHeightNear({kRidgeX, 0.0}, 50.0));
  loadAlongTheLine(*stream, kRidgeX - 100.0, kRidgeX + 100.0);
  const auto bound = ground.maxHeightNear({kRidgeX - 40.0, 0.0}, 50.0);
  ASSERT_TRUE(bound);
  EXPECT_NEAR(*bound, kRidgeTop, 1e-3);
  EXPECT_FALSE(ground.maxHeightNear({std::nan(""), 0.0}, 50.0));
}

}  // namespace
}  // namespace tb::world
