// RasterTileReader on local files: same-CRS reads against plain RasterIO (tiled and striped
// GeoTIFF), overview choice in a COG, a 2×2 EPSG:4326 VRT mosaic read into UTM, nodata and
// outside, imagery flavours, concurrent reads, bad input.
#include <gtest/gtest.h>

#include <gdal_utils.h>

#include <atomic>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <random>
#include <thread>

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

std::vector<float> randomData(int w, int h, int bands = 1, unsigned seed = 7) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> d(-50.f, 2000.f);
  std::vector<float> v(static_cast<size_t>(w) * h * bands);
  for (float& x : v) x = d(rng);
  return v;
}

RasterSpec utmSpec(int w, int h) {
  RasterSpec s;
  s.width = w, s.height = h;
  return s;  // EPSG:32652, origin (500000, 4600000), 10 m
}

// A plane in lon/lat: bilinear interpolation reproduces it exactly, so after warping the value at
// any point equals the plane there up to the warper's approximate transformer (<= 1/8 pixel).
double ramp(double lon, double lat) { return 1000.0 * (lon - 129.5) + 2000.0 * (lat - 41.5); }

}  // namespace

TEST(TileReader, SameCrsAlignedReadEqualsRasterIoTiledAndStriped) {
  const std::string dir = testfix::scratchDir("tiles-samecrs");
  const RasterSpec s = utmSpec(300, 200);
  const std::vector<float> v = randomData(300, 200);
  testfix::writeWith(dir + "/tiled.tif", s, v, "GTiff", {"TILED=YES", "BLOCKXSIZE=64", "BLOCKYSIZE=64"});
  testfix::writeWith(dir + "/striped.tif", s, v, "GTiff", {"COMPRESS=DEFLATE", "BLOCKYSIZE=7"});
  for (const char* name : {"tiled.tif", "striped.tif"}) {
    const RasterTileReader reader(dir + "/" + name, RasterRole::Elevation, kUtm);
    EXPECT_TRUE(reader.info().sameCrs);
    EXPECT_EQ(reader.info().driver, "GTiff");
    EXPECT_EQ(reader.info().width, 300);
    EXPECT_DOUBLE_EQ(reader.info().nativeCellSize, 10.0);
    EXPECT_DOUBLE_EQ(reader.info().footprint.east, 503000.0);
    // A window on the source's own pixel grid, across block edges: identical to RasterIO.
    const geo::GridSpec g = gridAt(kUtm, 500000 + 37 * 10, 4600000 - 21 * 10, 10, 128, 96);
    std::vector<float> out(128 * 96);
    reader.readHeights(g, out.data());
    EXPECT_EQ(out, testfix::rasterIo(dir + "/" + name, 37, 21, 128, 96)) << name;

    // Half outside (west and north): NaN there, the rest still identical.
    const geo::GridSpec edge = gridAt(kUtm, 500000 - 50 * 10, 4600000 + 20 * 10, 10, 100, 60);
    std::vector<float> e(100 * 60);
    reader.readHeights(edge, e.data());
    const std::vector<float> ref = testfix::rasterIo(dir + "/" + name, 0, 0, 50, 40);
    for (int r = 0; r < 60; ++r)
      for (int c = 0; c < 100; ++c) {
        const float got = e[r * 100 + c];
        if (r < 20 || c < 50)
          ASSERT_TRUE(std::isnan(got)) << r << "," << c;
        else
          ASSERT_EQ(got, ref[(r - 20) * 50 + (c - 50)]) << r << "," << c;
      }
  }
}

TEST(TileReader, ReleasingTheBlockCacheEmptiesItAndReadsStillWork) {
  const std::string dir = testfix::scratchDir("tiles-release");
  const std::vector<float> v = randomData(300, 200);
  testfix::writeWith(dir + "/tiled.tif", utmSpec(300, 200), v, "GTiff", {"TILED=YES", "BLOCKXSIZE=64", "BLOCKYSIZE=64"});
  const RasterTileReader reader(dir + "/tiled.tif", RasterRole::Elevation, kUtm);
  const geo::GridSpec g = gridAt(kUtm, 500000 + 37 * 10, 4600000 - 21 * 10, 10, 128, 96);
  std::vector<float> out(128 * 96);
  reader.readHeights(g, out.data());
  ASSERT_GT(geo::blockCacheBytes(), 0u);
  geo::releaseBlockCache();
  EXPECT_EQ(geo::blockCacheBytes(), 0u);
  std::vector<float> again(128 * 96);
  reader.readHeights(g, again.data());  // the limit is kept: blocks are cached again
  EXPECT_EQ(again, out);
  EXPECT_GT(geo::blockCacheBytes(), 0u);
}

TEST(TileReader, SameCrsResampledReadMatchesRasterIoWithTheSameResampling) {
  // A grid at 25 m over 10 m pixels, half a pixel off the source grid: the reader's RasterIO
  // with a floating-point window must equal GDAL's own resampled read of the same window.
  const std::string dir = testfix::scratchDir("tiles-resampled");
  const RasterSpec s = utmSpec(256, 256);
  testfix::writeWith(dir + "/dem.tif", s, randomData(256, 256), "GTiff", {"TILED=YES"});
  const RasterTileReader reader(dir + "/dem.tif", RasterRole::Elevation, kUtm);
  const geo::GridSpec g = gridAt(kUtm, 500000 + 105, 4600000 - 205, 25, 64, 64);  // 160 px from pixel 10.5
  std::vector<float> out(64 * 64);
  reader.readHeights(g, out.data());

  GDALDatasetH ds = GDALOpen((dir + "/dem.tif").c_str(), GA_ReadOnly);
  GDALRasterIOExtraArg arg;
  INIT_RASTERIO_EXTRA_ARG(arg);
  arg.eResampleAlg = GRIORA_Average;  // decimation 2.5: the reader averages
  arg.bFloatingPointWindowValidity = TRUE;
  arg.dfXOff = 10.5, arg.dfYOff = 20.5, arg.dfXSize = arg.dfYSize = 160;
  std::vector<float> ref(64 * 64);
  ASSERT_EQ(GDALRasterIOEx(GDALGetRasterBand(ds, 1), GF_Read, 10, 20, 161, 161, ref.data(), 64, 64, GDT_Float32, 0, 0,
                           &arg),
            CE_None);
  GDALClose(ds);
  EXPECT_EQ(out, ref);
}

TEST(TileReader, CogOverviewMatchingTheCellSizeIsUsedNeverACoarserOne) {
  // Full resolution holds a ramp in 0..1023; overview k (factor 2^(k+1)) holds 10000*(k+1)
  // everywhere, so each value says which level a read came from.
  const std::string dir = testfix::scratchDir("tiles-cog");
  const RasterSpec s = utmSpec(1024, 1024);
  std::vector<float> v(1024 * 1024);
  for (int r = 0; r < 1024; ++r)
    for (int c = 0; c < 1024; ++c) v[r * 1024 + c] = static_cast<float>(c);
  GDALDatasetH mem = testfix::memRaster(s, v);
  testfix::copyTo(mem, dir + "/base.tif", "GTiff", {"TILED=YES"});
  GDALClose(mem);
  {
    GDALDatasetH ds = GDALOpen((dir + "/base.tif").c_str(), GA_Update);
    int levels[] = {2, 4, 8};
    ASSERT_EQ(GDALBuildOverviews(ds, "NEAREST", 3, levels, 0, nullptr, nullptr, nullptr), CE_None);
    GDALRasterBandH b = GDALGetRasterBand(ds, 1);
    for (int k = 0; k < 3; ++k) {
      GDALRasterBandH ov = GDALGetOverview(b, k);
      ASSERT_EQ(GDALFillRaster(ov, 10000.0 * (k + 1), 0), CE_None);
    }
    GDALClose(ds);
    GDALDatasetH base = GDALOpen((dir + "/base.tif").c_str(), GA_ReadOnly);
    testfix::copyTo(base, dir + "/cog.tif", "COG", {"OVERVIEWS=FORCE_USE_EXISTING", "COMPRESS=DEFLATE"});
    GDALClose(base);
  }
  const RasterTileReader reader(dir + "/cog.tif", RasterRole::Elevation, kUtm);
  EXPECT_EQ(reader.info().overviewCount, 3);
  std::vector<float> out(32 * 32);
  const auto levelOf = [&](double cell) {  // the sample at the raster's centre
    reader.readHeights(gridAt(kUtm, 505120 - 16 * cell, 4594880 + 16 * cell, cell, 32, 32), out.data());
    return out[16 * 32 + 16];
  };
  EXPECT_LT(levelOf(10), 1024.f);           // native: the ramp
  EXPECT_LT(levelOf(19.9), 1024.f);         // overview 1 would be coarser than asked
  EXPECT_EQ(levelOf(20), 10000.f);          // exactly overview 1's pixels
  EXPECT_EQ(levelOf(39.9), 10000.f);        // never overview 2 (40 m) for 39.9 m cells
  EXPECT_EQ(levelOf(40), 20000.f);
  EXPECT_EQ(levelOf(80), 30000.f);
  EXPECT_EQ(levelOf(1000), 30000.f);        // coarser than every overview: the last one, averaged

  // The warped path picks overviews as well (GDALWarp -ovr AUTO), here into the next UTM zone.
  const RasterTileReader other(dir + "/cog.tif", RasterRole::Elevation, "EPSG:32651");
  EXPECT_FALSE(other.info().sameCrs);
  const geo::ProjectedExtent fp = other.info().footprint;
  const double cx = 0.5 * (fp.west + fp.east), cy = 0.5 * (fp.south + fp.north);
  // Cells measured in source pixels where the tile is (here ~1.0004 source pixels per metre of
  // the other zone), so the thresholds sit between the levels, not on them.
  const auto warpedLevelOf = [&](double cell) {
    other.readHeights(gridAt("EPSG:32651", cx - 16 * cell, cy + 16 * cell, cell, 32, 32), out.data());
    return out[16 * 32 + 16];
  };
  EXPECT_LT(warpedLevelOf(15), 1024.f);
  EXPECT_EQ(warpedLevelOf(25), 10000.f);
  EXPECT_EQ(warpedLevelOf(50), 20000.f);
  EXPECT_EQ(warpedLevelOf(90), 30000.f);
}

TEST(TileReader, NonSquarePixelsChooseTheOverviewByTheirGeometricMeanSize) {
  // 10 m x 12.1 m pixels (geometric mean 11 m). Full resolution 0, overview k 10000*(k+1).
  // Cells of 44 m are 4 pixels of 11 m: overview 2 (4x). By the narrower side (4.4 across, 3.6
  // down) it would be overview 1, decoding four times the pixels for the same tile.
  const std::string dir = testfix::scratchDir("tiles-nonsquare");
  RasterSpec s = utmSpec(512, 512);
  s.gt[5] = -12.1;
  GDALDatasetH mem = testfix::memRaster(s, std::vector<float>(512 * 512, 0.f));
  testfix::copyTo(mem, dir + "/dem.tif", "GTiff", {"TILED=YES"});
  GDALClose(mem);
  {
    GDALDatasetH ds = GDALOpen((dir + "/dem.tif").c_str(), GA_Update);
    int levels[] = {2, 4, 8};
    ASSERT_EQ(GDALBuildOverviews(ds, "NEAREST", 3, levels, 0, nullptr, nullptr, nullptr), CE_None);
    for (int k = 0; k < 3; ++k) GDALFillRaster(GDALGetOverview(GDALGetRasterBand(ds, 1), k), 10000.0 * (k + 1), 0);
    GDALClose(ds);
  }
  const double centreX = 500000 + 256 * 10, centreY = 4600000 - 256 * 12.1;
  std::vector<float> out(16 * 16);
  for (const char* crs : {kUtm, "EPSG:32651"}) {  // RasterIO and the warper
    const RasterTileReader reader(dir + "/dem.tif", RasterRole::Elevation, crs);
    EXPECT_NEAR(reader.info().nativeCellSize, 11.0, crs == std::string(kUtm) ? 1e-9 : 0.05);
    double x = centreX, y = centreY;
    if (crs != std::string(kUtm)) {
      const geo::ProjectedExtent fp = reader.info().footprint;
      x = 0.5 * (fp.west + fp.east), y = 0.5 * (fp.south + fp.north);
    }
    const auto levelOf = [&](double cell) {
      reader.readHeights(gridAt(crs, x - 8 * cell, y + 8 * cell, cell, 16, 16), out.data());
      return out[8 * 16 + 8];
    };
    EXPECT_EQ(levelOf(22.1), 10000.f) << crs;
    EXPECT_EQ(levelOf(44.2), 20000.f) << crs;
    EXPECT_EQ(levelOf(43.5), 10000.f) << crs;  // still never a level coarser than asked
  }
}

TEST(TileReader, ImageryOverviewsAreUsedInBothPaths) {
  // RGB COG: full resolution grey 100, overview 1 (2x) colour (200, 50, 0).
  const std::string dir = testfix::scratchDir("tiles-rgb-cog");
  const RasterSpec s = utmSpec(512, 512);
  GDALDatasetH mem = testfix::memRaster(s, std::vector<float>(512 * 512 * 3, 100.f), GDT_Byte);
  testfix::copyTo(mem, dir + "/base.tif", "GTiff", {"TILED=YES"});
  GDALClose(mem);
  {
    GDALDatasetH ds = GDALOpen((dir + "/base.tif").c_str(), GA_Update);
    int levels[] = {2};
    ASSERT_EQ(GDALBuildOverviews(ds, "NEAREST", 1, levels, 0, nullptr, nullptr, nullptr), CE_None);
    const double colour[3] = {200, 50, 0};
    for (int b = 0; b < 3; ++b) GDALFillRaster(GDALGetOverview(GDALGetRasterBand(ds, b + 1), 0), colour[b], 0);
    GDALClose(ds);
    GDALDatasetH base = GDALOpen((dir + "/base.tif").c_str(), GA_ReadOnly);
    testfix::copyTo(base, dir + "/cog.tif", "COG", {"OVERVIEWS=FORCE_USE_EXISTING"});
    GDALClose(base);
  }
  for (const char* crs : {kUtm, "EPSG:32651"}) {
    const RasterTileReader reader(dir + "/cog.tif", RasterRole::Imagery, crs);
    const geo::ProjectedExtent fp = reader.info().footprint;
    const double cx = 0.5 * (fp.west + fp.east), cy = 0.5 * (fp.south + fp.north);
    std::vector<std::uint8_t> out(16 * 16 * 4);
    reader.readRgba(gridAt(crs, cx - 80, cy + 80, 10, 16, 16), out.data());
    EXPECT_EQ((std::vector<int>{out[8 * 64 + 32], out[8 * 64 + 33], out[8 * 64 + 35]}),
              (std::vector<int>{100, 100, 255}))
        << crs;
    reader.readRgba(gridAt(crs, cx - 240, cy + 240, 30, 16, 16), out.data());
    EXPECT_EQ((std::vector<int>{out[8 * 64 + 32], out[8 * 64 + 33], out[8 * 64 + 35]}),
              (std::vector<int>{200, 50, 255}))
        << crs;
  }
}

TEST(TileReader, HgtAndDtedTilesReadIntoUtm) {
  // One 1° SRTM .hgt tile (3", 1201²) and one DTED level 0 tile (30", 121²) of the lon/lat
  // plane; each read into 90 m UTM cells matches the plane within 1 m (<= 1/8 pixel of the
  // warper's approximation on ~1.7 m (hgt) and ~17 m (DTED) per pixel, plus int16 rounding).
  const std::string dir = testfix::scratchDir("tiles-hgt");
  const auto write = [&](const std::string& path, const char* driver, int n) {
    RasterSpec s;
    s.crs = "EPSG:4326";
    s.width = s.height = n;
    const double step = 1.0 / (n - 1);
    const double gt[6] = {129 - step / 2, step, 0, 42 + step / 2, 0, -step};
    std::copy(gt, gt + 6, s.gt);
    std::vector<float> v(size_t(n) * n);
    for (int r = 0; r < n; ++r)
      for (int c = 0; c < n; ++c) v[size_t(r) * n + c] = float(std::lround(ramp(129 + c * step, 42 - r * step) + 1500));
    GDALDatasetH mem = testfix::memRaster(s, v, GDT_Int16);
    testfix::copyTo(mem, path, driver);
    GDALClose(mem);
  };
  write(dir + "/N41E129.hgt", "SRTMHGT", 1201);
  write(dir + "/e129_n41.dt0", "DTED", 121);
  geo::GeoProjection proj(kUtm);
  for (const char* name : {"N41E129.hgt", "e129_n41.dt0"}) {
    const RasterTileReader reader(dir + "/" + name, RasterRole::Elevation, kUtm);
    EXPECT_EQ(reader.info().crs, "EPSG:4326") << name;
    const glm::dvec2 p = proj.toProjected(129.4, 41.6);
    const geo::GridSpec g = gridAt(kUtm, std::floor(p.x / 90) * 90, std::floor(p.y / 90) * 90, 90, 64, 64);
    std::vector<float> out(64 * 64);
    reader.readHeights(g, out.data());
    double worst = 0;
    for (int r = 0; r < 64; ++r)
      for (int c = 0; c < 64; ++c) {
        const glm::dvec2 ll = proj.toLonLat({g.centreX(c), g.centreY(r)});
        worst = std::max(worst, std::abs(out[r * 64 + c] - (ramp(ll.x, ll.y) + 1500)));
      }
    EXPECT_LT(worst, 1.0) << name << " (" << reader.info().driver << ")";
  }
}

TEST(TileReader, VrtMosaicOfFourLonLatTilesIntoUtmMatchesTheSurface) {
  // 2×2 tiles of 0.05° at 3" (60×60 px) in EPSG:4326, mosaicked by a VRT, read into 30 m UTM cells
  // across the seams. Bilinear reproduces the plane exactly, so the error is the warper's
  // approximate transformer (<= 1/8 px, ~0.2 m on this plane) plus float rounding: 0.5 m.
  const std::string dir = testfix::scratchDir("tiles-vrt");
  std::vector<std::string> tiles;
  for (int ty = 0; ty < 2; ++ty)
    for (int tx = 0; tx < 2; ++tx) {
      RasterSpec s;
      s.crs = "EPSG:4326";
      s.width = s.height = 60;
      const double step = 0.05 / 60, west = 129.5 + 0.05 * tx, north = 41.6 - 0.05 * ty;
      const double gt[6] = {west, step, 0, north, 0, -step};
      std::copy(gt, gt + 6, s.gt);
      s.nodata = -32768;
      std::vector<float> v(60 * 60);
      for (int r = 0; r < 60; ++r)
        for (int c = 0; c < 60; ++c) v[r * 60 + c] = float(ramp(west + (c + 0.5) * step, north - (r + 0.5) * step));
      tiles.push_back(dir + "/N41E129_" + std::to_string(ty) + std::to_string(tx) + ".tif");
      testfix::writeWith(tiles.back(), s, v, "GTiff", {"TILED=YES", "BLOCKXSIZE=32", "BLOCKYSIZE=32"});
    }
  std::vector<const char*> names;
  for (const auto& t : tiles) names.push_back(t.c_str());
  GDALDatasetH vrt = GDALBuildVRT((dir + "/mosaic.vrt").c_str(), 4, nullptr, names.data(), nullptr, nullptr);
  ASSERT_NE(vrt, nullptr);
  GDALClose(vrt);

  const RasterTileReader reader(dir + "/mosaic.vrt", RasterRole::Elevation, kUtm);
  const geo::TileSourceInfo& info = reader.info();
  EXPECT_EQ(info.driver, "VRT");
  EXPECT_EQ(info.crs, "EPSG:4326");
  EXPECT_FALSE(info.sameCrs);
  EXPECT_TRUE(info.hasNodata);
  EXPECT_NEAR(info.nativeCellSize, std::sqrt(92.6 * 69.4), 2.0);  // 3" at 41.55° N

  geo::GeoProjection proj(kUtm);
  const glm::dvec2 sw = proj.toProjected(129.51, 41.51), ne = proj.toProjected(129.59, 41.59);
  const geo::GridSpec g = gridAt(kUtm, std::floor(sw.x / 30) * 30, std::ceil(ne.y / 30) * 30, 30,
                                 int((ne.x - sw.x) / 30), int((ne.y - sw.y) / 30));
  std::vector<float> out(size_t(g.width) * g.height);
  reader.readHeights(g, out.data());
  double worst = 0;
  for (int r = 0; r < g.height; ++r)
    for (int c = 0; c < g.width; ++c) {
      const glm::dvec2 ll = proj.toLonLat({g.centreX(c), g.centreY(r)});
      const float h = out[size_t(r) * g.width + c];
      ASSERT_FALSE(std::isnan(h)) << r << "," << c;
      worst = std::max(worst, std::abs(h - ramp(ll.x, ll.y)));
    }
  EXPECT_LT(worst, 0.5);

  // Four threads on the mosaic (each handle opens the VRT's sources on its own): same result.
  std::atomic<int> mismatches{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&] {
      std::vector<float> mine(out.size());
      for (int round = 0; round < 3; ++round) {
        reader.readHeights(g, mine.data());
        if (std::memcmp(mine.data(), out.data(), out.size() * sizeof(float)) != 0) ++mismatches;
      }
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(mismatches.load(), 0);

  // A tile reaching past the mosaic's east edge: NaN beyond it (at most a cell of slack).
  const glm::dvec2 e = proj.toProjected(129.6, 41.55);
  const geo::GridSpec past = gridAt(kUtm, std::floor(e.x / 30) * 30 - 600, std::floor(e.y / 30) * 30, 30, 40, 4);
  std::vector<float> p(40 * 4);
  reader.readHeights(past, p.data());
  EXPECT_FALSE(std::isnan(p[2 * 40 + 5]));
  EXPECT_TRUE(std::isnan(p[2 * 40 + 30]));
}

TEST(TileReader, NodataAndOutsideAreNaN) {
  const std::string dir = testfix::scratchDir("tiles-nodata");
  RasterSpec s = utmSpec(64, 64);
  s.nodata = -9999;
  s.metadata["TERRABRIEF_SYNTHETIC"] = "YES";
  std::vector<float> v(64 * 64, 100.0f);
  for (int r = 10; r < 30; ++r)
    for (int c = 10; c < 30; ++c) v[r * 64 + c] = -9999.0f;
  testfix::writeWith(dir + "/dem.tif", s, v, "GTiff", {});
  const RasterTileReader reader(dir + "/dem.tif", RasterRole::Elevation, kUtm);
  EXPECT_TRUE(reader.info().hasNodata);
  EXPECT_EQ(reader.info().nodata, -9999);
  EXPECT_TRUE(reader.info().synthetic);
  EXPECT_NEAR(reader.nodataFraction(), 400.0 / 4096, 1e-9);

  // Same CRS, upsampled 4× and shifted: the hole stays NaN, and no sample near it mixes the
  // nodata value into a height (every valid sample is exactly 100).
  const geo::GridSpec fine = gridAt(kUtm, 500000 + 3, 4600000 - 3, 2.5, 256, 256);
  std::vector<float> out(256 * 256);
  reader.readHeights(fine, out.data());
  EXPECT_TRUE(std::isnan(out[80 * 256 + 80]));
  size_t valid = 0;
  for (float h : out)
    if (!std::isnan(h)) {
      ASSERT_FLOAT_EQ(h, 100.0f);
      ++valid;
    }
  EXPECT_GT(valid, 200u * 200u);

  // Reprojected: the same.
  const RasterTileReader other(dir + "/dem.tif", RasterRole::Elevation, "EPSG:32651");
  const geo::ProjectedExtent fp = other.info().footprint;
  std::vector<float> w(64 * 64);
  other.readHeights(gridAt("EPSG:32651", fp.west, fp.north, (fp.east - fp.west) / 64, 64, 64), w.data());
  size_t holes = 0;
  for (float h : w) {
    if (std::isnan(h)) ++holes;
    else ASSERT_NEAR(h, 100.0f, 1e-3);
  }
  EXPECT_GT(holes, 300u);

  // Entirely outside: NaN without reading.
  std::vector<float> far(16 * 16, 0.f);
  reader.readHeights(gridAt(kUtm, 700000, 4600000, 10, 16, 16), far.data());
  for (float h : far) ASSERT_TRUE(std::isnan(h));
}

TEST(TileReader, ImageryRgbSameCrsEqualsRasterIoAndOutsideIsTransparent) {
  const std::string dir = testfix::scratchDir("tiles-rgb");
  const RasterSpec s = utmSpec(100, 80);
  std::vector<float> v(100 * 80 * 3);
  for (size_t i = 0; i < v.size(); ++i) v[i] = float((i * 37) % 256);
  testfix::writeWith(dir + "/rgb.tif", s, v, "GTiff", {"TILED=YES", "BLOCKXSIZE=16", "BLOCKYSIZE=16"}, GDT_Byte);
  const RasterTileReader reader(dir + "/rgb.tif", RasterRole::Imagery, kUtm);
  const geo::GridSpec g = gridAt(kUtm, 500000 - 100, 4600000 - 50, 10, 60, 40);  // 10 columns outside (west)
  std::vector<std::uint8_t> out(60 * 40 * 4, 7);
  reader.readRgba(g, out.data());
  std::vector<std::vector<float>> ref;
  for (int b = 1; b <= 3; ++b) ref.push_back(testfix::rasterIo(dir + "/rgb.tif", 0, 5, 50, 40, b));
  for (int r = 0; r < 40; ++r)
    for (int c = 0; c < 60; ++c) {
      const std::uint8_t* px = &out[(r * 60 + c) * 4];
      if (c < 10) {
        ASSERT_EQ(px[3], 0) << r << "," << c;
        continue;
      }
      ASSERT_EQ(px[3], 255);
      for (int b = 0; b < 3; ++b) ASSERT_EQ(px[b], ref[b][r * 50 + c - 10]) << r << "," << c << " band " << b;
    }
}

TEST(TileReader, PalettedAndGreyImageryBecomeRgba) {
  const std::string dir = testfix::scratchDir("tiles-palette");
  const RasterSpec s = utmSpec(32, 32);
  std::vector<float> idx(32 * 32);
  for (int i = 0; i < 32 * 32; ++i) idx[i] = float((i / 32) < 16 ? 1 : 2);
  GDALDatasetH mem = testfix::memRaster(s, idx, GDT_Byte);
  GDALColorTableH ct = GDALCreateColorTable(GPI_RGB);
  const GDALColorEntry red{200, 10, 20, 255}, blue{5, 30, 220, 255};
  GDALSetColorEntry(ct, 1, &red);
  GDALSetColorEntry(ct, 2, &blue);
  GDALSetRasterColorTable(GDALGetRasterBand(mem, 1), ct);
  GDALDestroyColorTable(ct);
  testfix::copyTo(mem, dir + "/pal.tif", "GTiff");
  GDALClose(mem);
  const RasterTileReader pal(dir + "/pal.tif", RasterRole::Imagery, kUtm);
  std::vector<std::uint8_t> out(32 * 32 * 4);
  pal.readRgba(gridAt(kUtm, 500000, 4600000, 10, 32, 32), out.data());
  EXPECT_EQ((std::vector<int>{out[(4 * 32 + 4) * 4], out[(4 * 32 + 4) * 4 + 2], out[(4 * 32 + 4) * 4 + 3]}),
            (std::vector<int>{200, 20, 255}));
  EXPECT_EQ((std::vector<int>{out[(28 * 32 + 4) * 4], out[(28 * 32 + 4) * 4 + 2]}), (std::vector<int>{5, 220}));

  std::vector<float> grey(32 * 32, 90.f);
  testfix::writeWith(dir + "/grey.tif", s, grey, "GTiff", {}, GDT_Byte);
  const RasterTileReader g(dir + "/grey.tif", RasterRole::Imagery, kUtm);
  g.readRgba(gridAt(kUtm, 500000 + 5, 4600000 - 5, 5, 32, 32), out.data());
  EXPECT_EQ((std::vector<int>{out[40], out[41], out[42], out[43]}), (std::vector<int>{90, 90, 90, 255}));
}

TEST(TileReader, ConcurrentReadsFromFourThreadsEqualSerialReads) {
  const std::string dir = testfix::scratchDir("tiles-threads");
  RasterSpec s = utmSpec(512, 512);
  testfix::writeWith(dir + "/dem.tif", s, randomData(512, 512), "GTiff", {"TILED=YES", "COMPRESS=DEFLATE"});
  for (const char* crs : {kUtm, "EPSG:32651"}) {
    const RasterTileReader reader(dir + "/dem.tif", RasterRole::Elevation, crs);
    const geo::ProjectedExtent fp = reader.info().footprint;
    std::vector<geo::GridSpec> grids;
    for (int i = 0; i < 16; ++i) {
      const double cell = 10.0 * (1 + i % 4);
      grids.push_back(gridAt(crs, fp.west + 97 * (i % 4) + 13 * i, fp.north - 91 * (i / 4) - 7 * i, cell, 64, 64));
    }
    std::vector<std::vector<float>> serial(grids.size(), std::vector<float>(64 * 64));
    for (size_t i = 0; i < grids.size(); ++i) reader.readHeights(grids[i], serial[i].data());

    std::atomic<int> mismatches{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
      threads.emplace_back([&, t] {
        std::vector<float> out(64 * 64);
        for (int round = 0; round < 5; ++round)
          for (size_t i = t; i < grids.size(); i += 2) {  // overlapping sets: threads share tiles
            reader.readHeights(grids[i], out.data());
            if (std::memcmp(out.data(), serial[i].data(), out.size() * sizeof(float)) != 0) ++mismatches;
          }
      });
    for (auto& th : threads) th.join();
    EXPECT_EQ(mismatches.load(), 0) << crs;
    EXPECT_GE(reader.openHandles(), 1u);
    EXPECT_LE(reader.openHandles(), 5u) << "handles are reused, not opened per read";
  }

  // Imagery, reprojected, the same way.
  RasterSpec rgb = utmSpec(256, 256);
  testfix::writeWith(dir + "/rgb.tif", rgb, randomData(256, 256, 3), "GTiff", {"TILED=YES"}, GDT_Byte);
  const RasterTileReader imagery(dir + "/rgb.tif", RasterRole::Imagery, "EPSG:32651");
  const geo::ProjectedExtent fp = imagery.info().footprint;
  std::vector<geo::GridSpec> grids;
  for (int i = 0; i < 8; ++i)
    grids.push_back(gridAt("EPSG:32651", fp.west + 100 * i, fp.north - 70 * i, 7.0 + i, 64, 64));
  std::vector<std::vector<std::uint8_t>> serial(grids.size(), std::vector<std::uint8_t>(64 * 64 * 4));
  for (size_t i = 0; i < grids.size(); ++i) imagery.readRgba(grids[i], serial[i].data());
  std::atomic<int> mismatches{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      std::vector<std::uint8_t> out(64 * 64 * 4);
      for (int round = 0; round < 5; ++round)
        for (size_t i = t % 2; i < grids.size(); i += 2) {
          imagery.readRgba(grids[i], out.data());
          if (out != serial[i]) ++mismatches;
        }
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(mismatches.load(), 0) << "imagery";
}

TEST(TileReaderErrors, MissingUnreadableAndUngeoreferencedSourcesNameThePath) {
  const std::string dir = testfix::scratchDir("tiles-bad");
  EXPECT_EQ(testfix::errorOf([&] { RasterTileReader(dir + "/none.tif", RasterRole::Elevation, kUtm); }),
            dir + "/none.tif: file not found");
  testfix::writeText(dir + "/text.tif", "not a raster");
  EXPECT_NE(testfix::errorOf([&] { RasterTileReader(dir + "/text.tif", RasterRole::Elevation, kUtm); })
                .find(dir + "/text.tif: not a raster GDAL can read"),
            std::string::npos);
  RasterSpec s = utmSpec(8, 8);
  s.crs = "";
  testfix::writeWith(dir + "/nocrs.tif", s, std::vector<float>(64, 1.f), "GTiff", {});
  EXPECT_EQ(testfix::errorOf([&] { RasterTileReader(dir + "/nocrs.tif", RasterRole::Elevation, kUtm); }),
            dir + "/nocrs.tif: has no CRS; cannot place it on the map");
}

TEST(TileReaderErrors, TruncatedCogIsOneLineErrorNamingTheSourceAndReadersStayUsable) {
  const std::string dir = testfix::scratchDir("tiles-truncated");
  const RasterSpec s = utmSpec(1024, 1024);
  testfix::writeWith(dir + "/cog.tif", s, randomData(1024, 1024), "COG",
                     {"COMPRESS=DEFLATE", "OVERVIEWS=NONE", "BLOCKSIZE=256"});
  const auto size = std::filesystem::file_size(dir + "/cog.tif");
  std::filesystem::resize_file(dir + "/cog.tif", size / 2);  // the header and the first tiles survive
  const RasterTileReader reader(dir + "/cog.tif", RasterRole::Elevation, kUtm);
  std::vector<float> out(512 * 512);
  // The north-west tiles come first in the file: still readable.
  EXPECT_NO_THROW(reader.readHeights(gridAt(kUtm, 500000, 4600000, 10, 256, 256), out.data()));
  const std::string err = testfix::errorOf(
      [&] { reader.readHeights(gridAt(kUtm, 500000 + 5120, 4600000 - 5120, 10, 512, 512), out.data()); });
  EXPECT_EQ(err.rfind(dir + "/cog.tif: cannot read pixels", 0), 0u) << err;
  EXPECT_EQ(err.find('\n'), std::string::npos) << err;
  EXPECT_EQ(reader.openHandles(), 0u) << "the handle that failed is closed, not reused";
  EXPECT_NO_THROW(reader.readHeights(gridAt(kUtm, 500000, 4600000, 10, 256, 256), out.data()));
  EXPECT_EQ(reader.openHandles(), 1u);
}
