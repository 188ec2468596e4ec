// `terrabrief scene new`: a scene for the user's own DEM, written from metadata, that renders.
// The DEM is made here with GDAL's C API: a lon/lat GeoTIFF of hills rising from a sea, the kind
// of SRTM tile a user brings.
#include <gtest/gtest.h>

#include <gdal.h>
#include <cpl_conv.h>
#include <ogr_srs_api.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include <nlohmann/json.hpp>

#include "CliRun.h"
#include "core/PngFile.h"

using namespace tb;
using namespace tb::clitest;

namespace {

// 300x240 samples over 0.12° x 0.08° at 52.5 N, 1.5 E (EPSG:4326): a coast along the west, hills
// up to ~600 m with valleys, the sea at 0 m. `crs` may be a projected one (then metres).
void writeDem(const fs::path& path, const char* crs, const double gt[6]) {
  GDALAllRegister();
  const int w = 300, h = 240;
  std::vector<float> z(static_cast<std::size_t>(w) * h);
  for (int r = 0; r < h; ++r)
    for (int c = 0; c < w; ++c) {
      const double x = c / double(w), y = r / double(h);
      const double land = std::clamp((x - 0.25) * 6.0, 0.0, 1.0);
      const double hills = 350 * std::exp(-((x - 0.6) * (x - 0.6) + (y - 0.4) * (y - 0.4)) * 18) +
                           250 * std::exp(-((x - 0.8) * (x - 0.8) + (y - 0.75) * (y - 0.75)) * 25) +
                           40 * std::sin(x * 37) * std::cos(y * 29);
      z[static_cast<std::size_t>(r) * w + c] = static_cast<float>(land * std::max(0.0, 20 + hills));
    }
  GDALDatasetH ds = GDALCreate(GDALGetDriverByName("GTiff"), path.c_str(), w, h, 1, GDT_Float32, nullptr);
  ASSERT_NE(ds, nullptr);
  GDALSetGeoTransform(ds, const_cast<double*>(gt));
  OGRSpatialReferenceH srs = OSRNewSpatialReference(nullptr);
  OSRSetFromUserInput(srs, crs);
  char* wkt = nullptr;
  OSRExportToWkt(srs, &wkt);
  GDALSetProjection(ds, wkt);
  CPLFree(wkt);
  OSRDestroySpatialReference(srs);
  ASSERT_EQ(GDALRasterIO(GDALGetRasterBand(ds, 1), GF_Write, 0, 0, w, h, z.data(), w, h, GDT_Float32, 0, 0), CE_None);
  GDALClose(ds);
}

const double kLonLatGt[6] = {1.44, 0.12 / 300, 0, 52.54, 0, -0.08 / 240};

}  // namespace

TEST(SceneNew, WritesASceneThatRendersTheTerrain) {
  ScratchDir dir("scene-new");
  writeDem(dir / "srtm.tif", "EPSG:4326", kLonLatGt);
  const RunResult made = runTerrabrief({"scene", "new", "--dem", "srtm.tif", "--out", "mine.json"}, {dir.path()});
  ASSERT_EQ(made.exitCode, 0) << describe(made);
  EXPECT_NE(made.out.find("EPSG:32631"), std::string::npos) << made.out;  // UTM 31 N: 1.5 E
  const nlohmann::json scene = nlohmann::json::parse(readFile(dir / "mine.json"));
  EXPECT_EQ(scene["crs"], "EPSG:32631");
  EXPECT_EQ(scene["dem"]["path"], "srtm.tif");
  EXPECT_FALSE(scene.contains("extent"));  // the DEM's footprint
  EXPECT_NEAR(scene["views"][0]["lookAt"]["lat"].get<double>(), 52.5, 1e-6);

  const RunResult r = runTerrabrief(
      {"render", "--scene", "mine.json", "--view", "overview", "--size", "320x180", "--out", "mine.png"}, {dir.path()});
  ASSERT_EQ(r.exitCode, 0) << describe(r);
  const ImageRGBA img = readPng((dir / "mine.png").string()).image;
  // The sky and the void beyond the DEM are blue-grey (blue above green); the bare terrain's
  // shading is neutral to warm (blue at or below green). A fitted overview is mostly terrain,
  // and the middle of the image is on it.
  const auto terrainAt = [&](int x, int y) {
    const std::size_t i = (static_cast<std::size_t>(y) * img.width + x) * 4;
    return img.pixels[i + 2] <= img.pixels[i + 1];
  };
  std::size_t terrain = 0;
  for (int y = 0; y < img.height; ++y)
    for (int x = 0; x < img.width; ++x) terrain += terrainAt(x, y);
  EXPECT_GT(terrain, static_cast<std::size_t>(img.width) * img.height * 3 / 10);
  EXPECT_TRUE(terrainAt(img.width / 2, img.height / 2));
  if (HasFailure()) {  // kept for a look: the scratch directory goes
    fs::copy_file(dir / "mine.png", fs::path(TB_TEST_OUTPUT_DIR) / "scene-new-actual.png",
                  fs::copy_options::overwrite_existing);
    fs::copy_file(dir / "mine.json", fs::path(TB_TEST_OUTPUT_DIR) / "scene-new-actual.json",
                  fs::copy_options::overwrite_existing);
  }
}

TEST(SceneNew, KeepsAProjectedDemsCrs) {
  ScratchDir dir("scene-new-utm");
  const double gt[6] = {640000, 30, 0, 4650000, 0, -30};
  writeDem(dir / "dem.tif", "EPSG:32652", gt);
  const RunResult made = runTerrabrief({"scene", "new", "--dem", "dem.tif", "--out", "s.json"}, {dir.path()});
  ASSERT_EQ(made.exitCode, 0) << describe(made);
  EXPECT_EQ(nlohmann::json::parse(readFile(dir / "s.json"))["crs"], "EPSG:32652");
}

TEST(SceneNew, BadInputIsOneLineAndNoFile) {
  ScratchDir dir("scene-new-bad");
  writeFile(dir / "notadem.tif", "this is text");
  RunResult r = runTerrabrief({"scene", "new", "--dem", "notadem.tif", "--out", "s.json"}, {dir.path()});
  expectOneLineError(r, "notadem.tif");
  r = runTerrabrief({"scene", "new", "--dem", "missing.tif", "--out", "s.json"}, {dir.path()});
  expectOneLineError(r, "missing.tif");
  writeDem(dir / "dem.tif", "EPSG:4326", kLonLatGt);
  r = runTerrabrief({"scene", "new", "--dem", "dem.tif", "--imagery", "nope.tif", "--out", "s.json"}, {dir.path()});
  expectOneLineError(r, "nope.tif");
  fs::create_directory(dir / "adir");
  r = runTerrabrief({"scene", "new", "--dem", "dem.tif", "--out", "adir"}, {dir.path()});
  expectOneLineError(r, "adir");
  EXPECT_FALSE(fs::exists(dir / "s.json"));
  r = runTerrabrief({"scene", "new", "--out", "s.json"}, {dir.path()});
  expectOneLineError(r, "--dem");
}
