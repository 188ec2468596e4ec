// DEM and imagery loading: warping, nodata, the direct-read fast path, other formats, bad input.
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <random>

#include "RasterFixtures.h"
#include "core/Error.h"
#include "geo/Crs.h"
#include "geo/Raster.h"

using namespace tb;
using tb::testfix::RasterSpec;
using tb::testfix::errorOf;

namespace {

// A plane in lon/lat: bilinear interpolation reproduces it exactly, so after warping the value at
// any point equals the plane there up to the warper's approximate transformer (<= 1/8 pixel).
double ramp(double lon, double lat) { return 1000.0 * (lon - 129.5) + 2000.0 * (lat - 41.5); }

RasterSpec lonLatSpec() {
  RasterSpec s;
  s.crs = "EPSG:4326";
  const double step = 0.1 / 64;
  const double gt[6] = {129.5, step, 0, 41.6, 0, -step};
  std::copy(gt, gt + 6, s.gt);
  return s;
}

std::vector<float> rampData(const RasterSpec& s) {
  std::vector<float> v(static_cast<size_t>(s.width) * s.height);
  for (int r = 0; r < s.height; ++r)
    for (int c = 0; c < s.width; ++c)
      v[r * s.width + c] = static_cast<float>(ramp(s.gt[0] + (c + 0.5) * s.gt[1], s.gt[3] + (r + 0.5) * s.gt[5]));
  return v;
}

geo::GridSpec ownGrid(const RasterSpec& s) {
  geo::GridSpec g;
  g.crs = s.crs;
  g.originX = s.gt[0], g.originY = s.gt[3], g.cellSize = s.gt[1];
  g.width = s.width, g.height = s.height;
  return g;
}

double bilinear(const geo::HeightGrid& h, double x, double y) {
  const double fc = (x - h.grid.originX) / h.grid.cellSize - 0.5, fr = (h.grid.originY - y) / h.grid.cellSize - 0.5;
  const int c = static_cast<int>(std::floor(fc)), r = static_cast<int>(std::floor(fr));
  const double tx = fc - c, ty = fr - r;
  auto at = [&](int cc, int rr) { return double(h.heights[rr * h.grid.width + cc]); };
  return (1 - ty) * ((1 - tx) * at(c, r) + tx * at(c + 1, r)) + ty * ((1 - tx) * at(c, r + 1) + tx * at(c + 1, r + 1));
}

}  // namespace

TEST(Raster, WarpLonLatDemIntoUtmKeepsKnownHeight) {
  const std::string dir = testfix::scratchDir("raster-warp");
  const RasterSpec s = lonLatSpec();
  testfix::writeRaster(dir + "/dem.tif", s, rampData(s));

  geo::GeoProjection proj("EPSG:32652");
  const glm::dvec2 sw = proj.toProjected(129.52, 41.52), ne = proj.toProjected(129.58, 41.58);
  geo::GridSpec target;
  target.crs = "EPSG:32652";
  target.cellSize = 50;
  target.originX = std::floor(sw.x / 50) * 50;
  target.originY = std::ceil(ne.y / 50) * 50;
  target.width = static_cast<int>((ne.x - target.originX) / 50);
  target.height = static_cast<int>((target.originY - sw.y) / 50);
  const geo::HeightGrid dem = geo::loadDem(dir + "/dem.tif", target);
  ASSERT_EQ(dem.heights.size(), size_t(target.width) * target.height);
  EXPECT_EQ(dem.sourceCrs, "EPSG:4326");

  for (auto [lon, lat] : {std::pair{129.55, 41.55}, std::pair{129.533, 41.571}, std::pair{129.57, 41.53}}) {
    const glm::dvec2 p = proj.toProjected(lon, lat);
    // Tolerance: the plane changes ~0.3 m per source pixel; the warper's approximation and the
    // second bilinear step on the 50 m grid stay well inside 0.5 m.
    EXPECT_NEAR(bilinear(dem, p.x, p.y), ramp(lon, lat), 0.5) << lon << "," << lat;
  }
}

TEST(Raster, NodataBecomesNaNInBothPaths) {
  const std::string dir = testfix::scratchDir("raster-nodata");
  RasterSpec s;
  s.nodata = -9999;
  std::vector<float> v(64 * 64, 100.0f);
  for (int r = 10; r < 30; ++r)
    for (int c = 10; c < 30; ++c) v[r * 64 + c] = -9999.0f;
  testfix::writeRaster(dir + "/dem.tif", s, v);

  const geo::HeightGrid direct = geo::loadDem(dir + "/dem.tif", ownGrid(s));
  EXPECT_FALSE(direct.heights.borrowed()) << "nodata must be copied out of the file mapping to become NaN";
  EXPECT_TRUE(std::isnan(direct.heights[20 * 64 + 20]));
  EXPECT_FLOAT_EQ(direct.heights[5 * 64 + 5], 100.0f);

  geo::GridSpec shifted = ownGrid(s);  // half a cell off: must go through the warper
  shifted.originX += 5;
  shifted.originY -= 5;
  shifted.width = shifted.height = 60;
  const geo::HeightGrid warped = geo::loadDem(dir + "/dem.tif", shifted);
  EXPECT_TRUE(std::isnan(warped.heights[18 * 60 + 18]));
  EXPECT_NEAR(warped.heights[50 * 60 + 50], 100.0f, 1e-4);
}

TEST(Raster, FastPathIsIdenticalToRasterIO) {
  const std::string dir = testfix::scratchDir("raster-fast");
  RasterSpec s;
  s.width = 100, s.height = 80;
  std::mt19937 rng(7);
  std::uniform_real_distribution<float> d(-50.f, 2000.f);
  std::vector<float> v(100 * 80);
  for (float& x : v) x = d(rng);
  testfix::writeRaster(dir + "/dem.tif", s, v);

  GDALDatasetH ds = GDALOpen((dir + "/dem.tif").c_str(), GA_ReadOnly);
  std::vector<float> ref(v.size());
  ASSERT_EQ(GDALRasterIO(GDALGetRasterBand(ds, 1), GF_Read, 0, 0, 100, 80, ref.data(), 100, 80, GDT_Float32, 0, 0),
            CE_None);
  GDALClose(ds);

  const geo::HeightGrid dem = geo::loadDem(dir + "/dem.tif", ownGrid(s));
  EXPECT_TRUE(dem.heights.borrowed()) << "an uncompressed strip GeoTIFF on the grid is used in place";
  ASSERT_EQ(dem.heights.size(), ref.size());
  EXPECT_EQ(0, std::memcmp(dem.heights.data(), ref.data(), ref.size() * sizeof(float)));

  // A pixel-aligned window reaching past the raster: copied, and NaN where there is no data.
  geo::GridSpec window = ownGrid(s);
  window.originX += 30 * 10, window.originY -= 20 * 10;
  const geo::HeightGrid part = geo::loadDem(dir + "/dem.tif", window);
  EXPECT_FALSE(part.heights.borrowed());
  EXPECT_EQ(part.heights[0], ref[20 * 100 + 30]);
  EXPECT_EQ(part.heights[5 * 100 + 7], ref[25 * 100 + 37]);
  EXPECT_TRUE(std::isnan(part.heights[5 * 100 + 80]));  // column 110 of the source: outside
}

TEST(Raster, DemGridForKeepsTheSourcePixelsInItsOwnCrs) {
  const std::string dir = testfix::scratchDir("raster-grid");
  RasterSpec s;
  testfix::writeRaster(dir + "/dem.tif", s, std::vector<float>(64 * 64, 1.0f));
  geo::ProjectedExtent clip{500105, 4599000, 500333, 4599800};
  const geo::GridSpec g = geo::demGridFor(dir + "/dem.tif", "EPSG:32652", &clip);
  EXPECT_DOUBLE_EQ(g.cellSize, 10);
  EXPECT_DOUBLE_EQ(g.originX, 500100);
  EXPECT_DOUBLE_EQ(g.originY, 4599800);
  EXPECT_EQ(g.width, 24);
  EXPECT_EQ(g.height, 44);  // clipped to the raster: 4599360..4599800

  const RasterSpec ll = lonLatSpec();
  testfix::writeRaster(dir + "/ll.tif", ll, rampData(ll));
  const geo::GridSpec u = geo::demGridFor(dir + "/ll.tif", "EPSG:32652");
  // 0.1/64 degree at 41.55 N: ~130 m east-west by ~173 m north-south; geometric mean ~150 m.
  EXPECT_GT(u.cellSize, 140);
  EXPECT_LT(u.cellSize, 160);
}

TEST(Raster, AaigridAndVrtOpen) {
  const std::string dir = testfix::scratchDir("raster-formats");
  std::string asc = "ncols 4\nnrows 3\nxllcorner 500000\nyllcorner 4599970\ncellsize 10\nNODATA_value -9999\n"
                    "1 2 3 4\n5 6 -9999 8\n9 10 11 12\n";
  testfix::writeText(dir + "/dem.asc", asc);
  OGRSpatialReferenceH srs = OSRNewSpatialReference(nullptr);
  OSRSetFromUserInput(srs, "EPSG:32652");
  OSRMorphToESRI(srs);
  char* wkt = nullptr;
  OSRExportToWkt(srs, &wkt);
  testfix::writeText(dir + "/dem.prj", wkt);
  CPLFree(wkt);
  OSRDestroySpatialReference(srs);

  geo::GridSpec g;
  g.crs = "EPSG:32652", g.originX = 500000, g.originY = 4600000, g.cellSize = 10, g.width = 4, g.height = 3;
  const geo::HeightGrid a = geo::loadDem(dir + "/dem.asc", g);
  EXPECT_FLOAT_EQ(a.heights[0], 1);
  EXPECT_FLOAT_EQ(a.heights[11], 12);
  EXPECT_TRUE(std::isnan(a.heights[6]));

  GDALDatasetH src = GDALOpen((dir + "/dem.asc").c_str(), GA_ReadOnly);
  GDALClose(GDALCreateCopy(GDALGetDriverByName("VRT"), (dir + "/dem.vrt").c_str(), src, FALSE, nullptr, nullptr, nullptr));
  GDALClose(src);
  const geo::HeightGrid v = geo::loadDem(dir + "/dem.vrt", g);
  EXPECT_EQ(v.heights.size(), 12u);
  EXPECT_FLOAT_EQ(v.heights[4], 5);
}

TEST(Raster, PalettedImageryBecomesRgba) {
  const std::string dir = testfix::scratchDir("raster-palette");
  RasterSpec s;
  s.width = s.height = 8;
  GDALAllRegister();
  GDALDatasetH ds = GDALCreate(GDALGetDriverByName("GTiff"), (dir + "/pal.tif").c_str(), 8, 8, 1, GDT_Byte, nullptr);
  GDALSetGeoTransform(ds, s.gt);
  GDALSetProjection(ds, testfix::wktOf("EPSG:32652").c_str());
  GDALColorTableH ct = GDALCreateColorTable(GPI_RGB);
  const GDALColorEntry red{200, 10, 20, 255}, green{30, 180, 40, 255};
  GDALSetColorEntry(ct, 0, &red);
  GDALSetColorEntry(ct, 1, &green);
  GDALSetRasterColorTable(GDALGetRasterBand(ds, 1), ct);
  GDALDestroyColorTable(ct);
  std::vector<std::uint8_t> idx(64);
  for (int i = 0; i < 64; ++i) idx[i] = (i % 8) < 4 ? 0 : 1;
  GDALRasterIO(GDALGetRasterBand(ds, 1), GF_Write, 0, 0, 8, 8, idx.data(), 8, 8, GDT_Byte, 0, 0);
  GDALClose(ds);

  geo::GridSpec g;  // the raster plus two cells of empty margin on each side
  g.crs = "EPSG:32652", g.originX = 500000 - 20, g.originY = 4600000 + 20, g.cellSize = 10, g.width = 12, g.height = 12;
  const geo::RgbaGrid img = geo::loadImagery(dir + "/pal.tif", g);
  ASSERT_EQ(img.rgba.size(), 12u * 12u * 4u);
  auto px = [&](int c, int r) { return &img.rgba[(r * 12 + c) * 4]; };
  EXPECT_EQ(px(3, 5)[0], 200);  // source column 1: red
  EXPECT_EQ(px(3, 5)[1], 10);
  EXPECT_EQ(px(3, 5)[3], 255);
  EXPECT_EQ(px(8, 5)[1], 180);  // source column 6: green
  EXPECT_EQ(px(0, 0)[3], 0);    // outside the footprint: transparent
  EXPECT_EQ(px(11, 11)[3], 0);
}

TEST(Raster, GreyImageryBecomesOpaqueGrey) {
  const std::string dir = testfix::scratchDir("raster-grey");
  RasterSpec s;
  s.width = s.height = 4;
  testfix::writeRaster(dir + "/g.tif", s, std::vector<float>(16, 77.0f), GDT_Byte);
  geo::GridSpec g;
  g.crs = "EPSG:32652", g.originX = 500000, g.originY = 4600000, g.cellSize = 10, g.width = 4, g.height = 4;
  const geo::RgbaGrid img = geo::loadImagery(dir + "/g.tif", g);
  EXPECT_EQ(img.rgba[20], 77);
  EXPECT_EQ(img.rgba[21], 77);
  EXPECT_EQ(img.rgba[22], 77);
  EXPECT_EQ(img.rgba[23], 255);
}

TEST(Raster, ProbeReadsSyntheticFlag) {
  const std::string dir = testfix::scratchDir("raster-probe");
  RasterSpec s;
  s.metadata["TERRABRIEF_SYNTHETIC"] = "YES";
  testfix::writeRaster(dir + "/dem.tif", s, std::vector<float>(64 * 64, 3.0f));
  const geo::RasterInfo info = geo::probeRaster(dir + "/dem.tif");
  EXPECT_TRUE(info.synthetic);
  EXPECT_EQ(info.driver, "GTiff");
  EXPECT_EQ(info.crs, "EPSG:32652");
  EXPECT_EQ(info.width, 64);
  EXPECT_EQ(info.metadata.at("TERRABRIEF_SYNTHETIC"), "YES");
  EXPECT_TRUE(geo::loadDem(dir + "/dem.tif", ownGrid(s)).synthetic);
}

// [SECTION] bad input: every error is one line naming the file and the problem.

TEST(RasterErrors, MissingFile) {
  const std::string path = testfix::scratchDir("raster-missing") + "/nope.tif";
  const std::string msg = errorOf([&] { geo::loadDem(path, ownGrid(RasterSpec{})); });
  EXPECT_EQ(msg, path + ": file not found");
}

TEST(RasterErrors, TextFileIsNotARaster) {
  const std::string path = testfix::scratchDir("raster-text") + "/dem.tif";
  testfix::writeText(path, "This is a briefing note, not elevation data.\n");
  const std::string msg = errorOf([&] { geo::loadDem(path, ownGrid(RasterSpec{})); });
  EXPECT_EQ(msg.rfind(path + ": not a raster GDAL can read", 0), 0u) << msg;
  EXPECT_EQ(msg.find('\n'), std::string::npos);
}

TEST(RasterErrors, TruncatedGeoTiff) {
  const std::string path = testfix::scratchDir("raster-trunc") + "/dem.tif";
  RasterSpec s;
  s.width = s.height = 256;
  testfix::writeRaster(path, s, std::vector<float>(256 * 256, 42.0f));
  std::filesystem::resize_file(path, std::filesystem::file_size(path) / 2);
  for (bool direct : {true, false}) {
    geo::GridSpec g = ownGrid(s);
    if (!direct) g.originX += 3;  // off the source's pixel edges: the warper reads it
    const std::string msg = errorOf([&] { geo::loadDem(path, g); });
    EXPECT_EQ(msg.rfind(path + ": ", 0), 0u) << msg;
    EXPECT_TRUE(msg.find("read") != std::string::npos) << msg;
    EXPECT_EQ(msg.find('\n'), std::string::npos);
  }
}

TEST(RasterErrors, EntirelyNodata) {
  const std::string path = testfix::scratchDir("raster-allnodata") + "/dem.tif";
  RasterSpec s;
  s.nodata = -32768;
  testfix::writeRaster(path, s, std::vector<float>(64 * 64, -32768.0f));
  EXPECT_EQ(errorOf([&] { geo::loadDem(path, ownGrid(s)); }),
            path + ": no elevation inside the scene extent: every sample there is nodata");
}

TEST(RasterErrors, NoCrs) {
  const std::string path = testfix::scratchDir("raster-nocrs") + "/dem.tif";
  RasterSpec s;
  s.crs = "";
  testfix::writeRaster(path, s, std::vector<float>(64 * 64, 1.0f));
  RasterSpec t;
  EXPECT_EQ(errorOf([&] { geo::loadDem(path, ownGrid(t)); }), path + ": has no CRS; cannot place it on the map");
}

TEST(RasterErrors, NoOverlap) {
  const std::string path = testfix::scratchDir("raster-far") + "/dem.tif";
  RasterSpec s;
  testfix::writeRaster(path, s, std::vector<float>(64 * 64, 1.0f));
  geo::GridSpec g = ownGrid(s);
  g.originX += 100000;
  const std::string msg = errorOf([&] { geo::loadDem(path, g); });
  EXPECT_EQ(msg.rfind(path + ": does not overlap the scene extent", 0), 0u) << msg;
}

TEST(Raster, RgbImageryOnTheGridIsCopiedExactly) {
  const std::string dir = testfix::scratchDir("raster-rgb");
  RasterSpec s;
  s.width = 6, s.height = 5;
  std::vector<float> v(6 * 5 * 3);
  for (int b = 0; b < 3; ++b)
    for (int i = 0; i < 30; ++i) v[b * 30 + i] = float(b * 80 + i);
  testfix::writeRaster(dir + "/rgb.tif", s, v, GDT_Byte);
  geo::GridSpec g = ownGrid(s);  // one cell of margin west and north: aligned, partly outside
  g.originX -= 10, g.originY += 10, g.width = 7, g.height = 6;
  const geo::RgbaGrid img = geo::loadImagery(dir + "/rgb.tif", g);
  auto px = [&](int c, int r) { return &img.rgba[(r * 7 + c) * 4]; };
  for (int r = 0; r < 5; ++r)
    for (int c = 0; c < 6; ++c) {
      const int i = r * 6 + c;
      ASSERT_EQ(px(c + 1, r + 1)[0], i);
      ASSERT_EQ(px(c + 1, r + 1)[1], 80 + i);
      ASSERT_EQ(px(c + 1, r + 1)[2], 160 + i);
      ASSERT_EQ(px(c + 1, r + 1)[3], 255);
    }
  EXPECT_EQ(px(0, 3)[3], 0);
  EXPECT_EQ(px(4, 0)[3], 0);
}

TEST(Raster, RgbaImageryOnTheGridIsUsedInPlace) {
  const std::string dir = testfix::scratchDir("raster-rgba");
  RasterSpec s;
  s.width = 40, s.height = 30;
  const int n = 40 * 30;
  std::vector<float> v(static_cast<size_t>(n) * 4);
  for (int i = 0; i < n; ++i) v[i] = float(i % 251), v[n + i] = 7, v[2 * n + i] = float(i % 13), v[3 * n + i] = 255;
  testfix::writeRaster(dir + "/rgba.tif", s, v, GDT_Byte);
  const geo::RgbaGrid img = geo::loadImagery(dir + "/rgba.tif", ownGrid(s));
  EXPECT_TRUE(img.rgba.borrowed());
  ASSERT_EQ(img.rgba.size(), static_cast<size_t>(n) * 4);
  for (int i = 0; i < n; i += 17) {
    ASSERT_EQ(img.rgba[i * 4], i % 251) << i;
    ASSERT_EQ(img.rgba[i * 4 + 1], 7) << i;
    ASSERT_EQ(img.rgba[i * 4 + 2], i % 13) << i;
    ASSERT_EQ(img.rgba[i * 4 + 3], 255) << i;
  }
}

TEST(RasterErrors, TruncatedImageryOnTheGridIsAReadErrorNotACrash) {
  const std::string path = testfix::scratchDir("raster-rgba-trunc") + "/rgba.tif";
  RasterSpec s;
  s.width = s.height = 256;
  testfix::writeRaster(path, s, std::vector<float>(256 * 256 * 4, 200.0f), GDT_Byte);
  std::filesystem::resize_file(path, std::filesystem::file_size(path) * 3 / 4);
  const std::string msg = errorOf([&] { geo::loadImagery(path, ownGrid(s)); });
  EXPECT_EQ(msg.rfind(path + ": ", 0), 0u) << msg;
  EXPECT_TRUE(msg.find("read") != std::string::npos) << msg;
}

TEST(Raster, ContentKeyNamesTheFileAndTheGrid) {
  const std::string dir = testfix::scratchDir("raster-key");
  RasterSpec s;
  testfix::writeRaster(dir + "/dem.tif", s, std::vector<float>(64 * 64, 5.0f));
  const std::string key = geo::loadDem(dir + "/dem.tif", ownGrid(s)).contentKey;
  EXPECT_NE(key.find("dem.tif"), std::string::npos) << key;
  EXPECT_EQ(geo::loadDem(dir + "/dem.tif", ownGrid(s)).contentKey, key) << "same file, same grid";
  geo::GridSpec shifted = ownGrid(s);
  shifted.originX += 5;
  EXPECT_NE(geo::loadDem(dir + "/dem.tif", shifted).contentKey, key) << "another grid is other data";
  testfix::writeRaster(dir + "/dem.tif", s, std::vector<float>(64 * 64, 6.0f));
  std::filesystem::last_write_time(dir + "/dem.tif", std::filesystem::file_time_type::clock::now() +
                                                         std::chrono::seconds(5));
  EXPECT_NE(geo::loadDem(dir + "/dem.tif", ownGrid(s)).contentKey, key) << "a rewritten file is other data";
}
