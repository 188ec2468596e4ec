// Worlds built in code for the analysis tests: a height function sampled on a grid in the local
// frame of a UTM 52N scene near Kyongsong, held in memory or streamed through MemoryTileSources.
#pragma once
#include <functional>
#include <memory>
#include <vector>

#include "geo/Crs.h"
#include "world/MemoryTileSources.h"
#include "world/TerrainStream.h"
#include "world/World.h"

namespace tb::analysis::test {

using HeightFn = std::function<double(double x, double y)>;

// Samples at (x, y) = (-halfX + c*cell, halfY - r*cell), c in [0, 2*halfX/cell].
inline world::World makeWorld(double halfX, double halfY, double cell, const HeightFn& z) {
  const int w = static_cast<int>(2 * halfX / cell) + 1, h = static_cast<int>(2 * halfY / cell) + 1;
  std::vector<float> heights(static_cast<std::size_t>(w) * h);
  for (int r = 0; r < h; ++r)
    for (int c = 0; c < w; ++c) heights[static_cast<std::size_t>(r) * w + c] = static_cast<float>(z(-halfX + c * cell, halfY - r * cell));
  world::World world;
  world.heights = terrain::HeightField(w, h, cell, {-halfX, halfY}, heights);
  world.projection = std::make_shared<const geo::GeoProjection>("EPSG:32652");
  world.originProjected = {550000.0, 4603000.0};  // about 41.58° N, 129.60° E
  world.scene.crs = "EPSG:32652";
  return world;
}

// The same world streamed: every height comes from `sources` (holes may be punched in them).
inline world::World streamed(const world::World& memory, std::shared_ptr<world::MemoryTileSources> sources = nullptr) {
  world::World w = memory;
  if (!sources) sources = std::make_shared<world::MemoryTileSources>(memory);
  const auto& hf = memory.heights;
  world::StreamBudgets budgets;
  budgets.workers = 2;
  w.stream = world::openTerrainStream(sources, hf.position(0, hf.height() - 1), hf.position(hf.width() - 1, 0),
                                      hf.originNW(), budgets, 64);
  return w;
}

}  // namespace tb::analysis::test
