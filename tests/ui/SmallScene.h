// The small scene the authoring and file tests edit: a 128x128 copy of the default DEM and one
// site, written into a test's scratch folder (saving writes there).
#pragma once
#include <fstream>
#include <string>

#include "XDriver.h"

namespace tb::uitest {

// A small copy of the default DEM with one site, in the scratch folder (saving writes there).
// imagery: the scene's "imagery" array (JSON text) for layers the caller wrote there, or empty.
inline fs::path writeScene(const fs::path& dir, const std::string& name = "authoring", const std::string& imagery = "") {
  const std::string dem = std::string(TB_DATA_DIR) + "/kyongsong/dem.tif";
  if (!shell("gdal_translate -q -outsize 128 128 -r average " + dem + " " + (dir / "dem.tif").string())) return {};
  std::ofstream(dir / "sites.geojson") << R"({"type": "FeatureCollection", "features": [
  {"type": "Feature", "geometry": {"type": "Point", "coordinates": [129.670, 41.670]},
   "properties": {"id": "castle", "name": "Kyongsong Castle", "category": "historic", "honesty": "given",
                  "precision_m": 60, "source": "kyongsong-city-brief.txt", "description": "A test site."}}]})";
  std::ofstream(dir / "scene.json") << R"({
  "format": "terrabrief-scene/1",
  "name": ")" << name << R"(",
  "crs": "EPSG:32652",
  "extent": {"west": 129.40, "south": 41.38, "east": 129.85, "north": 41.75},
  "dem": {"path": "dem.tif"},)" << (imagery.empty() ? "" : "\n  \"imagery\": " + imagery + ",") << R"(
  "sites": {"path": "sites.geojson"},
  "categories": {"historic": {"label": "Historic site", "color": "#d9534f"}},
  "views": [{"name": "overview", "lookAt": {"lat": 41.56, "lon": 129.62}, "range": 30000, "heading": 0, "pitch": -60}]
})";
  return dir / "scene.json";
}

}  // namespace tb::uitest
