// Viewshed: a cone seen from its top and a pit from its floor (all visible), a cone seen from its
// side (cell for cell against GDAL run on its own over a GeoTIFF of the same heights, and against
// our line of sight), sector and radius masks, nodata, the GeoTIFF written.
#include <cmath>
#include <filesystem>

#include <gdal.h>
#include <gdal_alg.h>
#include <ogr_srs_api.h>
#include <gtest/gtest.h>

#include "analysis/Elevation.h"
#include "analysis/LineOfSight.h"
#include "analysis/Viewshed.h"
#include "core/Error.h"
#include "AnalysisWorlds.h"

namespace tb::analysis {
namespace {

double cone(double x, double y) { return std::max(0.0, 300.0 - 0.3 * std::hypot(x, y)); }
double pit(double x, double y) { return 0.2 * std::hypot(x, y); }

std::string outDir() {
  const std::string dir = std::string(TB_TEST_OUTPUT_DIR) + "/analysis";
  std::filesystem::create_directories(dir);
  return dir;
}

std::size_t inRadius(const Viewshed& v) {
  std::size_t n = 0;
  for (int r = 0; r < v.height; ++r)
    for (int c = 0; c < v.width; ++c) n += glm::length(v.centre(c, r) - glm::dvec2(v.observer)) <= v.options.radius;
  return n;
}

TEST(Viewshed, FromTheTopOfAConeAndTheFloorOfAPitEverythingIsSeen) {
  for (auto z : {cone, pit}) {
    const world::World w = test::makeWorld(2000, 2000, 10, z);
    ViewshedOptions o;
    o.radius = 900;
    const Viewshed v = computeViewshed(Elevation(w), {0, 0}, o);
    EXPECT_EQ(v.hiddenCount, 0u);
    EXPECT_EQ(v.visibleCount, inRadius(v));
    EXPECT_NEAR(v.visibleArea(), M_PI * 900 * 900, 0.01 * M_PI * 900 * 900);
    EXPECT_EQ(v.at(0, 0), Visibility::Outside);  // the window's corner lies beyond the radius
  }
}

TEST(Viewshed, BesideAConeMatchesGdalOnItsOwnAndOurLineOfSight) {
  const world::World w = test::makeWorld(3000, 3000, 10, cone);
  const Elevation e(w);
  ViewshedOptions o;
  o.radius = 2500;
  const glm::dvec2 obs(-1500, 0);
  const Viewshed v = computeViewshed(e, obs, o);
  EXPECT_GT(v.hiddenCount, 10000u);  // the cone's far side and the plain behind it
  EXPECT_EQ(v.at(int((1000 - v.westEdge) / 10), int((v.northEdge - 0) / 10)), Visibility::Hidden);
  EXPECT_EQ(v.at(int((-2500 - v.westEdge) / 10), int((v.northEdge - 500) / 10)), Visibility::Visible);

  // GDAL on its own: the same heights as a GeoTIFF in the scene's CRS (projected, not local).
  GDALAllRegister();
  const std::string dem = outDir() + "/cone.tif";
  const auto& hf = w.heights;
  {
    GDALDatasetH ds =
        GDALCreate(GDALGetDriverByName("GTiff"), dem.c_str(), hf.width(), hf.height(), 1, GDT_Float32, nullptr);
    double gt[6] = {hf.originNW().x - 5 + w.originProjected.x, 10, 0,
                    hf.originNW().y + 5 + w.originProjected.y, 0,  -10};
    GDALSetGeoTransform(ds, gt);
    OGRSpatialReferenceH srs = OSRNewSpatialReference(nullptr);
    OSRSetFromUserInput(srs, "EPSG:32652");
    GDALSetSpatialRef(ds, srs);  // GDAL bends sight lines only over a raster with a CRS
    OSRDestroySpatialReference(srs);
    ASSERT_EQ(GDALRasterIO(GDALGetRasterBand(ds, 1), GF_Write, 0, 0, hf.width(), hf.height(),
                           const_cast<float*>(hf.data().data()), hf.width(), hf.height(), GDT_Float32, 0, 0),
              CE_None);
    GDALClose(ds);
  }
  GDALDatasetH src = GDALOpen(dem.c_str(), GA_ReadOnly);
  ASSERT_TRUE(src);
  GDALDatasetH ref = GDALViewshedGenerate(GDALGetRasterBand(src, 1), "MEM", "", nullptr, obs.x + w.originProjected.x,
                                          obs.y + w.originProjected.y, 2, 0, 2, 1, 0, 0, 0.87, GVM_Edge, 2500, nullptr,
                                          nullptr, GVOT_NORMAL, nullptr);
  ASSERT_TRUE(ref);
  double gt[6];
  GDALGetGeoTransform(ref, gt);
  const int rw = GDALGetRasterXSize(ref), rh = GDALGetRasterYSize(ref);
  std::vector<std::uint8_t> cells(static_cast<std::size_t>(rw) * rh);
  ASSERT_EQ(GDALRasterIO(GDALGetRasterBand(ref, 1), GF_Read, 0, 0, rw, rh, cells.data(), rw, rh, GDT_Byte, 0, 0),
            CE_None);
  GDALClose(ref);
  GDALClose(src);
  std::size_t compared = 0, differ = 0;
  for (int r = 0; r < rh; ++r)
    for (int c = 0; c < rw; ++c) {
      const glm::dvec2 p(gt[0] + (c + 0.5) * gt[1] - w.originProjected.x, gt[3] - (r + 0.5) * 10 - w.originProjected.y);
      if (glm::length(p - obs) > o.radius - 10) continue;  // the rim: GDAL's range test is per cell, ours by centre
      const int vc = int(std::floor((p.x - v.westEdge) / 10)), vr = int(std::floor((v.northEdge - p.y) / 10));
      ASSERT_TRUE(vc >= 0 && vr >= 0 && vc < v.width && vr < v.height);
      ++compared;
      // The observer's neighbours: GDAL 3.6 judges them against the observer's ground, not its
      // eye, so with curvature they sink below it and are "hidden" 10 m from a 2 m eye on flat
      // ground; ours (Viewshed.cpp) sees them.
      if (std::abs(p.x - obs.x) <= 10 && std::abs(p.y - obs.y) <= 10) {
        EXPECT_EQ(v.at(vc, vr), Visibility::Visible) << p.x << " " << p.y;
        continue;
      }
      differ += static_cast<std::uint8_t>(v.at(vc, vr)) != cells[static_cast<std::size_t>(r) * rw + c];
    }
  EXPECT_GT(compared, 150000u);
  EXPECT_EQ(differ, 0u);

  // Our own line of sight agrees except near the shadow's edge (GDAL interpolates between cells).
  std::size_t checked = 0, agree = 0;
  for (int r = 0; r < v.height; r += 7)
    for (int c = 0; c < v.width; c += 7) {
      if (v.at(c, r) == Visibility::Outside || glm::length(v.centre(c, r) - obs) < 20) continue;
      ++checked;
      agree += lineOfSight(e, obs, v.centre(c, r)).visible == (v.at(c, r) == Visibility::Visible);
    }
  EXPECT_GT(checked, 3000u);
  EXPECT_GT(double(agree) / checked, 0.97);
}

TEST(Viewshed, TwoMetreObserverAtSeaLevelSeesToTheHorizon) {
  // Horizon of a 2 m eye over a sea-level plane: sqrt(2 · 2 m · a / (1 - k)) = 5416 m with k = 0.13
  // (GDAL's sphere is the WGS 84 semi-major axis a), 5051 m without refraction.
  const world::World w = test::makeWorld(7000, 7000, 20, [](double, double) { return 0.0; });
  const Elevation e(w);
  ViewshedOptions o;
  o.radius = 6500;
  for (double k : {0.13, 0.0}) {
    o.refraction = k;
    const Viewshed v = computeViewshed(e, {0, 0}, o);
    auto at = [&](double x, double y) { return v.at(int((x - v.westEdge) / v.cell), int((v.northEdge - y) / v.cell)); };
    const double horizon = k > 0 ? 5416 : 5051;
    for (glm::dvec2 dir : {glm::dvec2(1, 0), glm::dvec2(0, -1), glm::normalize(glm::dvec2(-1, 1))}) {
      EXPECT_EQ(at(dir.x * (horizon - 150), dir.y * (horizon - 150)), Visibility::Visible) << k;
      EXPECT_EQ(at(dir.x * (horizon + 150), dir.y * (horizon + 150)), Visibility::Hidden) << k;
    }
  }
}

TEST(Viewshed, SectorAndNodataAreOutside) {
  const world::World w = test::makeWorld(2000, 2000, 10, [](double, double) { return 10.0; });
  auto sources = std::make_shared<world::MemoryTileSources>(w);
  sources->punch([](glm::dvec2 p) { return glm::length(p - glm::dvec2(0, -500)) < 100; });
  const world::World stream = test::streamed(w, sources);
  const Elevation e(stream);
  ViewshedOptions o;
  o.radius = 800;
  o.azimuthFrom = 300;  // through north to the east: 300° .. 90°
  o.azimuthTo = 90;
  const Viewshed v = computeViewshed(e, {0, 0}, o);
  auto at = [&](double x, double y) { return v.at(int((x - v.westEdge) / v.cell), int((v.northEdge - y) / v.cell)); };
  EXPECT_EQ(at(0, 500), Visibility::Visible);     // north
  EXPECT_EQ(at(500, 20), Visibility::Visible);    // east (just inside 90° true: grid north is east of true here)
  EXPECT_EQ(at(-500, 300), Visibility::Visible);  // about 301°
  EXPECT_EQ(at(-500, 0), Visibility::Outside);    // west: outside the sector
  EXPECT_EQ(at(0, -300), Visibility::Outside);    // south
  o.azimuthFrom.reset();
  o.azimuthTo.reset();
  const Viewshed all = computeViewshed(e, {0, 0}, o);
  auto allAt = [&](double x, double y) { return all.at(int((x - all.westEdge) / 10), int((all.northEdge - y) / 10)); };
  EXPECT_EQ(allAt(0, -300), Visibility::Visible);
  EXPECT_EQ(allAt(0, -500), Visibility::Outside);  // nodata
  EXPECT_EQ(allAt(0, -700), Visibility::Visible);  // a hole does not hide what lies behind it
}

TEST(Viewshed, WritesAGeoTiffInTheSceneCrs) {
  const world::World w = test::makeWorld(2000, 2000, 10, cone);
  const Elevation e(w);
  ViewshedOptions o;
  o.radius = 1000;
  const Viewshed v = computeViewshed(e, {-1200, 0}, o);
  const std::string path = outDir() + "/viewshed.tif";
  std::filesystem::remove(path);
  writeViewshedGeoTiff(v, e, path);
  GDALDatasetH ds = GDALOpen(path.c_str(), GA_ReadOnly);
  ASSERT_TRUE(ds);
  EXPECT_EQ(GDALGetRasterXSize(ds), v.width);
  double gt[6];
  GDALGetGeoTransform(ds, gt);
  EXPECT_DOUBLE_EQ(gt[0], v.westEdge + 550000.0);
  EXPECT_DOUBLE_EQ(gt[3], v.northEdge + 4603000.0);
  EXPECT_NE(std::string(GDALGetProjectionRef(ds)).find("32652"), std::string::npos);
  std::vector<std::uint8_t> bytes(v.cells.size());
  ASSERT_EQ(GDALRasterIO(GDALGetRasterBand(ds, 1), GF_Read, 0, 0, v.width, v.height, bytes.data(), v.width, v.height,
                         GDT_Byte, 0, 0),
            CE_None);
  GDALClose(ds);
  for (std::size_t i = 0; i < bytes.size(); ++i) ASSERT_EQ(bytes[i], static_cast<std::uint8_t>(v.cells[i]));
  EXPECT_THROW(writeViewshedGeoTiff(v, e, outDir()), Error);  // a directory
}

TEST(Viewshed, BadInputSaysWhich) {
  const world::World w = test::makeWorld(1000, 1000, 10, cone);
  const Elevation e(w);
  auto problem = [&](glm::dvec2 obs, ViewshedOptions o) {
    try {
      computeViewshed(e, obs, o);
    } catch (const Error& err) {
      return err.file() + ": " + err.problem();
    }
    return std::string("no error");
  };
  ViewshedOptions o;
  o.radius = 500;
  EXPECT_EQ(problem({3000, 0}, o), "observer: lies outside the terrain data");
  o.radius = 0;
  EXPECT_EQ(problem({0, 0}, o), "radius: must be a positive number of metres");
  o.radius = 5000;
  EXPECT_EQ(problem({0, 0}, o), "radius: 5000 m reaches beyond the terrain data on every side");
  o.radius = 500;
  o.observerHeight = -1;
  EXPECT_EQ(problem({0, 0}, o), "observer height: must be 0 or more metres above the ground");
}

}  // namespace
}  // namespace tb::analysis
