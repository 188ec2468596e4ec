// The synthetic Kyongsong generator: determinism, land/sea agreeing with the shoreline, plausible
// ground under the given sites, mountains of the right height in the right place, and the
// synthetic flag in both files. Runs the real generator at a coarse cell so it stays fast; the
// large forms (erosion grid) are the same as at the shipped 10 m.
#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "core/Error.h"
#include "synth/KyongsongSynth.h"

namespace fs = std::filesystem;
using tb::synth::SynthOptions;
using tb::synth::SynthTerrain;

namespace {

constexpr double kTestCell = 40;  // metres: fine enough to measure slope on the plain

struct LonLat {
  const char* name;
  double lon, lat;
};
const LonLat kGivenSites[] = {{"castle", 129.670, 41.670},
                              {"hot springs", 129.585, 41.602},
                              {"onpho", 129.527, 41.657},
                              {"former airport", 129.629, 41.558}};

std::string outDir(const std::string& name) {
  // ctest runs each test in its own process, two at a time: a per-process folder keeps one
  // test's set-up from deleting the files another is reading.
  const fs::path dir = fs::path(TB_TEST_OUTPUT_DIR) / "synth" / (name + "-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir.string();
}

SynthOptions options(const std::string& dir, int threads) {
  SynthOptions o;
  o.landPath = std::string(TB_SOURCE_DIR) + "/assets/kyongsong/land.geojson";
  o.outDir = dir;
  o.cellSize = kTestCell;
  o.threads = threads;
  return o;
}

std::string fileBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

class KyongsongSynth : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    GDALAllRegister();
    dir_ = outDir("two-threads");
    terrain_ = new SynthTerrain;
    tb::synth::generateKyongsong(options(dir_, 2), terrain_);
  }
  static void TearDownTestSuite() {
    delete terrain_;
    terrain_ = nullptr;
  }

  // Height of the output file's cell under (lon, lat), read back through GDAL.
  static double demHeightAt(double lon, double lat, int dx = 0, int dy = 0) {
    const auto [col, row] = cellOf(lon, lat);
    const auto& g = terrain_->grid;
    return terrain_->heights[static_cast<size_t>(row + dy) * g.width + col + dx];
  }
  static std::pair<int, int> cellOf(double lon, double lat) {
    OGRSpatialReference wgs, utm;
    wgs.SetWellKnownGeogCS("WGS84");
    wgs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    utm.importFromEPSG(32652);
    utm.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    std::unique_ptr<OGRCoordinateTransformation> ct(OGRCreateCoordinateTransformation(&wgs, &utm));
    double x = lon, y = lat;
    EXPECT_TRUE(ct->Transform(1, &x, &y));
    const auto& g = terrain_->grid;
    return {static_cast<int>(std::floor((x - g.originX) / g.cellSize)),
            static_cast<int>(std::floor((g.originY - y) / g.cellSize))};
  }

  static std::string dir_;
  static SynthTerrain* terrain_;
};
std::string KyongsongSynth::dir_;
SynthTerrain* KyongsongSynth::terrain_ = nullptr;

TEST_F(KyongsongSynth, SameBytesWhateverTheRunOrThreadCount) {
  const std::string other = outDir("one-thread");
  tb::synth::generateKyongsong(options(other, 1));
  for (const char* file : {"dem.tif", "imagery.tif"}) {
    const std::string a = fileBytes(dir_ + "/" + file), b = fileBytes(other + "/" + file);
    ASSERT_GT(a.size(), 100000u) << file;
    EXPECT_TRUE(a == b) << file << " differs between runs";
  }
}

TEST_F(KyongsongSynth, FilesAreNorthUpUtmStripsAndFlaggedSynthetic) {
  for (const char* file : {"dem.tif", "imagery.tif"}) {
    const std::string path = dir_ + "/" + file;
    std::unique_ptr<GDALDataset> ds(GDALDataset::Open(path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY));
    ASSERT_TRUE(ds) << path;
    const char* flag = ds->GetMetadataItem("TERRABRIEF_SYNTHETIC");
    ASSERT_NE(flag, nullptr) << file;
    EXPECT_STREQ(flag, "YES") << file;
    double gt[6];
    ASSERT_EQ(ds->GetGeoTransform(gt), CE_None);
    EXPECT_EQ(gt[1], kTestCell);
    EXPECT_EQ(gt[5], -kTestCell);
    EXPECT_EQ(gt[2], 0.0);
    EXPECT_EQ(gt[4], 0.0);
    EXPECT_STREQ(ds->GetSpatialRef()->GetAuthorityCode(nullptr), "32652");
    int bx = 0, by = 0;
    ds->GetRasterBand(1)->GetBlockSize(&bx, &by);
    EXPECT_EQ(bx, ds->GetRasterXSize()) << file << ": strips (the app maps them in place)";
    EXPECT_EQ(by, 64);
  }
  std::unique_ptr<GDALDataset> dem(GDALDataset::Open((dir_ + "/dem.tif").c_str(), GDAL_OF_RASTER));
  EXPECT_EQ(dem->GetRasterCount(), 1);
  EXPECT_EQ(dem->GetRasterBand(1)->GetRasterDataType(), GDT_Float32);
  EXPECT_EQ(dem->GetMetadataItem("COMPRESSION", "IMAGE_STRUCTURE"), nullptr);  // uncompressed
  std::unique_ptr<GDALDataset> img(GDALDataset::Open((dir_ + "/imagery.tif").c_str(), GDAL_OF_RASTER));
  EXPECT_EQ(img->GetRasterCount(), 4);
  EXPECT_EQ(img->GetRasterBand(1)->GetRasterDataType(), GDT_Byte);
  EXPECT_EQ(img->GetRasterBand(4)->GetColorInterpretation(), GCI_AlphaBand);
  EXPECT_STREQ(img->GetMetadataItem("INTERLEAVE", "IMAGE_STRUCTURE"), "PIXEL");
  std::uint8_t alpha[16];
  ASSERT_EQ(img->GetRasterBand(4)->RasterIO(GF_Read, 0, 0, 16, 1, alpha, 16, 1, GDT_Byte, 0, 0), CE_None);
  for (std::uint8_t a : alpha) EXPECT_EQ(a, 255);
}

TEST_F(KyongsongSynth, FileHoldsTheSameHeightsAsTheGenerator) {
  std::unique_ptr<GDALDataset> dem(GDALDataset::Open((dir_ + "/dem.tif").c_str(), GDAL_OF_RASTER));
  const auto& g = terrain_->grid;
  ASSERT_EQ(dem->GetRasterXSize(), g.width);
  ASSERT_EQ(dem->GetRasterYSize(), g.height);
  std::vector<float> row(g.width);
  const int r = g.height / 2;
  ASSERT_EQ(dem->GetRasterBand(1)->RasterIO(GF_Read, 0, r, g.width, 1, row.data(), g.width, 1, GDT_Float32, 0, 0),
            CE_None);
  for (int c = 0; c < g.width; c += 37) EXPECT_EQ(row[c], terrain_->heights[static_cast<size_t>(r) * g.width + c]);
}

TEST_F(KyongsongSynth, LandIsAboveSeaLevelAndSeaBelow) {
  size_t landCells = 0, seaCells = 0, wrong = 0;
  for (size_t i = 0; i < terrain_->heights.size(); ++i) {
    if (terrain_->land[i]) {
      ++landCells;
      wrong += terrain_->heights[i] <= 0;
    } else {
      ++seaCells;
      wrong += terrain_->heights[i] >= 0;
    }
  }
  EXPECT_EQ(wrong, 0u);
  EXPECT_GT(landCells, terrain_->heights.size() / 2);  // most of the box is land west of the coast
  EXPECT_GT(seaCells, terrain_->heights.size() / 5);
  // Points well east of the real shoreline are sea, and the shelf deepens offshore.
  EXPECT_LT(demHeightAt(129.70, 41.50), 0);
  EXPECT_LT(demHeightAt(129.80, 41.60), 0);
  EXPECT_LT(demHeightAt(129.84, 41.45), demHeightAt(129.70, 41.45));
  EXPECT_LT(demHeightAt(129.84, 41.45), -60);
}

TEST_F(KyongsongSynth, GivenSitesStandOnLand) {
  for (const auto& s : kGivenSites) EXPECT_GT(demHeightAt(s.lon, s.lat), 0.0) << s.name;
}

TEST_F(KyongsongSynth, FormerAirportSitsOnFlatPlain) {
  const auto& g = terrain_->grid;
  const int reach = static_cast<int>(std::ceil(300 / g.cellSize));  // 300 m round the site
  const auto [col, row] = cellOf(129.629, 41.558);
  auto at = [&](int c, int r) { return terrain_->heights[static_cast<size_t>(r) * g.width + c]; };
  double steepest = 0;
  for (int r = row - reach; r <= row + reach; ++r)
    for (int c = col - reach; c <= col + reach; ++c) {
      const double sx = (at(c + 1, r) - at(c - 1, r)) / (2 * g.cellSize);
      const double sy = (at(c, r + 1) - at(c, r - 1)) / (2 * g.cellSize);
      steepest = std::max(steepest, std::atan(std::hypot(sx, sy)) * 180 / M_PI);
    }
  EXPECT_LT(steepest, 2.0);
  EXPECT_LT(demHeightAt(129.629, 41.558), 60.0);  // on the plain, not in the hills
}

TEST_F(KyongsongSynth, HighestSummitIsInTheMountainsWestOfThePlain) {
  EXPECT_GE(terrain_->mountainTop, 1500.0);
  EXPECT_LE(terrain_->mountainTop, 2000.0);
  const auto [airportCol, airportRow] = cellOf(129.629, 41.558);
  const auto [castleCol, castleRow] = cellOf(129.670, 41.670);
  const auto& g = terrain_->grid;
  // At least 10 km west of the farm on the plain, and south of the castle's latitude.
  EXPECT_LT(terrain_->mountainTopX, g.centreX(airportCol) - 10000);
  EXPECT_LT(terrain_->mountainTopY, g.centreY(castleRow));
  (void)airportRow;
  (void)castleCol;
}

TEST(KyongsongSynthInput, MissingLandFileIsBadInput) {
  SynthOptions o = options(outDir("missing-land"), 1);
  o.landPath = std::string(TB_TEST_OUTPUT_DIR) + "/no-such-land.geojson";
  try {
    tb::synth::generateKyongsong(o);
    FAIL() << "expected tb::Error";
  } catch (const tb::Error& e) {
    EXPECT_EQ(e.exitCode(), tb::kExitBadInput);
    EXPECT_NE(std::string(e.what()).find("no-such-land.geojson"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(fs::exists(o.outDir + "/dem.tif"));
}

}  // namespace
