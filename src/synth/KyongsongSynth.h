// The deterministic generator of the synthetic Kyongsong DEM and imagery: land/sea from the real
// (GSHHG) shoreline, an alluvial plain, and the Hamgyong Mountains shaped by a few fast
// fluvial-erosion passes so valleys drain to the coast. Same options -> same bytes, every run.
// GDAL stays in the .cpp files.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "geo/Grid.h"

namespace tb::synth {

struct SynthOptions {
  std::string landPath;  // land polygons in lon/lat (any OGR source), e.g. assets/kyongsong/land.geojson
  std::string outDir;    // where dem.tif and imagery.tif are written
  std::string crs = "EPSG:32652";
  double west = 129.40, south = 41.38, east = 129.85, north = 41.75;  // lon/lat degrees
  double cellSize = 10;  // metres; larger cells give the same landscape, coarser (tests use 80)
  int threads = 2;
};

// The generated fields on the output grid (rows north to south).
struct SynthTerrain {
  geo::GridSpec grid;
  std::vector<float> heights;         // metres; sea < 0 < land
  std::vector<std::uint8_t> land;     // 1 = land (from the shoreline polygons)
  std::vector<float> coastDistance;   // metres to the shoreline, + on land, - at sea
  std::vector<float> drainageLog10;   // log10 of upstream drainage area in m^2 (0 at sea)
  double mountainTop = 0;             // the highest sample and where it is (projected metres)
  double mountainTopX = 0, mountainTopY = 0;
};

struct SynthTimings {
  double terrainSeconds = 0, imagerySeconds = 0, writeSeconds = 0;
};

// The north-up grid covering the lon/lat box in `crs`: the projected bounding box of the box's
// densified edges, snapped outward to multiples of cellSize.
geo::GridSpec gridForExtent(const SynthOptions& options);

// Builds the terrain in memory (throws tb::Error for a missing/invalid land file).
SynthTerrain buildTerrain(const SynthOptions& options);

// RGB bytes (pixel-interleaved, rows north to south) for the terrain.
std::vector<std::uint8_t> paintImagery(const SynthTerrain& terrain, int threads);

// Writes <outDir>/dem.tif (Float32) and <outDir>/imagery.tif (opaque RGBA Byte, pixel-interleaved),
// both uncompressed strips, each under a temporary name then renamed; both carry TERRABRIEF_SYNTHETIC=YES.
SynthTimings generateKyongsong(const SynthOptions& options, SynthTerrain* keep = nullptr);

}  // namespace tb::synth
