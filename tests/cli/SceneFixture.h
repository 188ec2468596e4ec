// A small, valid scene in a scratch directory (a 128x128 copy of the default DEM, one site, one
// view), which each bad-input test breaks in exactly one way. A test that renders the unbroken
// fixture proves that the errors come from the broken piece and not from the fixture.
#pragma once
#include <string>

#include "CliRun.h"

namespace tb::clitest {

struct SceneParts {
  std::string crs = "\"EPSG:32652\"";
  std::string demPath = "dem.tif";
  std::string sitesPath = "sites.geojson";
  std::string siteLon = "129.670", siteLat = "41.670";
};

inline std::string sceneJson(const SceneParts& p) {
  return R"({
  "format": "terrabrief-scene/1",
  "name": "CLI test scene",
  "description": "A small copy of the synthetic Kyongsong DEM for command-line tests.",
  "crs": )" + p.crs + R"(,
  "extent": {"west": 129.40, "south": 41.38, "east": 129.85, "north": 41.75},
  "dem": {"path": ")" + p.demPath + R"("},
  "sites": {"path": ")" + p.sitesPath + R"("},
  "categories": {"historic": {"label": "Historic site", "color": "#d9534f"}},
  "views": [{"name": "overview", "lookAt": {"lat": 41.56, "lon": 129.62}, "range": 42000, "heading": 0, "pitch": -45}]
}
)";
}

inline std::string sitesGeoJson(const SceneParts& p) {
  return R"({"type": "FeatureCollection", "features": [
  {"type": "Feature", "geometry": {"type": "Point", "coordinates": [)" + p.siteLon + ", " + p.siteLat + R"(]},
   "properties": {"id": "castle", "name": "Kyongsong Castle", "category": "historic", "honesty": "given",
                  "precision_m": 60, "source": "kyongsong-city-brief.txt", "description": "A test site."}}
]}
)";
}

// Copies the default DEM, shrunk, with gdal_translate (gdal-bin), as a real GeoTIFF fixture.
inline bool makeSmallDem(const fs::path& out, int size = 128) {
  const RunResult r = runProgram({"gdal_translate", "-q", "-outsize", std::to_string(size), std::to_string(size),
                                  "-r", "average", defaultDem().string(), out.string()},
                                 RunOptions{out.parent_path()});
  return r.exitCode == 0 && fs::exists(out);
}

// Writes scene.json, sites.geojson and (unless told otherwise) dem.tif into `dir`.
inline fs::path writeScene(const fs::path& dir, const SceneParts& parts = {}, bool withDem = true) {
  writeFile(dir / "scene.json", sceneJson(parts));
  writeFile(dir / parts.sitesPath, sitesGeoJson(parts));
  if (withDem && !makeSmallDem(dir / parts.demPath)) throw std::runtime_error("gdal_translate failed");
  return dir / "scene.json";
}

}  // namespace tb::clitest
