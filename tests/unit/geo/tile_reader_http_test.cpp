// RasterTileReader over HTTP, from a real server on 127.0.0.1 that each test starts and stops
// (tile_test_server.py, python3-rangehttpserver): a COG through /vsicurl/ range requests, XYZ and
// TMS tiles through GDAL WMS descriptions, and servers that fail, hang or send garbage.
#include <gtest/gtest.h>

#include <gdal_utils.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <random>

#include "TileFixtures.h"
#include "geo/Crs.h"
#include "geo/TileReader.h"

using namespace tb;
using geo::RasterRole;
using geo::RasterTileReader;
using testfix::gridAt;
using testfix::RasterSpec;

namespace {

constexpr const char* kUtm = "EPSG:32652";
constexpr double kWebMercatorHalf = 20037508.342789244;
constexpr int kZoom = 12;

std::string serveDir(const std::string& name) {
  const std::string dir = testfix::scratchDir(name);
  std::filesystem::create_directories(dir + "/www");
  return dir;
}

// Writes the GDAL WMS description of an XYZ (YOrigin top) or TMS (bottom) tile set.
std::string wmsXml(const std::string& url, bool tms) {
  return "<GDAL_WMS>\n"
         "  <Service name=\"TMS\"><ServerUrl>" + url + "/${z}/${x}/${y}.png</ServerUrl></Service>\n"
         "  <DataWindow><UpperLeftX>-20037508.342789244</UpperLeftX><UpperLeftY>20037508.342789244</UpperLeftY>\n"
         "    <LowerRightX>20037508.342789244</LowerRightX><LowerRightY>-20037508.342789244</LowerRightY>\n"
         "    <TileLevel>" + std::to_string(kZoom) + "</TileLevel>\n"
         "    <TileCountX>1</TileCountX><TileCountY>1</TileCountY>\n"
         "    <YOrigin>" + (tms ? "bottom" : "top") + "</YOrigin></DataWindow>\n"
         "  <Projection>EPSG:3857</Projection><BlockSizeX>256</BlockSizeX><BlockSizeY>256</BlockSizeY>\n"
         "  <BandsCount>3</BandsCount>\n"
         "</GDAL_WMS>\n";
}

// A smooth RGB picture in EPSG:3857 on the zoom-12 tile grid (2×2 tiles over Kyongsong), written
// as a GeoTIFF and cut into PNG tiles under www/xyz/12/x/y.png and www/tms/12/x/y.png (y flipped).
// Returns the GeoTIFF's path.
std::string writeTileSet(const std::string& dir) {
  const int n = 1 << kZoom;
  const double latRad = 41.55 * M_PI / 180;
  // Even, so that the 2×2 tiles are exactly one tile of zoom 11.
  const int x0 = static_cast<int>((129.55 + 180) / 360 * n) / 2 * 2;
  const int y0 = static_cast<int>((1 - std::log(std::tan(latRad) + 1 / std::cos(latRad)) / M_PI) / 2 * n) / 2 * 2;
  const double tileMetres = 2 * kWebMercatorHalf / n, px = tileMetres / 256;
  RasterSpec s;
  s.crs = "EPSG:3857";
  s.width = s.height = 512;
  const double gt[6] = {-kWebMercatorHalf + x0 * tileMetres, px, 0, kWebMercatorHalf - y0 * tileMetres, 0, -px};
  std::copy(gt, gt + 6, s.gt);
  std::vector<float> v(512 * 512 * 3);
  for (int r = 0; r < 512; ++r)
    for (int c = 0; c < 512; ++c) {
      v[r * 512 + c] = float(std::lround(128 + 100 * std::sin(c / 40.0)));
      v[512 * 512 + r * 512 + c] = float(std::lround(128 + 100 * std::cos(r / 30.0)));
      v[2 * 512 * 512 + r * 512 + c] = float(std::lround(128 + 80 * std::sin((c + r) / 50.0)));
    }
  GDALDatasetH mem = testfix::memRaster(s, v, GDT_Byte);
  testfix::copyTo(mem, dir + "/picture.tif", "GTiff");
  for (int ty = 0; ty < 2; ++ty)
    for (int tx = 0; tx < 2; ++tx) {
      const std::string srcwin[] = {std::to_string(tx * 256), std::to_string(ty * 256), "256", "256"};
      const char* args[] = {"-of", "PNG", "-srcwin", srcwin[0].c_str(), srcwin[1].c_str(), "256", "256", nullptr};
      GDALTranslateOptions* opts = GDALTranslateOptionsNew(const_cast<char**>(args), nullptr);
      const int x = x0 + tx, y = y0 + ty;
      for (const auto& [layout, row] : {std::pair{"xyz", y}, std::pair{"tms", n - 1 - y}}) {
        const std::string folder = dir + "/www/" + layout + "/" + std::to_string(kZoom) + "/" + std::to_string(x);
        std::filesystem::create_directories(folder);
        GDALDatasetH png = GDALTranslate((folder + "/" + std::to_string(row) + ".png").c_str(), mem, opts, nullptr);
        EXPECT_NE(png, nullptr);
        GDALClose(png);
      }
      GDALTranslateOptionsFree(opts);
    }
  // Zoom 11: one tile in a flat colour, so that a read shows which zoom level it came from.
  GDALDatasetH flat = GDALCreate(GDALGetDriverByName("MEM"), "", 256, 256, 3, GDT_Byte, nullptr);
  for (int b = 0; b < 3; ++b) GDALFillRaster(GDALGetRasterBand(flat, b + 1), 10.0 * (b + 1), 0);
  for (const auto& [layout, row] : {std::pair{"xyz", y0 / 2}, std::pair{"tms", n / 2 - 1 - y0 / 2}}) {
    const std::string folder = dir + "/www/" + layout + "/" + std::to_string(kZoom - 1) + "/" + std::to_string(x0 / 2);
    std::filesystem::create_directories(folder);
    testfix::copyTo(flat, folder + "/" + std::to_string(row) + ".png", "PNG");
  }
  GDALClose(flat);
  GDALClose(mem);
  return dir + "/picture.tif";
}

// A 30 m UTM grid inside the tile set (away from its edges).
geo::GridSpec insideTileSet(const std::string& picture) {
  GDALDatasetH ds = GDALOpen(picture.c_str(), GA_ReadOnly);
  double gt[6];
  GDALGetGeoTransform(ds, gt);
  GDALClose(ds);
  geo::GeoProjection merc("EPSG:3857"), utm(kUtm);
  const glm::dvec2 nw = merc.toLonLat({gt[0] + 40 * gt[1], gt[3] + 40 * gt[5]});
  const glm::dvec2 p = utm.toProjected(nw.x + 0.005, nw.y - 0.005);
  return gridAt(kUtm, std::floor(p.x / 30) * 30, std::floor(p.y / 30) * 30, 30, 256, 256);
}

}  // namespace

TEST(TileReaderHttp, CogOverVsicurlReadsTheSameAsTheLocalFile) {
  const std::string dir = serveDir("http-cog");
  RasterSpec s;
  s.width = s.height = 1024;
  std::mt19937 rng(3);
  std::uniform_real_distribution<float> d(0.f, 1500.f);
  std::vector<float> v(1024 * 1024);
  for (float& x : v) x = d(rng);
  testfix::writeWith(dir + "/www/dem.tif", s, v, "COG", {"COMPRESS=DEFLATE", "BLOCKSIZE=256"});
  testfix::LocalHttpServer server(dir + "/www");
  ASSERT_TRUE(server.running()) << testfix::LocalHttpServer::kHint;

  for (const char* crs : {kUtm, "EPSG:32651"}) {
    const RasterTileReader local(dir + "/www/dem.tif", RasterRole::Elevation, crs);
    const RasterTileReader remote("/vsicurl/" + server.url("/dem.tif"), RasterRole::Elevation, crs);
    EXPECT_EQ(remote.info().overviewCount, local.info().overviewCount);
    EXPECT_GT(local.info().overviewCount, 0);
    const geo::ProjectedExtent fp = local.info().footprint;
    // Native, and a coarse read that comes from an overview: identical bytes, so identical
    // results (tolerance 0).
    for (double cell : {10.0, 35.0}) {
      const geo::GridSpec g = gridAt(crs, fp.west + 1003, fp.north - 2011, cell, 128, 128);
      std::vector<float> a(128 * 128), b(128 * 128);
      local.readHeights(g, a.data());
      remote.readHeights(g, b.data());
      EXPECT_EQ(0, std::memcmp(a.data(), b.data(), a.size() * sizeof(float))) << crs << " " << cell;
      EXPECT_FALSE(std::isnan(a[64 * 128 + 64]));
    }
  }
}

TEST(TileReaderHttp, XyzAndTmsTilesThroughGdalWmsLookLikeTheLocalPicture) {
  const std::string dir = serveDir("http-xyz");
  const std::string picture = writeTileSet(dir);
  testfix::LocalHttpServer server(dir + "/www");
  ASSERT_TRUE(server.running()) << testfix::LocalHttpServer::kHint;
  const geo::GridSpec g = insideTileSet(picture);
  const RasterTileReader local(picture, RasterRole::Imagery, kUtm);
  std::vector<std::uint8_t> ref(size_t(g.width) * g.height * 4);
  local.readRgba(g, ref.data());

  for (bool tms : {false, true}) {
    const std::string xml = dir + (tms ? "/tms.xml" : "/xyz.xml");
    testfix::writeText(xml, wmsXml(server.url(tms ? "/tms" : "/xyz"), tms));
    const RasterTileReader wms(xml, RasterRole::Imagery, kUtm);
    EXPECT_EQ(wms.info().driver, "WMS");
    EXPECT_EQ(wms.info().crs, "EPSG:3857");
    EXPECT_NEAR(wms.info().nativeCellSize, 38.22 * std::cos(41.55 * M_PI / 180), 1.5);
    std::vector<std::uint8_t> got(ref.size());
    wms.readRgba(g, got.data());
    // Both are the same pixels warped by the same warper; they differ only where the warper's
    // approximate transformer (1/8 pixel) lands differently on the larger WMS raster: on this
    // smooth picture (<= 4 levels per pixel) that is <= 1 level, 2 allowed; never in alpha.
    int worst = 0;
    double sum = 0;
    for (size_t i = 0; i < got.size(); ++i) {
      const int diff = std::abs(int(got[i]) - int(ref[i]));
      worst = std::max(worst, diff);
      sum += diff;
      if (i % 4 == 3) ASSERT_EQ(got[i], 255) << i;
    }
    EXPECT_LE(worst, 2) << (tms ? "TMS" : "XYZ");
    EXPECT_LT(sum / got.size(), 0.25) << (tms ? "TMS" : "XYZ");

    // 64 m cells are more than twice zoom 12's ~28.6 m pixels here: zoom 11 is read (flat).
    geo::GridSpec coarse = g;
    coarse.cellSize = 64, coarse.width = coarse.height = 64;
    std::vector<std::uint8_t> c(64 * 64 * 4);
    wms.readRgba(coarse, c.data());
    EXPECT_EQ((std::vector<int>{c[(32 * 64 + 32) * 4], c[(32 * 64 + 32) * 4 + 1], c[(32 * 64 + 32) * 4 + 2]}),
              (std::vector<int>{10, 20, 30}))
        << (tms ? "TMS" : "XYZ");
  }
}

TEST(TileReaderHttp, FailingServersGiveOneLineErrorsNamingTheSource) {
  const std::string dir = serveDir("http-errors");
  const std::string picture = writeTileSet(dir);
  RasterSpec s;
  testfix::writeWith(dir + "/www/dem.tif", s, std::vector<float>(64 * 64, 5.f), "COG", {});
  testfix::LocalHttpServer server(dir + "/www");
  ASSERT_TRUE(server.running()) << testfix::LocalHttpServer::kHint;
  const auto oneLineNaming = [](const std::string& err, const std::string& source) {
    EXPECT_EQ(err.rfind(source + ": ", 0), 0u) << err;
    EXPECT_EQ(err.find('\n'), std::string::npos) << err;
  };

  // /vsicurl/: the open already fails.
  for (const std::string path : {"/status/500/dem.tif", "/missing.tif", "/garbage/dem.tif"}) {
    const std::string url = "/vsicurl/" + server.url(path);
    oneLineNaming(testfix::errorOf([&] { RasterTileReader(url, RasterRole::Elevation, kUtm); }), url);
  }
  // WMS: the description opens, the tile reads fail.
  const geo::GridSpec g = insideTileSet(picture);
  std::vector<std::uint8_t> out(size_t(g.width) * g.height * 4);
  for (const std::string path : {"/status/500/xyz", "/nothing", "/garbage/xyz"}) {
    const std::string xml = dir + "/bad.xml";
    testfix::writeText(xml, wmsXml(server.url(path), false));
    const RasterTileReader wms(xml, RasterRole::Imagery, kUtm);
    const std::string err = testfix::errorOf([&] { wms.readRgba(g, out.data()); });
    oneLineNaming(err, xml);
    EXPECT_NE(err.find("(GDAL: "), std::string::npos) << err;
  }
}

TEST(TileReaderHttp, AServerThatHangsTimesOut) {
  const std::string dir = serveDir("http-slow");
  const std::string picture = writeTileSet(dir);
  testfix::LocalHttpServer server(dir + "/www");
  ASSERT_TRUE(server.running()) << testfix::LocalHttpServer::kHint;
  // The reader's default is 10 s; 1 s here keeps the test short. Thread-local: other tests unaffected.
  CPLSetThreadLocalConfigOption("GDAL_HTTP_TIMEOUT", "1");
  CPLSetThreadLocalConfigOption("GDAL_HTTP_MAX_RETRY", "0");
  const auto t0 = std::chrono::steady_clock::now();
  const std::string url = "/vsicurl/" + server.url("/slow/30/dem.tif");
  const std::string vsiErr = testfix::errorOf([&] { RasterTileReader(url, RasterRole::Elevation, kUtm); });
  EXPECT_EQ(vsiErr.rfind(url + ": ", 0), 0u) << vsiErr;

  const std::string xml = dir + "/slow.xml";
  testfix::writeText(xml, wmsXml(server.url("/slow/30/xyz"), false));
  const geo::GridSpec g = insideTileSet(picture);
  std::vector<std::uint8_t> out(size_t(g.width) * g.height * 4);
  const std::string wmsErr = testfix::errorOf([&] {
    const RasterTileReader wms(xml, RasterRole::Imagery, kUtm);
    wms.readRgba(g, out.data());
  });
  EXPECT_EQ(wmsErr.rfind(xml + ": ", 0), 0u) << wmsErr;
  CPLSetThreadLocalConfigOption("GDAL_HTTP_TIMEOUT", nullptr);
  CPLSetThreadLocalConfigOption("GDAL_HTTP_MAX_RETRY", nullptr);
  EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(), 10.0);
}
