// The disk cache of reprojected tiles: a second open of a scene whose sources are in another CRS
// reads its tiles back from the cache (counted), gets the same bytes as the warper gave, and a
// damaged entry is detected and read again. The source: an EPSG:4326 VRT mosaic of 2x2 tiles,
// read into a UTM scene.
#include <gdal.h>
#include <gdal_utils.h>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "../geo/RasterFixtures.h"
#include "geo/TileReader.h"
#include "world/TerrainStream.h"
#include "world/TileDiskCache.h"

namespace tb::world {
namespace {

namespace fs = std::filesystem;

// 2x2 tiles of 0.05 deg at 0.0005 deg around (129.5 E, 41.5 N); heights and an RGB pattern.
std::string mosaic(const std::string& dir, bool imagery) {
  std::vector<std::string> tiles;
  for (int ty = 0; ty < 2; ++ty)
    for (int tx = 0; tx < 2; ++tx) {
      testfix::RasterSpec s;
      s.crs = "EPSG:4326";
      s.width = s.height = 100;
      const double west = 129.45 + 0.05 * tx, north = 41.55 - 0.05 * ty;
      const double gt[6] = {west, 0.0005, 0, north, 0, -0.0005};
      std::copy(gt, gt + 6, s.gt);
      const int bands = imagery ? 3 : 1;
      std::vector<float> v(static_cast<std::size_t>(bands) * 100 * 100);
      for (int b = 0; b < bands; ++b)
        for (int r = 0; r < 100; ++r)
          for (int c = 0; c < 100; ++c) {
            const double lon = west + (c + 0.5) * 0.0005, lat = north - (r + 0.5) * 0.0005;
            v[(b * 100 + r) * 100 + c] = imagery ? static_cast<float>((r * 7 + c * 13 + b * 50) % 256)
                                                 : static_cast<float>(300 + 2000 * (lon - 129.5) + 150 * std::sin(lat * 900));
          }
      const std::string path = dir + (imagery ? "/img" : "/dem") + std::to_string(ty * 2 + tx) + ".tif";
      testfix::writeRaster(path, s, v, imagery ? GDT_Byte : GDT_Float32);
      tiles.push_back(path);
    }
  std::vector<const char*> names;
  for (const auto& t : tiles) names.push_back(t.c_str());
  const std::string vrt = dir + (imagery ? "/img.vrt" : "/dem.vrt");
  GDALDatasetH ds = GDALBuildVRT(vrt.c_str(), static_cast<int>(names.size()), nullptr, names.data(), nullptr, nullptr);
  EXPECT_NE(ds, nullptr);
  GDALClose(ds);
  return vrt;
}

struct Opened {
  std::shared_ptr<const GdalTileSources> sources;
  terrain::QuadTreeLayout layout;
  int demDepth = 0;
  std::vector<terrain::QuadKey> keys;  // the top two levels and a few deeper nodes with data
};

// One "open" of the scene: new readers (nothing shared with an earlier open but the disk).
Opened openScene(const std::string& dem, const std::string& img) {
  const std::string crs = "EPSG:32652";
  auto d = std::make_shared<const geo::RasterTileReader>(dem, geo::RasterRole::Elevation, crs);
  auto i = std::make_shared<const geo::RasterTileReader>(img, geo::RasterRole::Imagery, crs);
  const geo::ProjectedExtent fp = d->info().footprint;
  const glm::dvec2 origin(std::round(0.5 * (fp.west + fp.east)), std::round(0.5 * (fp.south + fp.north)));
  Opened o;
  o.sources = std::make_shared<const GdalTileSources>(d, std::vector{i}, origin.x, origin.y, crs);
  const glm::dvec2 lo = glm::dvec2(fp.west, fp.south) - origin, hi = glm::dvec2(fp.east, fp.north) - origin;
  StreamBudgets b;
  b.workers = 1;
  const auto stream = openTerrainStream(o.sources, lo, hi, {lo.x, hi.y}, b, 64, false);
  o.layout = stream->layout();
  o.demDepth = stream->demDepth();
  o.keys = {{0, 0, 0}, {1, 0, 0}, {1, 1, 0}, {1, 0, 1}, {1, 1, 1}};
  for (const glm::dvec2 p : {glm::dvec2(0, 0), glm::dvec2(1500, -1200), glm::dvec2(-2000, 2500)})
    o.keys.push_back(o.layout.keyAt(p, o.demDepth));
  return o;
}

// Heights (as bytes: NaN compares equal to itself) and imagery of each node.
std::vector<std::vector<std::uint8_t>> build(const Opened& o) {
  std::vector<std::vector<std::uint8_t>> out;
  for (const auto& k : o.keys) {
    const auto t = TerrainStream::buildTile(*o.sources, o.layout, k, o.demDepth);
    const auto* h = reinterpret_cast<const std::uint8_t*>(t->heights.data());
    out.emplace_back(h, h + t->heights.size() * sizeof(float));
    for (const auto& img : t->imagery) out.push_back(img);
  }
  return out;
}

std::vector<fs::path> entries(const std::string& dir) {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().filename().string().rfind("tile-", 0) == 0) out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

class TileDiskCache : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testfix::scratchDir("tile-disk-cache");
    cacheDir_ = dir_ + "/cache";
    const char* old = std::getenv("TERRABRIEF_CACHE_DIR");
    oldCache_ = old ? old : "";
    ::setenv("TERRABRIEF_CACHE_DIR", cacheDir_.c_str(), 1);
  }
  void TearDown() override {
    if (oldCache_.empty()) ::unsetenv("TERRABRIEF_CACHE_DIR");
    else ::setenv("TERRABRIEF_CACHE_DIR", oldCache_.c_str(), 1);
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  std::string dir_, cacheDir_, oldCache_;
};

TEST_F(TileDiskCache, ASecondOpenReadsReprojectedTilesBackWithTheSameBytes) {
  const std::string dem = mosaic(dir_, false), img = mosaic(dir_, true);
  const Opened first = openScene(dem, img);
  const tilecache::Counters c0 = tilecache::counters();
  const auto warped = build(first);
  const tilecache::Counters c1 = tilecache::counters();
  const std::uint64_t reads = 2 * first.keys.size();  // heights and imagery per node
  EXPECT_EQ(c1.hits - c0.hits, 0u);
  EXPECT_EQ(c1.misses - c0.misses, reads);
  ASSERT_EQ(entries(cacheDir_).size(), reads);

  const Opened second = openScene(dem, img);
  const auto cached = build(second);
  const tilecache::Counters c2 = tilecache::counters();
  EXPECT_EQ(c2.hits - c1.hits, reads);
  EXPECT_EQ(c2.misses - c1.misses, 0u);
  EXPECT_EQ(cached, warped);
  // A point query (what analysis asks) goes to the source: no entry per point.
  float h[4];
  second.sources->readHeights({0.0, 0.0, 10.0, 2, 2}, h);
  EXPECT_EQ(entries(cacheDir_).size(), reads);
  // Not a trivial picture: the nodes carry data.
  bool anyHeight = false;
  for (std::size_t i = 0; i + 4 <= warped[0].size() && !anyHeight; i += 4) {
    float v;
    std::memcpy(&v, warped[0].data() + i, 4);
    anyHeight = v > 100.0f;
  }
  EXPECT_TRUE(anyHeight);
}

TEST_F(TileDiskCache, DamagedEntriesAreReadAgainAndRewritten) {
  const std::string dem = mosaic(dir_, false), img = mosaic(dir_, true);
  const auto warped = build(openScene(dem, img));
  const auto files = entries(cacheDir_);
  ASSERT_GE(files.size(), 3u);
  fs::resize_file(files[0], fs::file_size(files[0]) / 2);  // truncated
  {
    std::fstream f(files[1], std::ios::in | std::ios::out | std::ios::binary);  // one payload byte flipped
    f.seekg(-10, std::ios::end);
    const char c = static_cast<char>(f.get() ^ 0x5a);
    f.seekp(-10, std::ios::end);
    f.put(c);
  }
  std::ofstream(files[2], std::ios::binary | std::ios::trunc) << "garbage";
  const tilecache::Counters c0 = tilecache::counters();
  EXPECT_EQ(build(openScene(dem, img)), warped);
  const tilecache::Counters c1 = tilecache::counters();
  EXPECT_EQ(c1.rejected - c0.rejected, 3u);
  EXPECT_EQ(build(openScene(dem, img)), warped);
  const tilecache::Counters c2 = tilecache::counters();
  EXPECT_EQ(c2.rejected - c1.rejected, 0u);  // rewritten the time before
  EXPECT_EQ(c2.misses - c1.misses, 0u);
}

TEST_F(TileDiskCache, AChangedSourceIsNotServedFromTheCache) {
  const std::string dem = mosaic(dir_, false), img = mosaic(dir_, true);
  build(openScene(dem, img));
  // Rewrite one tile of the DEM mosaic with other heights (same size: only the mtime tells).
  testfix::RasterSpec s;
  s.crs = "EPSG:4326";
  s.width = s.height = 100;
  const double gt[6] = {129.45, 0.0005, 0, 41.55, 0, -0.0005};
  std::copy(gt, gt + 6, s.gt);
  testfix::writeRaster(dir_ + "/dem0.tif", s, std::vector<float>(100 * 100, 1234.0f));
  const tilecache::Counters c0 = tilecache::counters();
  const Opened again = openScene(dem, img);
  const auto t = TerrainStream::buildTile(*again.sources, again.layout, {0, 0, 0}, again.demDepth);
  EXPECT_EQ(tilecache::counters().misses - c0.misses, 1u);  // the heights; the imagery is unchanged
  EXPECT_NEAR(t->maxZ, 1234.0f, 1.0f);
}

TEST_F(TileDiskCache, ReadsInTheScenesOwnCrsAreNotCached) {
  testfix::RasterSpec s;  // EPSG:32652, the scene's
  testfix::writeRaster(dir_ + "/dem.tif", s, std::vector<float>(64 * 64, 50.0f));
  testfix::RasterSpec rgb;
  testfix::writeRaster(dir_ + "/img.tif", rgb, std::vector<float>(3 * 64 * 64, 90.0f), GDT_Byte);
  build(openScene(dir_ + "/dem.tif", dir_ + "/img.tif"));
  EXPECT_FALSE(fs::exists(cacheDir_) && !entries(cacheDir_).empty());
}

}  // namespace
}  // namespace tb::world
