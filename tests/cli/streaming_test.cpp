// Streamed terrain through the real binary, on data each test makes with GDAL's tools: the same
// picture from a local tiled GeoTIFF as from a COG and XYZ tiles served over HTTP, a lon/lat VRT
// mosaic in a UTM scene, sources that break mid-read, a 65536² DEM under a small RAM budget, a
// nodata collar shown as holes, a hole without walls at a slant, and a scene without "extent".
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <fstream>

#include "CliRun.h"
#include "LocalHttpServer.h"
#include "SceneFixture.h"
#include "StreamFixtures.h"

namespace tb::clitest {
namespace {

std::string cameraOver(double lat, double lon, double height, double pitch = -90) {
  return std::to_string(lat) + "," + std::to_string(lon) + "," + std::to_string(height) + ",0," +
         std::to_string(pitch);
}

// [SECTION] (a) local file, COG over HTTP, XYZ tiles through a GDAL WMS description

TEST(Streaming, CogOverHttpAndXyzTilesLookLikeTheLocalFiles) {
  ScratchDir dir("stream-http");
  makeTiledDem(dir.path());
  fs::create_directories(dir / "www");
  gdal(dir.path(), {"gdal_translate", "-q", "-of", "COG", "-co", "BLOCKSIZE=128", "-co", "COMPRESS=DEFLATE", "-co",
                    "OVERVIEW_RESAMPLING=AVERAGE", "tiled.tif", "www/dem.tif"});
  const TileSet tiles;
  tiles.write(dir.path());
  LocalHttpServer server((dir / "www").string());
  ASSERT_TRUE(server.running()) << LocalHttpServer::kHint;
  writeFile(dir / "tiles.xml", tiles.wmsXml(server.url("/tiles")));
  writeFile(dir / "local.json", streamSceneJson("tiled.tif", "picture.tif"));
  // The remote paths are kept as written (not resolved against the scene's directory).
  writeFile(dir / "remote.json", streamSceneJson("/vsicurl/" + server.url("/dem.tif"), "tiles.xml"));

  // Straight down over the middle of the tile set, close enough that only zoom 12 is needed.
  const std::vector<std::string> camera{"--camera", cameraOver(tiles.centreLat(), tiles.centreLon(), 7000)};
  const RunOptions options = streamOptions(dir.path());
  const RunResult local = renderScene(dir / "local.json", dir / "local.png", options, "480x270", camera);
  ASSERT_EQ(local.exitCode, 0) << describe(local);
  const RunResult remote = renderScene(dir / "remote.json", dir / "remote.png", options, "480x270", camera);
  ASSERT_EQ(remote.exitCode, 0) << describe(remote);

  const ImageRGBA a = readPng((dir / "local.png").string()).image, b = readPng((dir / "remote.png").string()).image;
  // The COG holds the tiled file's very heights and overviews, the tiles the picture's very pixels
  // (zoom 11 = its 2× average overview): both sides read the same values through the same warper.
  // What may differ is where the warper's approximate transformer (1/8 px) lands on the larger WMS
  // raster; on this imagery that moves a few edge pixels by a few levels (measured: mean 0.66,
  // 0.6% of the pixels off by more than 8). Allowed: a mean of 1 level and 2% off by more than 8;
  // missing tiles (read as empty) or a missing DEM would be far beyond.
  const PictureDiff d = comparePictures(a, b, 8);
  std::printf("local vs remote: mean %.3f, share > 8: %.4f, worst %d\n", d.meanAbs, d.shareOver, d.worst);
  EXPECT_LT(d.meanAbs, 1.0) << "worst " << d.worst;
  EXPECT_LT(d.shareOver, 0.02) << "worst " << d.worst;
}

// [SECTION] (b) a VRT mosaic of lon/lat tiles in a UTM scene

TEST(Streaming, LonLatVrtMosaicRendersInUtmScene) {
  ScratchDir dir("stream-vrt");
  // 2×2 tiles of 0.2° × 0.15° in EPSG:4326 (~0.0006° cells), cut from the default DEM, mosaicked.
  std::vector<std::string> vrt{"gdalbuildvrt", "-q", "mosaic.vrt"};
  for (int j = 0; j < 2; ++j)
    for (int i = 0; i < 2; ++i) {
      const double w = 129.45 + 0.2 * i, s = 41.42 + 0.15 * j;
      const std::string name = "tile" + std::to_string(j) + std::to_string(i) + ".tif";
      gdal(dir.path(), {"gdalwarp", "-q", "-t_srs", "EPSG:4326", "-te", std::to_string(w), std::to_string(s),
                        std::to_string(w + 0.2), std::to_string(s + 0.15), "-tr", "0.0006", "0.0006", "-r", "average",
                        "-co", "TILED=YES", defaultDem().string(), name});
      vrt.push_back(name);
    }
  gdal(dir.path(), vrt);
  writeFile(dir / "scene.json", streamSceneJson("mosaic.vrt"));
  const RunResult r = renderScene(dir / "scene.json", dir / "out.png", streamOptions(dir.path()));
  // render captures only settled frames (or fails after TERRABRIEF_SETTLE_SECONDS): exit 0 = settled.
  ASSERT_EQ(r.exitCode, 0) << describe(r);
  EXPECT_TRUE(r.err.empty()) << r.err;
  // Relief, not a blank frame: the middle row spans many grey levels.
  const ImageRGBA img = readPng((dir / "out.png").string()).image;
  int lo = 255, hi = 0;
  for (int x = 0; x < img.width; ++x) {
    lo = std::min<int>(lo, img.at(x, img.height / 2)[1]);
    hi = std::max<int>(hi, img.at(x, img.height / 2)[1]);
  }
  EXPECT_GT(hi - lo, 30);
}

// [SECTION] (c) sources that fail in the middle of a render

TEST(Streaming, TruncatedCogAndFailingServerGiveOneLineErrors) {
  ScratchDir dir("stream-broken");
  makeTiledDem(dir.path());
  fs::create_directories(dir / "www");
  // No overviews: every read, however coarse, reaches the full-resolution tiles, the second half
  // of which the cut removes.
  gdal(dir.path(), {"gdal_translate", "-q", "-of", "COG", "-co", "BLOCKSIZE=128", "-co", "COMPRESS=DEFLATE", "-co",
                    "OVERVIEWS=NONE", "tiled.tif", "cut.tif"});
  fs::resize_file(dir / "cut.tif", fs::file_size(dir / "cut.tif") / 2);
  LocalHttpServer server((dir / "www").string());
  ASSERT_TRUE(server.running()) << LocalHttpServer::kHint;
  const std::string failing = "/vsicurl/" + server.url("/status/500/dem.tif");

  for (const std::string& source : {(dir / "cut.tif").string(), failing}) {
    SCOPED_TRACE(source);
    ScratchDir out("stream-broken-out");
    writeFile(dir / "scene.json", streamSceneJson(source));
    const RunResult r = renderScene(dir / "scene.json", out / "out.png", streamOptions(dir.path()));
    expectOneLineError(r, source);
    EXPECT_TRUE(listDir(out.path()).empty()) << "left behind: " << listDir(out.path()).front();
  }
}

// [SECTION] (d) a DEM far larger than the RAM budget

TEST(Streaming, DemFarLargerThanTheBudgetRendersWithinIt) {
  ScratchDir dir("stream-huge");
  // One 2048² tiled file with overviews (18 m cells), placed 32×32 times: a 65536² DEM (1180 km,
  // 16 GiB as floats). The VRT's OverviewList gives it overviews down to 128², each read through
  // the file's own overviews.
  const std::string dem = defaultDem().string();
  gdal(dir.path(), {"gdal_translate", "-q", "-projwin", "533250", "4622370", "570114", "4585506", "-outsize", "2048",
                    "2048", "-r", "average", "-co", "TILED=YES", "-co", "COMPRESS=DEFLATE", dem, "piece.tif"});
  gdal(dir.path(), {"gdaladdo", "-q", "-r", "average", "piece.tif", "2", "4", "8", "16", "32", "64"});
  std::ofstream vrt(dir / "huge.vrt");
  vrt << "<VRTDataset rasterXSize=\"65536\" rasterYSize=\"65536\">\n<SRS>EPSG:32652</SRS>\n"
      << "<GeoTransform>533250, 18, 0, 4622370, 0, -18</GeoTransform>\n"
      << "<OverviewList resampling=\"average\">2 4 8 16 32 64 128 256 512</OverviewList>\n"
      << "<VRTRasterBand dataType=\"Float32\" band=\"1\">\n";
  for (int j = 0; j < 32; ++j)
    for (int i = 0; i < 32; ++i)
      vrt << "<SimpleSource><SourceFilename relativeToVRT=\"1\">piece.tif</SourceFilename><SourceBand>1</SourceBand>"
          << "<SrcRect xOff=\"0\" yOff=\"0\" xSize=\"2048\" ySize=\"2048\"/><DstRect xOff=\"" << i * 2048
          << "\" yOff=\"" << j * 2048 << "\" xSize=\"2048\" ySize=\"2048\"/></SimpleSource>\n";
  vrt << "</VRTRasterBand>\n</VRTDataset>\n";
  vrt.close();
  writeFile(dir / "huge.json", streamSceneJson("huge.vrt"));
  writeFile(dir / "small.json", streamSceneJson("piece.tif"));

  RunOptions options = streamOptions(dir.path());
  options.env["TERRABRIEF_RAM_BUDGET_MB"] = "64";
  options.env["TERRABRIEF_GPU_BUDGET_MB"] = "64";
  // The baseline: what the process takes with almost no terrain (EGL, llvmpipe, its framebuffers,
  // shaders, fonts); measured here at 160-170 MiB. The same render of a 2048² DEM, same budgets.
  const RunResult small = renderScene(dir / "small.json", dir / "small.png", options, "960x540");
  ASSERT_EQ(small.exitCode, 0) << describe(small);
  // The fitted overview of the whole mosaic. (Closer cameras, which need many more tiles, exceed
  // the budgets today and some never settle.)
  const RunResult huge = renderScene(dir / "huge.json", dir / "huge.png", options, "960x540");
  ASSERT_EQ(huge.exitCode, 0) << describe(huge);
  const double mib = 1.0 / 1024, budgets = 64 + 64;
  std::printf("peak RSS: baseline %.0f MiB, 65536² DEM %.0f MiB\n", small.peakRssKb * mib, huge.peakRssKb * mib);
  RecordProperty("baseline_MiB", std::to_string(small.peakRssKb * mib));
  RecordProperty("huge_MiB", std::to_string(huge.peakRssKb * mib));
  // Streaming may add at most its two budgets (RAM tiles + GPU slots, which llvmpipe keeps in
  // process memory) to the baseline; loading the DEM whole would take 16 GiB.
  EXPECT_LT(huge.peakRssKb * mib, small.peakRssKb * mib + budgets)
      << "baseline " << small.peakRssKb * mib << " MiB, huge " << huge.peakRssKb * mib << " MiB";
#ifndef __SANITIZE_ADDRESS__  // ASan's shadow memory and quarantine lift every process by ~250 MiB
  EXPECT_LT(huge.peakRssKb * mib, 400) << "an absolute bound: 128 MiB of budgets over a ~170 MiB baseline, and slack";
#endif
}

// [SECTION] (e) a nodata collar

TEST(Streaming, NodataCollarIsReportedAndShownAsHoles) {
  ScratchDir dir("stream-nodata");
  // A 1600 m plateau of 256² cells of 60 m in the middle of a 512² DEM whose collar is nodata:
  // 75% nodata.
  gdal(dir.path(), {"gdal_create", "-q", "-of", "GTiff", "-outsize", "256", "256", "-bands", "1", "-ot", "Float32",
                    "-burn", "1600", "-a_srs", "EPSG:32652", "-a_ullr", "545000", "4610000", "560360", "4594640",
                    "-a_nodata", "-9999", "plateau.tif"});
  gdal(dir.path(), {"gdal_translate", "-q", "-srcwin", "-128", "-128", "512", "512", "-co", "TILED=YES",
                    "plateau.tif", "collar.tif"});
  writeFile(dir / "scene.json", streamSceneJson("collar.tif"));

  RunOptions options(dir.path());  // no TERRABRIEF_STREAMING: a DEM with nodata streams by itself
  options.env["TERRABRIEF_CACHE_DIR"] = "off";
  const RunResult info = runTerrabrief({"info", "--scene", (dir / "scene.json").string()}, options);
  ASSERT_EQ(info.exitCode, 0) << describe(info);
  EXPECT_NE(info.out.find("nodata: 75.0% of the DEM (shown as holes)"), std::string::npos) << info.out;

  // Straight down over the middle, seeing the whole DEM: the plateau in the middle, the collar in
  // the corners.
  const RunResult r = renderScene(dir / "scene.json", dir / "out.png", options, "480x270",
                                  {"--camera", "41.56,129.67,40000,0,-90"});
  ASSERT_EQ(r.exitCode, 0) << describe(r);
  const ImageRGBA img = readPng((dir / "out.png").string()).image;
  const auto rgb = [&](int x, int y) {
    const std::uint8_t* p = img.at(x, y);
    return std::array<int, 3>{p[0], p[1], p[2]};
  };
  const std::array<int, 3> middle = rgb(img.width / 2, img.height / 2);
  // The corners (inside the frame's overlays: scale bar bottom left, compass top right).
  for (const auto& [x, y] : {std::pair{img.width / 2, 8}, std::pair{img.width / 2, img.height - 8},
                             std::pair{20, img.height / 2}, std::pair{img.width - 20, img.height / 2}}) {
    SCOPED_TRACE(std::to_string(x) + "," + std::to_string(y));
    const std::array<int, 3> c = rgb(x, y);
    // Neutral grey: channels within 12 levels of each other (fog and lighting tint it slightly).
    EXPECT_LE(std::max({c[0], c[1], c[2]}) - std::min({c[0], c[1], c[2]}), 12);
    // Not the plateau's surface: a 1600 m slab would be lit and coloured as the middle is.
    EXPECT_GT(std::abs(c[0] - middle[0]) + std::abs(c[1] - middle[1]) + std::abs(c[2] - middle[2]), 30)
        << "middle " << middle[0] << " " << middle[1] << " " << middle[2] << ", here " << c[0] << " " << c[1] << " "
        << c[2];
  }
}

// Seen at a slant, a hole's rim must end where the data ends: triangles with a nodata corner used
// to keep their half towards the data, sloping down to z = 0, so the far rim of every hole stood
// as a wall of stretched imagery across it.
TEST(Streaming, NodataHoleSeenAtASlantHasNoWalls) {
  ScratchDir dir("stream-hole");
  // A red plateau (1600 m, 256² cells of 60 m) with a 3 km square hole of nodata, and the same
  // plateau whole with the hole's square painted blue: where the second picture is blue, the
  // first must show the neutral "no data" grey, not the red imagery.
  const std::vector<std::string> grid{"-outsize", "256", "256", "-a_srs", "EPSG:32652", "-a_ullr", "545000",
                                      "4610000", "560360", "4594640"};
  auto create = [&](std::vector<std::string> args) {
    std::vector<std::string> argv{"gdal_create", "-q", "-of", "GTiff"};
    argv.insert(argv.end(), grid.begin(), grid.end());
    argv.insert(argv.end(), args.begin(), args.end());
    gdal(dir.path(), argv);
  };
  create({"-bands", "1", "-ot", "Float32", "-burn", "1600", "-a_nodata", "-9999", "holed.tif"});
  create({"-bands", "1", "-ot", "Float32", "-burn", "1600", "whole.tif"});
  create({"-bands", "3", "-ot", "Byte", "-burn", "200", "-burn", "40", "-burn", "40", "red.tif"});
  create({"-bands", "3", "-ot", "Byte", "-burn", "200", "-burn", "40", "-burn", "40", "marked.tif"});
  writeFile(dir / "square.geojson", R"({"type": "FeatureCollection",
 "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::32652"}},
 "features": [{"type": "Feature", "properties": {}, "geometry": {"type": "Polygon", "coordinates":
 [[[551000, 4600000], [554000, 4600000], [554000, 4603000], [551000, 4603000], [551000, 4600000]]]}}]})");
  gdal(dir.path(), {"gdal_rasterize", "-q", "-burn", "-9999", "square.geojson", "holed.tif"});
  gdal(dir.path(), {"gdal_rasterize", "-q", "-b", "1", "-b", "2", "-b", "3", "-burn", "40", "-burn", "40", "-burn",
                    "220", "square.geojson", "marked.tif"});
  writeFile(dir / "holed.json", streamSceneJson("holed.tif", "red.tif"));
  writeFile(dir / "marked.json", streamSceneJson("whole.tif", "marked.tif"));

  // From 6 km south of the hole, 3 km above the plateau, looking north and down.
  const std::vector<std::string> camera{"--camera", "41.515,129.6292,4600,0,-30"};
  const RunOptions options = streamOptions(dir.path());
  for (const char* name : {"holed", "marked"}) {
    const RunResult r = renderScene(dir / (std::string(name) + ".json"), dir / (std::string(name) + ".png"), options,
                                    "480x270", camera);
    ASSERT_EQ(r.exitCode, 0) << describe(r);
  }
  const ImageRGBA holed = readPng((dir / "holed.png").string()).image;
  const ImageRGBA marked = readPng((dir / "marked.png").string()).image;
  int hole = 0, redInHole = 0;
  for (int y = 0; y < marked.height; ++y)
    for (int x = 0; x < marked.width; ++x) {
      const std::uint8_t* m = marked.at(x, y);
      if (!(m[2] > m[0] + 60)) continue;  // not the blue square
      ++hole;
      const std::uint8_t* h = holed.at(x, y);
      if (h[0] > h[2] + 60) ++redInHole;  // the plateau's imagery where the hole should be
    }
  ASSERT_GT(hole, 2000) << "the hole should fill a good part of the view";
  // The rim may differ by a cell (a triangle with a nodata corner is dropped whole).
  EXPECT_LT(redInHole, hole / 50) << redInHole << " of the hole's " << hole << " pixels show the plateau's imagery";
}

// [SECTION] (f) "extent" is optional

TEST(Streaming, SceneWithoutExtentRendersTheDemFootprint) {
  ScratchDir dir("stream-noextent");
  ASSERT_TRUE(makeSmallDem(dir / "dem.tif"));
  writeFile(dir / "scene.json", streamSceneJson("dem.tif"));
  RunOptions options(dir.path());  // not forced to stream: the in-memory path
  options.env["TERRABRIEF_CACHE_DIR"] = "off";
  const RunResult r = renderScene(dir / "scene.json", dir / "out.png", options);
  ASSERT_EQ(r.exitCode, 0) << describe(r);
  EXPECT_TRUE(fs::exists(dir / "out.png"));
  // info shows the lon/lat footprint of the default DEM (x 533250 .. 571080, y 4581010 .. 4622370
  // in EPSG:32652).
  const RunResult info = runTerrabrief({"info", "--scene", (dir / "scene.json").string()}, options);
  ASSERT_EQ(info.exitCode, 0) << describe(info);
  EXPECT_NE(info.out.find("lon 129.397647 .. 129.854929, lat 41.377472 .. 41.752460"), std::string::npos) << info.out;
}

}  // namespace
}  // namespace tb::clitest
