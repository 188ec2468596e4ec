// `terrabrief scene new` (see SceneNewCommand.h). Reads only metadata: a scene for a large DEM is
// written at once, and the viewer streams it later.
#include "app/SceneNewCommand.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "core/AtomicFile.h"
#include "core/Error.h"
#include "geo/Crs.h"
#include "geo/Raster.h"
#include "geo/Vector.h"

namespace tb::app {
namespace fs = std::filesystem;

namespace {

// The path as the scene file should name it: relative to the scene's directory.
std::string relativeTo(const fs::path& sceneDir, const std::string& path) {
  std::error_code ec;
  const fs::path rel = fs::relative(fs::absolute(path), sceneDir, ec);
  return ec || rel.empty() ? fs::absolute(path).lexically_normal().string() : rel.generic_string();
}

void requireFile(const std::string& option, const std::string& path) {
  std::error_code ec;
  if (!fs::exists(path, ec)) throw Error(path, "no such file (" + option + ")");
}

// A look-at from the south, tilted 45°, far enough that the footprint fills a 16:9 frame with
// the default 40° field of view (a little margin).
nlohmann::ordered_json overviewView(const geo::ProjectedExtent& fp) {
  constexpr double kMetresPerDegree = 111320.0;
  const double lat = 0.5 * (fp.south + fp.north), lon = 0.5 * (fp.west + fp.east);
  const double width = (fp.east - fp.west) * kMetresPerDegree * std::cos(lat * M_PI / 180.0);
  const double depth = (fp.north - fp.south) * kMetresPerDegree;
  const double halfFov = 20.0 * M_PI / 180.0;
  const double fitHeight = depth * std::sin(M_PI / 4) / (2.0 * std::tan(halfFov));
  const double fitWidth = width / (2.0 * std::tan(halfFov) * 16.0 / 9.0);
  const double range = std::round(1.15 * std::max(fitHeight, fitWidth));
  return {{"name", "overview"},
          {"lookAt", {{"lat", std::round(lat * 1e6) / 1e6}, {"lon", std::round(lon * 1e6) / 1e6}}},
          {"range", std::max(range, 100.0)},
          {"heading", 0},
          {"pitch", -45}};
}

}  // namespace

SceneNewCommand::SceneNewCommand(CLI::App& parent) {
  CLI::App* scene = parent.add_subcommand("scene", "Make scene files");
  scene->require_subcommand(1);
  new_ = scene->add_subcommand("new", "Write a scene for your own DEM (extent, CRS and an overview view from its "
                                      "metadata), to open with terrabrief view --scene");
  new_->add_option("--dem", dem_, "Elevation raster (any GDAL format with a CRS)")->required()->type_name("DEM");
  new_->add_option("--imagery", imagery_, "Imagery raster draped on the terrain (repeatable; first drawn first)")
      ->type_name("IMG");
  new_->add_option("--overlay", overlays_, "Vector lines drawn over the terrain (repeatable)")->type_name("V");
  new_->add_option("--name", name_, "Scene name (default: the DEM's file name)")->type_name("TEXT");
  new_->add_option("--out", out_, "The scene file to write")->required()->type_name("scene.json");
}

int SceneNewCommand::run() {
  checkWritableOutput(out_);
  requireFile("--dem", dem_);
  const geo::RasterInfo dem = geo::probeRaster(dem_);
  if (dem.crs.empty()) throw Error(dem_, "the DEM has no coordinate reference system; a scene needs one");
  const geo::ProjectedExtent fp = geo::lonLatFootprint(dem_);
  // A DEM already projected in metres keeps its CRS (no resampling); else the centre's UTM zone.
  const bool keep = geo::isProjectedMetres(dem.crs);
  const std::string crs = keep ? dem.crs : geo::utmCrsFor(0.5 * (fp.west + fp.east), 0.5 * (fp.south + fp.north));
  for (const std::string& img : imagery_) {
    requireFile("--imagery", img);
    geo::probeRaster(img);
  }
  for (const std::string& v : overlays_) {
    requireFile("--overlay", v);
    geo::loadVectors(v, "EPSG:4326");  // opens and reads it: a broken file fails here, not in the viewer
  }

  const fs::path dir = fs::absolute(out_).parent_path();
  nlohmann::ordered_json j;
  j["format"] = "terrabrief-scene/1";
  j["name"] = name_.empty() ? fs::path(dem_).stem().string() : name_;
  j["description"] = "Made with terrabrief scene new from " + fs::path(dem_).filename().string() + ".";
  j["crs"] = crs;
  j["dem"] = {{"path", relativeTo(dir, dem_)}};
  if (!imagery_.empty()) {
    nlohmann::ordered_json arr = nlohmann::ordered_json::array();
    for (const std::string& img : imagery_)
      arr.push_back({{"name", fs::path(img).stem().string()}, {"path", relativeTo(dir, img)}});
    j["imagery"] = arr;
  }
  if (!overlays_.empty()) {
    nlohmann::ordered_json arr = nlohmann::ordered_json::array();
    for (const std::string& v : overlays_)
      arr.push_back({{"name", fs::path(v).stem().string()}, {"path", relativeTo(dir, v)}, {"color", "#ffd24a"}});
    j["overlays"] = arr;
  }
  j["categories"] = {{"place", {{"label", "My places"}, {"color", "#e8a33d"}}}};
  j["views"] = nlohmann::ordered_json::array({overviewView(fp)});

  AtomicFile out(out_);
  {
    std::ofstream f(out.tempPath(), std::ios::binary);
    f << j.dump(2) << "\n";
    f.flush();
    if (!f) throw Error(out_, "cannot write the scene file (disk full?)");
  }
  out.commit();
  std::printf("%s\n", fmt::format("Wrote {} ({}, {:.4f}..{:.4f} N, {:.4f}..{:.4f} E{})", out_, crs, fp.south, fp.north,
                                  fp.west, fp.east, keep ? ", the DEM's own CRS" : ", UTM zone of the centre")
                          .c_str());
  return 0;
}

}  // namespace tb::app
