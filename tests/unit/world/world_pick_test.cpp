// World::pick: the whole-extent field's hit refined on streamed tiles resident in RAM.
#include <chrono>
#include <cmath>
#include <thread>

#include <gtest/gtest.h>

#include "world/TerrainStream.h"
#include "world/World.h"

namespace tb::world {
namespace {

// A plateau 500 m high; the world's overview says 0 m (as a coarse overview might, far off).
class Plateau final : public TileSources {
 public:
  std::string demName() const override { return "plateau.tif"; }
  double demCellSize() const override { return 10.0; }
  void readHeights(const LocalGrid& g, float* out) const override {
    for (int i = 0; i < g.width * g.height; ++i) out[i] = 500.0f;
  }
  int imageryCount() const override { return 0; }
  std::string imageryName(int) const override { return {}; }
  double imageryCellSize(int) const override { return 10.0; }
  void readRgba(int, const LocalGrid&, std::uint8_t*) const override {}
};

TEST(WorldPick, RefinesTheOverviewsHitOnResidentTiles) {
  World w;
  w.heights = terrain::HeightField(21, 21, 400.0, {-4000, 4000}, std::vector<float>(21 * 21, 0.0f));
  const glm::dvec3 eye(100, 200, 2000), down(0, 0, -1);
  ASSERT_TRUE(w.pick(eye, down, 1.0));
  EXPECT_NEAR(w.pick(eye, down, 1.0)->z, 0.0, 1e-6);  // no stream: the field's own hit

  w.stream = openTerrainStream(std::make_shared<Plateau>(), {-4000, -4000}, {4000, 4000}, {-4000, 4000}, {}, 64);
  for (int i = 0; i < 2000 && w.stream->busy(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(2));
  const auto hit = w.pick(eye, down, 1.0);
  ASSERT_TRUE(hit);
  EXPECT_NEAR(hit->z, 500.0, 0.5);
  EXPECT_NEAR(hit->x, 100.0, 1e-6);
  const auto oblique = w.pick(eye, glm::normalize(glm::dvec3(1, 0, -1)), 2.0);  // exaggerated: 1000 m
  ASSERT_TRUE(oblique);
  EXPECT_NEAR(oblique->z, 1000.0, 0.5);
  EXPECT_NEAR(oblique->x, 100.0 + 1000.0, 0.5);
}

}  // namespace
}  // namespace tb::world
