// Terrain benchmarks: one 513x513 tile mesh (issue target <= 6 ms), the whole LOD build over a
// ~4k field, a 1920x1080 overview selection (triangles reported), and picking rays.
#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdint>
#include <ctime>

#include "terrain/HeightField.h"
#include "terrain/TerrainLod.h"
#include "terrain/TerrainRay.h"

namespace {

using tb::terrain::HeightField;
using tb::terrain::TerrainLod;

// Ridges and valleys at several wavelengths plus per-sample jitter, so that tile errors are
// realistic (neither flat nor white noise). 10 m cells like the default scene.
HeightField makeField(int w, int h) {
  std::vector<float> z(static_cast<size_t>(w) * h);
  for (int r = 0; r < h; ++r)
    for (int c = 0; c < w; ++c) {
      const double x = c * 10.0, y = r * 10.0;
      std::uint32_t k = std::uint32_t(c) * 0x8da6b343u ^ std::uint32_t(r) * 0xd8163841u;
      k ^= k >> 13;
      k *= 0x5bd1e995u;
      k ^= k >> 15;
      const double jitter = double(k & 0xffff) / 65535.0;
      z[static_cast<size_t>(r) * w + c] =
          float(900 + 600 * std::sin(x / 7000) * std::cos(y / 5300) + 150 * std::sin((x + 2 * y) / 900) +
                40 * std::sin((3 * x - y) / 170) + 3 * jitter);
    }
  return HeightField(w, h, 10.0, {-0.5 * (w - 1) * 10.0, 0.5 * (h - 1) * 10.0}, std::move(z));
}

const HeightField& field4k() {
  static const HeightField f = makeField(4097, 4097);
  return f;
}

void BM_BuildMesh513(benchmark::State& state) {
  const TerrainLod lod(field4k(), 512);
  const tb::terrain::TileKey key{0, 3, 4};
  for (auto _ : state) {
    auto mesh = lod.buildMesh(key);
    benchmark::DoNotOptimize(mesh.xyz.data());
  }
  state.counters["vertices"] = lod.buildMesh(key).vertexCount();
}
BENCHMARK(BM_BuildMesh513)->Unit(benchmark::kMillisecond);

double processCpuMs() {  // all threads: the LOD build runs on several
  timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec * 1e-6;
}

void BM_BuildLod(benchmark::State& state) {
  const HeightField& f = field4k();
  const double cpu0 = processCpuMs();
  for (auto _ : state) {
    TerrainLod lod(f, int(state.range(0)));
    benchmark::DoNotOptimize(lod.levelCount());
  }
  state.counters["samples"] = double(f.width()) * f.height();
  state.counters["cpu_ms_all_threads"] = (processCpuMs() - cpu0) / double(state.iterations());
}
BENCHMARK(BM_BuildLod)->Arg(64)->Arg(512)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_HeightFieldConstruct(benchmark::State& state) {  // validation, min/max and ray blocks
  const HeightField& f = field4k();
  for (auto _ : state) {
    state.PauseTiming();  // the copy of the heights is the caller's, not the constructor's
    std::vector<float> heights(f.data().begin(), f.data().end());
    state.ResumeTiming();
    HeightField copy(f.width(), f.height(), f.cellSize(), f.originNW(), std::move(heights));
    benchmark::DoNotOptimize(copy.maxHeight());
  }
}
BENCHMARK(BM_HeightFieldConstruct)->Unit(benchmark::kMillisecond);

tb::terrain::LodView overview(double tau) {
  tb::terrain::LodView view;
  const HeightField& f = field4k();
  const double extent = (f.width() - 1) * f.cellSize();
  view.exaggeration = 1.5;
  view.camera = tb::lookAtPose({0, 0, 900 * view.exaggeration}, extent * 1.1, 0, -45);
  view.viewportWidth = 1920;
  view.viewportHeight = 1080;
  view.tauPixels = tau;
  view.nearZ = 10;
  view.farZ = 4 * extent;
  return view;
}

void BM_Select(benchmark::State& state) {
  const TerrainLod lod(field4k(), 64);
  const auto view = overview(2.0);
  size_t tiles = 0;
  for (auto _ : state) {
    auto keys = lod.select(view);
    tiles = keys.size();
    benchmark::DoNotOptimize(keys.data());
  }
  state.counters["tiles"] = double(tiles);
  state.counters["triangles"] = double(tiles * lod.indices().size() / 3);
}
BENCHMARK(BM_Select)->Unit(benchmark::kMicrosecond);

void BM_IntersectRay(benchmark::State& state) {  // picking rays through the overview's pixels
  const auto view = overview(2.0);
  const auto& cam = view.camera;
  const double tanHalf = std::tan(cam.fovYDeg * M_PI / 360.0), aspect = 1920.0 / 1080.0;
  int i = 0, hits = 0, rays = 0;
  for (auto _ : state) {
    const double sx = ((i * 37) % 64) / 32.0 - 1.0, sy = ((i * 11) % 64) / 32.0 - 1.0;
    ++i;
    const glm::dvec3 dir = cam.forward() + cam.right() * (sx * tanHalf * aspect) + cam.up() * (sy * tanHalf);
    auto hit = tb::terrain::intersectRay(field4k(), cam.eye, dir, view.exaggeration);
    hits += hit.has_value();
    ++rays;
  }
  state.counters["hitFraction"] = rays ? double(hits) / rays : 0.0;
}
BENCHMARK(BM_IntersectRay)->Unit(benchmark::kMicrosecond);

}  // namespace
