// tb-synth: writes the synthetic Kyongsong DEM and imagery (dem.tif, imagery.tif) into a directory.
// Run at build time by assets/CMakeLists.txt; deterministic, so a rebuild gives the same bytes.
//   tb-synth --out DIR --coast LAND_POLYGONS [--cell METRES] [--threads N]
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>

#include "core/Error.h"
#include "synth/KyongsongSynth.h"

namespace {

constexpr const char* kUsage = "usage: tb-synth --out DIR --coast LAND.geojson [--cell METRES] [--threads N]";

[[noreturn]] void badArgs(const std::string& problem) {
  std::fprintf(stderr, "tb-synth: %s (%s)\n", problem.c_str(), kUsage);
  std::exit(tb::kExitBadInput);
}

double parseNumber(const std::string& flag, const std::string& text, double lo, double hi) {
  try {
    size_t used = 0;
    const double v = std::stod(text, &used);
    if (used == text.size() && v >= lo && v <= hi) return v;
  } catch (const std::exception&) {
  }
  badArgs(flag + " expects a number in [" + std::to_string(lo) + ", " + std::to_string(hi) + "], got \"" + text + "\"");
}

}  // namespace

int main(int argc, char** argv) {
  tb::synth::SynthOptions options;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "-h" || arg == "--help") {
      std::printf("%s\n", kUsage);
      return 0;
    }
    if (i + 1 >= argc) badArgs("missing value after " + arg);
    const std::string value = argv[++i];
    if (arg == "--out") options.outDir = value;
    else if (arg == "--coast" || arg == "--land") options.landPath = value;
    else if (arg == "--cell") options.cellSize = parseNumber(arg, value, 1, 10000);
    else if (arg == "--threads") options.threads = static_cast<int>(parseNumber(arg, value, 1, 16));
    else badArgs("unknown argument " + arg);
  }
  if (options.outDir.empty()) badArgs("--out is required");
  if (options.landPath.empty()) badArgs("--coast is required");
  try {
    tb::synth::SynthTerrain terrain;
    const auto t = tb::synth::generateKyongsong(options, &terrain);
    std::printf("tb-synth: %dx%d cells of %.0f m -> %s/{dem,imagery}.tif; top %.0f m; terrain %.2f s, imagery %.2f s, "
                "write %.2f s, total %.2f s\n",
                terrain.grid.width, terrain.grid.height, terrain.grid.cellSize, options.outDir.c_str(),
                terrain.mountainTop, t.terrainSeconds, t.imagerySeconds, t.writeSeconds,
                t.terrainSeconds + t.imagerySeconds + t.writeSeconds);
    return 0;
  } catch (const tb::Error& e) {
    std::fprintf(stderr, "tb-synth: %s\n", e.what());
    return e.exitCode();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "tb-synth: internal error: %s\n", e.what());
    return tb::kExitInternal;
  }
}
