// VerticalDatum: the label a height readout carries, from the DEM's CRS; EGM96 from ellipsoidal heights.
#include <filesystem>

#include <gdal.h>
#include <gtest/gtest.h>
#include <ogr_srs_api.h>

#include "analysis/VerticalDatum.h"
#include "core/Error.h"

namespace tb::analysis {
namespace {

TEST(VerticalDatum, FromTheCrs) {
  const VerticalDatum egm96 = verticalDatumOfCrs("EPSG:32652+5773");
  EXPECT_EQ(egm96.reference, HeightReference::Geoid);
  EXPECT_EQ(egm96.unitLabel(), "m EGM96");
  EXPECT_EQ(verticalDatumOfCrs("EPSG:4326+3855").unitLabel(), "m EGM2008");
  const VerticalDatum ellipsoid = verticalDatumOfCrs("EPSG:4979");
  EXPECT_EQ(ellipsoid.reference, HeightReference::Ellipsoid);
  EXPECT_EQ(ellipsoid.unitLabel(), "m above ellipsoid (WGS 84)");
  EXPECT_EQ(verticalDatumOfCrs("EPSG:32652").unitLabel(), "m, datum of the DEM unknown");
  EXPECT_EQ(verticalDatumOfCrs("").reference, HeightReference::Unknown);
}

TEST(VerticalDatum, FromAGeoTiffWithACompoundCrs) {
  GDALAllRegister();
  const std::string dir = std::string(TB_TEST_OUTPUT_DIR) + "/analysis";
  std::filesystem::create_directories(dir);
  const std::string path = dir + "/compound.tif";
  GDALDatasetH ds = GDALCreate(GDALGetDriverByName("GTiff"), path.c_str(), 4, 4, 1, GDT_Float32, nullptr);
  ASSERT_TRUE(ds);
  OGRSpatialReferenceH srs = OSRNewSpatialReference(nullptr);
  ASSERT_EQ(OSRSetFromUserInput(srs, "EPSG:32652+5773"), OGRERR_NONE);
  GDALSetSpatialRef(ds, srs);
  double gt[6] = {550000, 10, 0, 4603000, 0, -10};
  GDALSetGeoTransform(ds, gt);
  GDALClose(ds);
  OSRDestroySpatialReference(srs);
  EXPECT_EQ(verticalDatumOf(path).unitLabel(), "m EGM96");
  EXPECT_THROW(verticalDatumOf(dir + "/missing.tif"), Error);
}

TEST(Egm96Heights, UndulationFromProjsGrid) {
  const Egm96Heights geoid;
  // EGM96's undulation at 0° N, 0° E is +17.16 m (the geoid above the ellipsoid there).
  EXPECT_NEAR(geoid.geoidUndulation({0, 0}), 17.16, 0.05);
  EXPECT_NEAR(geoid.fromEllipsoidal({0, 0}, 100.0), 100.0 - 17.16, 0.05);
  // Different places, different undulations: the grid is really read.
  EXPECT_GT(std::abs(geoid.geoidUndulation({129.6, 41.58}) - geoid.geoidUndulation({0, 0})), 1.0);
}

}  // namespace
}  // namespace tb::analysis
