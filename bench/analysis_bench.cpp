// Analysis speeds (issue 10). Run both viewshed rows in one invocation to read their ratio:
//   build/bin/tb_analysis_bench --benchmark_filter='Viewshed|Profile'
// - Viewshed/Ours: computeViewshed, 10 km radius at 10 m cells (target <= 1 s): the native heights
//   read through Elevation, GDAL's GDALViewshedGenerate on an in-memory copy, the radius/sector/
//   nodata masks. Viewshed/GdalAlone: GDALViewshedGenerate alone on the same grid already in a
//   MEM dataset (what gdal_viewshed does after reading its input). Since ours calls GDAL, their
//   ratio is the overhead of reading and masking, not a comparison of algorithms.
// - Profile: samples per second of elevationProfile at the native cell, in memory and streamed.
#include <cmath>
#include <memory>
#include <vector>

#include <benchmark/benchmark.h>
#include <gdal.h>
#include <gdal_alg.h>

#include "analysis/Elevation.h"
#include "analysis/Profile.h"
#include "analysis/Viewshed.h"
#include "geo/Crs.h"
#include "world/MemoryTileSources.h"
#include "world/TerrainStream.h"
#include "world/World.h"

namespace {

using namespace tb;

constexpr double kCell = 10.0, kHalf = 11000.0;  // a 22 km square at 10 m: 2201 x 2201 samples

double hills(double x, double y) {
  return 300.0 + 120.0 * std::sin(x / 900.0) * std::cos(y / 1300.0) + 60.0 * std::sin((x + 2 * y) / 400.0) +
         0.01 * x;
}

const world::World& memoryWorld() {
  static const world::World w = [] {
    const int n = static_cast<int>(2 * kHalf / kCell) + 1;
    std::vector<float> h(static_cast<std::size_t>(n) * n);
    for (int r = 0; r < n; ++r)
      for (int c = 0; c < n; ++c) h[static_cast<std::size_t>(r) * n + c] = float(hills(-kHalf + c * kCell, kHalf - r * kCell));
    world::World world;
    world.heights = terrain::HeightField(n, n, kCell, {-kHalf, kHalf}, h);
    world.projection = std::make_shared<const geo::GeoProjection>("EPSG:32652");
    world.originProjected = {550000.0, 4603000.0};
    return world;
  }();
  return w;
}

const world::World& streamedWorld() {
  static const world::World w = [] {
    world::World world = memoryWorld();
    const auto& hf = world.heights;
    world::StreamBudgets b;
    b.workers = 1;
    world.stream = world::openTerrainStream(std::make_shared<world::MemoryTileSources>(world),
                                            hf.position(0, hf.height() - 1), hf.position(hf.width() - 1, 0),
                                            hf.originNW(), b, 64);
    return world;
  }();
  return w;
}

analysis::ViewshedOptions tenKm() {
  analysis::ViewshedOptions o;
  o.radius = 10000;
  o.observerHeight = 10;
  return o;
}

void Viewshed_Ours_10km_10m(benchmark::State& state) {
  const analysis::Elevation e(memoryWorld());
  std::size_t cells = 0;
  for (auto _ : state) {
    const analysis::Viewshed v = analysis::computeViewshed(e, {300, -200}, tenKm());
    cells = v.cells.size();
    benchmark::DoNotOptimize(v.visibleCount);
  }
  state.counters["cells"] = double(cells);
}
BENCHMARK(Viewshed_Ours_10km_10m)->Unit(benchmark::kMillisecond)->UseRealTime();

void Viewshed_GdalAlone_10km_10m(benchmark::State& state) {
  GDALAllRegister();
  const analysis::Elevation e(memoryWorld());
  const glm::dvec2 obs(300, -200);
  const analysis::HeightWindow w = e.readWindow(obs - 10000.0, obs + 10000.0);
  GDALDatasetH ds = GDALCreate(GDALGetDriverByName("MEM"), "", w.width, w.height, 1, GDT_Float32, nullptr);
  double gt[6] = {w.westEdge, w.cell, 0, w.northEdge, 0, -w.cell};
  GDALSetGeoTransform(ds, gt);
  GDALRasterBandH band = GDALGetRasterBand(ds, 1);
  if (GDALRasterIO(band, GF_Write, 0, 0, w.width, w.height, const_cast<float*>(w.heights.data()), w.width, w.height,
                   GDT_Float32, 0, 0) != CE_None)
    state.SkipWithError("cannot fill the MEM dataset");
  for (auto _ : state) {
    GDALDatasetH out = GDALViewshedGenerate(band, "MEM", "", nullptr, obs.x, obs.y, 10, 0, 2, 1, 0, 0, 0.87, GVM_Edge,
                                            10000, nullptr, nullptr, GVOT_NORMAL, nullptr);
    if (!out) state.SkipWithError("GDALViewshedGenerate failed");
    GDALClose(out);
  }
  GDALClose(ds);
  state.counters["cells"] = double(w.width) * w.height;
}
BENCHMARK(Viewshed_GdalAlone_10km_10m)->Unit(benchmark::kMillisecond)->UseRealTime();

void profileRate(benchmark::State& state, const world::World& world) {
  const analysis::Elevation e(world);
  const std::vector<glm::dvec2> path{{-9000, -8000}, {0, 1000}, {9000, -3000}};  // about 22.5 km: 2250 samples
  std::size_t samples = 0;
  for (auto _ : state) {
    const analysis::Profile p = analysis::elevationProfile(e, path);
    samples += p.samples.size();
    benchmark::DoNotOptimize(p.ascent);
  }
  state.counters["samples/s"] = benchmark::Counter(double(samples), benchmark::Counter::kIsRate);
}
void Profile_InMemory(benchmark::State& state) { profileRate(state, memoryWorld()); }
void Profile_Streamed(benchmark::State& state) { profileRate(state, streamedWorld()); }
BENCHMARK(Profile_InMemory)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(Profile_Streamed)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
