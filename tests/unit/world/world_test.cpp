// A tiny scene made in the test: loads into the local frame, sites sit on the terrain, lon/lat
// round-trips through PROJ, camera poses look where they should.
#include <gtest/gtest.h>

#include <cmath>

#include "../geo/RasterFixtures.h"
#include "core/Error.h"
#include "geo/Crs.h"
#include "world/World.h"

using namespace tb;

namespace {

// The DEM is a plane in UTM metres, so bilinear sampling anywhere reproduces it exactly.
double plane(double x, double y) { return 100.0 + 0.01 * (x - 550000.0) + 0.02 * (y - 4610000.0); }

const char* kSites = R"({"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"id":"castle","name":"Castle","category":"historic","honesty":"given","precision_m":60,"source":"brief"},"geometry":{"type":"Point","coordinates":[129.67,41.67]}},
{"type":"Feature","properties":{"id":"coast","name":"Coast","category":"historic","honesty":"area","source":"brief"},"geometry":{"type":"LineString","coordinates":[[129.64,41.63],[129.66,41.68]]}},
{"type":"Feature","properties":{"id":"orang","name":"Orang","category":"historic","honesty":"note","source":"brief"},"geometry":null}
]})";

struct TinyScene {
  std::string dir = testfix::scratchDir("world");
  std::string scene = dir + "/scene.json";

  explicit TinyScene(const std::string& sites = kSites, const std::string& views = "") {
    // DEM: 30 m cells in EPSG:32652, a little larger than the scene extent.
    testfix::RasterSpec dem;
    const double x0 = 545010, y0 = 4625010;
    const double gt[6] = {x0, 30, 0, y0, 0, -30};
    std::copy(gt, gt + 6, dem.gt);
    dem.width = 400, dem.height = 450;
    dem.metadata["TERRABRIEF_SYNTHETIC"] = "YES";
    std::vector<float> h(size_t(dem.width) * dem.height);
    for (int r = 0; r < dem.height; ++r)
      for (int c = 0; c < dem.width; ++c) h[r * dem.width + c] = float(plane(x0 + (c + 0.5) * 30, y0 - (r + 0.5) * 30));
    testfix::writeRaster(dir + "/dem.tif", dem, h);

    testfix::RasterSpec img;  // RGB in lon/lat, warped into the scene CRS
    img.crs = "EPSG:4326";
    const double igt[6] = {129.55, 0.2 / 32, 0, 41.75, 0, -0.2 / 32};
    std::copy(igt, igt + 6, img.gt);
    img.width = img.height = 32;
    testfix::writeRaster(dir + "/img.tif", img, std::vector<float>(32 * 32 * 3, 120.0f), GDT_Byte);

    testfix::writeText(dir + "/coast.geojson", R"({"type":"FeatureCollection","features":[
      {"type":"Feature","properties":{},"geometry":{"type":"LineString","coordinates":[[129.65,41.62],[129.66,41.66]]}},
      {"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[129.65,41.62]}}]})");
    testfix::writeText(dir + "/sites.geojson", sites);
    testfix::writeText(scene, std::string(R"({
      "format": "terrabrief-scene/1", "name": "Tiny",
      "extent": {"west": 129.60, "south": 41.60, "east": 129.70, "north": 41.70},
      "dem": {"path": "dem.tif"},
      "imagery": [{"name": "Cover", "path": "img.tif"}],
      "overlays": [{"name": "Coast", "path": "coast.geojson"}],
      "sites": {"path": "sites.geojson"},
      "categories": {"historic": {"label": "Historic", "color": "#d9534f"}})") +
                                      views + "}");
  }
};

}  // namespace

TEST(World, TinySceneLoads) {
  TinyScene t;
  const world::World w = world::loadWorld(t.scene);
  EXPECT_EQ(w.scene.crs, "EPSG:32652");
  EXPECT_DOUBLE_EQ(w.demGrid.cellSize, 30);                        // the DEM's own resolution
  EXPECT_DOUBLE_EQ(std::fmod(w.demGrid.originX - 545010, 30), 0);  // on the DEM's pixel edges
  EXPECT_EQ(w.originProjected.x, std::round(w.originProjected.x));
  EXPECT_TRUE(w.demSynthetic);
  EXPECT_TRUE(w.anySynthetic());
  EXPECT_EQ(w.heights.width(), w.demGrid.width);
  // The sample (c, r) sits at its grid cell centre in projected coordinates.
  const glm::dvec2 p = w.heights.position(7, 11) + w.originProjected;
  EXPECT_NEAR(w.heights.at(7, 11), plane(p.x, p.y), 1e-3);

  ASSERT_EQ(w.imagery.size(), 1u);
  EXPECT_LE(w.imagery[0].cellSize, 30.0);
  EXPECT_EQ(w.imagery[0].raster.rgba[(10 * w.imagery[0].raster.grid.width + 10) * 4], 120);
  ASSERT_EQ(w.overlays.size(), 1u);
  EXPECT_EQ(w.overlays[0].lines.size(), 1u);  // the point is not a line

  ASSERT_EQ(w.sites.size(), 3u);
  ASSERT_TRUE(w.sites[0].anchor);
  const glm::dvec2 castle = geo::GeoProjection("EPSG:32652").toProjected(129.67, 41.67);
  EXPECT_NEAR(w.sites[0].anchor->x + w.originProjected.x, castle.x, 1e-6);
  EXPECT_NEAR(w.sites[0].anchor->z, plane(castle.x, castle.y), 1e-3);
  EXPECT_EQ(w.sites[1].outline.size(), 1u);
  EXPECT_FALSE(w.sites[2].anchor);
  EXPECT_EQ(w.sites[2].site, &w.scene.sites[2]);
}

TEST(World, LonLatRoundTripsThroughProj) {
  TinyScene t;
  const world::World w = world::loadWorld(t.scene, {false, false});
  for (glm::dvec2 ll : {glm::dvec2{129.61, 41.61}, glm::dvec2{129.67, 41.67}, glm::dvec2{129.6999, 41.6001}}) {
    const glm::dvec2 back = w.toLonLat(w.toLocal(ll.x, ll.y));
    EXPECT_NEAR(back.x, ll.x, 1e-7);
    EXPECT_NEAR(back.y, ll.y, 1e-7);
  }
  // Grid convergence east of zone 52's central meridian (129 E): true north lies west of grid
  // north by about (lon - 129) * sin(lat) = 0.67 * sin(41.67) = 0.445 degrees.
  EXPECT_NEAR(w.trueNorthBearing(w.toLocal(129.67, 41.67)), -0.445, 0.01);
}

TEST(World, PosesLookAtTheTerrain) {
  TinyScene t(kSites, R"(, "views": [{"name": "castle", "lookAt": {"lat": 41.67, "lon": 129.67}, "range": 5000,
      "heading": 30, "pitch": -40}, {"name": "low", "camera": {"lat": 41.65, "lon": 129.65, "height": 1}}])");
  const world::World w = world::loadWorld(t.scene, {false, false});
  const double ex = 2.0;
  const CameraPose v = w.viewPose(*w.scene.findView("castle"), ex);
  const glm::dvec3 target = v.eye + v.forward() * 5000.0;
  const glm::dvec2 c = w.toLocal(129.67, 41.67);
  EXPECT_NEAR(target.x, c.x, 1e-6);
  EXPECT_NEAR(target.z, w.heights.sample(c) * ex, 1e-6);
  EXPECT_NEAR(v.headingDeg, 30 + w.trueNorthBearing(c), 1e-9);

  const CameraPose low = w.viewPose(*w.scene.findView("low"), ex);  // never below the ground
  EXPECT_NEAR(low.eye.z, w.heights.sample(w.toLocal(129.65, 41.65)) * ex + 10, 1e-6);

  const CameraPose s = w.sitePose(w.scene.sites[0], ex);
  const glm::dvec3 st = s.eye + s.forward() * 3000.0;
  EXPECT_NEAR(st.z, w.sites[0].anchor->z * ex, 1e-6);
  EXPECT_LT(s.pitchDeg, 0);

  const CameraPose o = w.overviewPose(ex);  // no "overview" view: fitted, from the south
  EXPECT_DOUBLE_EQ(o.headingDeg, 0);
  EXPECT_LT(o.eye.y, 0);
  const CameraPose note = w.sitePose(w.scene.sites[2], ex);
  EXPECT_EQ(note.eye, o.eye);
}

TEST(World, CameraHeightsAreRealMetresAtAnyExaggeration) {
  // Issue 12, item 3: one camera is one view; exaggeration raises the terrain under it.
  TinyScene t(kSites, R"(, "views": [{"name": "high", "camera": {"lat": 41.65, "lon": 129.65, "height": 8000},
      "heading": 10, "pitch": -30}])");
  const world::World w = world::loadWorld(t.scene, {false, false});
  for (double ex : {1.0, 1.5, 3.0}) {
    const CameraPose p = w.viewPose(*w.scene.findView("high"), ex);
    EXPECT_DOUBLE_EQ(p.eye.z, 8000.0) << "exaggeration " << ex;
    EXPECT_DOUBLE_EQ(p.pitchDeg, -30.0);
  }
}

TEST(World, FittedOverviewShowsTheWholeExtent) {
  // Issue 12, item 8: the fitted overview cut about 1 km off the south (near) edge. Every corner
  // and edge midpoint of the DEM lies inside a 16:9 frame, and the fit is tight (not just far).
  TinyScene t;
  const world::World w = world::loadWorld(t.scene, {false, false});
  for (double ex : {1.0, 3.0}) {
    const CameraPose o = w.overviewPose(ex);
    const glm::dmat4 m = perspectiveMatrix(o.fovYDeg, 1920, 1080, 1.0, 1e8) * o.viewMatrix();
    const double cw = w.heights.cellSize() * (w.heights.width() - 1), ch = w.heights.cellSize() * (w.heights.height() - 1);
    double widest = 0.0;
    for (double fx : {0.0, 0.5, 1.0})
      for (double fy : {0.0, 0.5, 1.0}) {
        const glm::dvec2 p = w.heights.originNW() + glm::dvec2(fx * cw, -fy * ch);
        const glm::dvec4 clip = m * glm::dvec4(p, w.heights.sample(p) * ex, 1.0);
        ASSERT_GT(clip.w, 0.0);
        const glm::dvec2 ndc = glm::dvec2(clip) / clip.w;
        EXPECT_LE(std::abs(ndc.x), 1.0) << fx << "," << fy;
        EXPECT_LE(std::abs(ndc.y), 1.0) << fx << "," << fy;
        widest = std::max({widest, std::abs(ndc.x), std::abs(ndc.y)});
      }
    EXPECT_GT(widest, 0.85);
  }
}

TEST(World, SceneFieldOfViewGoesIntoEveryPose) {
  TinyScene t(kSites, R"(, "render": {"fov": 60}, "views": [{"name": "c", "camera": {"lat": 41.65, "lon": 129.65,
      "height": 3000}}, {"name": "l", "lookAt": {"lat": 41.65, "lon": 129.65}, "range": 3000}])");
  const world::World w = world::loadWorld(t.scene, {false, false});
  EXPECT_DOUBLE_EQ(w.scene.render.fovDeg, 60.0);
  EXPECT_DOUBLE_EQ(w.viewPose(*w.scene.findView("c"), 1.0).fovYDeg, 60.0);
  EXPECT_DOUBLE_EQ(w.viewPose(*w.scene.findView("l"), 1.0).fovYDeg, 60.0);
  EXPECT_DOUBLE_EQ(w.sitePose(w.scene.sites[0], 1.0).fovYDeg, 60.0);
  EXPECT_DOUBLE_EQ(w.overviewPose(1.0).fovYDeg, 60.0);
}

TEST(WorldErrors, GivenSiteOutsideTheDem) {
  TinyScene t(R"({"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"id":"far","name":"Far","category":"historic","honesty":"given","precision_m":60,"source":"brief"},"geometry":{"type":"Point","coordinates":[129.95,41.67]}}]})");
  try {
    world::loadWorld(t.scene, {false, false});
    FAIL() << "no error";
  } catch (const Error& e) {
    const std::string msg = e.what();
    EXPECT_EQ(msg.rfind(t.dir + "/sites.geojson: site \"far\"", 0), 0u) << msg;
    EXPECT_NE(msg.find("lies outside the DEM"), std::string::npos) << msg;
    EXPECT_NE(msg.find("at 41.670000 N, 129.950000 E"), std::string::npos) << msg;
  }
  // Issue 12, item 8: west and south are named, never as a negative east or north.
  TinyScene west(R"({"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"id":"far","name":"Far","category":"historic","honesty":"given","precision_m":60,"source":"brief"},"geometry":{"type":"Point","coordinates":[-109.138158,-41.67]}}]})");
  try {
    world::loadWorld(west.scene, {false, false});
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("at 41.670000 S, 109.138158 W lies outside"), std::string::npos) << e.what();
  }
}

TEST(WorldErrors, MissingDemNamesIt) {
  TinyScene t;
  std::filesystem::remove(t.dir + "/dem.tif");
  try {
    world::loadWorld(t.scene);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()), t.dir + "/dem.tif: file not found");
  }
}
