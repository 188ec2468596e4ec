// The scene file: a valid scene loads with defaults and resolved paths; every kind of mistake is
// reported as "file:line:col: /pointer: problem" on one line.
#include <gtest/gtest.h>

#include <filesystem>

#include "../geo/RasterFixtures.h"
#include "core/Error.h"
#include "scene/Scene.h"

using namespace tb;

namespace {

const char* kSites = R"({"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"id":"castle","name":"Kyongsong Castle","category":"historic","honesty":"given","precision_m":60,"source":"brief, para 3","description":"Walls."},"geometry":{"type":"Point","coordinates":[129.67,41.67]}},
{"type":"Feature","properties":{"id":"coast","name":"Coastal defences","category":"military","honesty":"area","precision_m":500,"source":"brief, para 5","uncertain_end":"start"},"geometry":{"type":"LineString","coordinates":[[129.70,41.60],[129.69,41.66]]}},
{"type":"Feature","properties":{"id":"orang","name":"Orang Airbase","category":"military","honesty":"note","source":"brief, para 6","direction_deg":180,"distance_km":17,"direction_from":"Kyongsong"},"geometry":null}
]})";

// Line numbers matter: tests below point at them.
const char* kScene = R"({
  "format": "terrabrief-scene/1",
  "name": "Test scene",
  "crs": "auto",
  "extent": {"west": 129.40, "south": 41.38, "east": 129.85, "north": 41.75},
  "dem": {"path": "dem.tif", "cellSize": 10},
  "imagery": [{"name": "Cover", "path": "img/imagery.tif", "opacity": 0.5}],
  "overlays": [{"name": "Coast", "path": "coast.geojson", "color": "#dff3ff", "width": 1.5}],
  "sites": {"path": "sites.geojson"},
  "categories": {"historic": {"label": "Historic site", "color": "#d9534f"},
                 "military": {"label": "Military", "color": "#333333"}},
  "views": [
    {"name": "overview", "lookAt": {"lat": 41.56, "lon": 129.62}, "range": 42000, "heading": 0, "pitch": -45},
    {"name": "coast", "camera": {"lat": 41.6, "lon": 129.7, "height": 3000}, "heading": 300, "pitch": -25}
  ],
  "render": {"exaggeration": 2, "sun": {"azimuth": 120, "elevation": 40}, "fog": false}
}
)";

struct SceneDir {
  std::string dir = testfix::scratchDir("scene");
  std::string scene = dir + "/scene.json";
  explicit SceneDir(const std::string& text, const std::string& sites = kSites) {
    testfix::writeText(scene, text);
    testfix::writeText(dir + "/sites.geojson", sites);
  }
};

std::string replaced(std::string s, const std::string& from, const std::string& to) {
  const size_t at = s.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) s.replace(at, from.size(), to);
  return s;
}

std::string errorOf(const std::string& path) {
  try {
    scene::loadScene(path);
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()).find('\n'), std::string::npos);
    return e.what();
  }
  return "(no error)";
}

}  // namespace

TEST(Scene, GdalVirtualPathsAndUrlsAreKeptAsWritten) {
  // lexically_normal would fold "http://" into "http:/"; GDAL would then not find the server.
  const std::string dem = "/vsicurl/http://127.0.0.1:8080/data//dem.tif";
  const std::string xml = "https://tiles.example.org/wms.xml";
  SceneDir d(replaced(replaced(kScene, "\"dem.tif\"", "\"" + dem + "\""), "\"img/imagery.tif\"", "\"" + xml + "\""));
  const scene::Scene s = scene::loadScene(d.scene);
  EXPECT_EQ(s.demPath, dem);
  ASSERT_EQ(s.imagery.size(), 1u);
  EXPECT_EQ(s.imagery[0].path, xml);
}

TEST(Scene, LoadsWithDefaultsAndResolvedPaths) {
  SceneDir d(kScene);
  const scene::Scene s = scene::loadScene(d.scene);
  EXPECT_EQ(s.name, "Test scene");
  EXPECT_EQ(s.crs, "EPSG:32652");
  EXPECT_EQ(s.demPath, d.dir + "/dem.tif");
  ASSERT_TRUE(s.demCellSize);
  EXPECT_EQ(*s.demCellSize, 10);
  ASSERT_EQ(s.imagery.size(), 1u);
  EXPECT_EQ(s.imagery[0].path, d.dir + "/img/imagery.tif");
  EXPECT_FLOAT_EQ(s.imagery[0].opacity, 0.5f);
  EXPECT_TRUE(s.imagery[0].visible);
  ASSERT_EQ(s.overlays.size(), 1u);
  EXPECT_NEAR(s.overlays[0].color.r, 0xdf / 255.0, 1e-6);
  EXPECT_FLOAT_EQ(s.overlays[0].widthPx, 1.5f);
  EXPECT_EQ(s.categories.at("historic").label, "Historic site");
  EXPECT_EQ(s.render.exaggeration, 2);
  EXPECT_FALSE(s.render.fog);
  EXPECT_TRUE(s.render.labels);
  EXPECT_EQ(s.render.fovDeg, 40.0);  // vertical, when the scene does not say
  EXPECT_EQ(s.viewsPath, d.dir + "/views.json");
  ASSERT_EQ(s.views.size(), 2u);
  EXPECT_EQ(s.findView("coast")->kind, scene::ViewSpec::Kind::Camera);
  EXPECT_EQ(s.findView("coast")->rangeOrHeight, 3000);
  EXPECT_EQ(s.findView("nope"), nullptr);

  ASSERT_EQ(s.sites.size(), 3u);
  const scene::Site* castle = s.findSite("castle");
  ASSERT_NE(castle, nullptr);
  EXPECT_EQ(castle->honesty, scene::Honesty::Given);
  EXPECT_EQ(castle->lonLat[0][0], glm::dvec2(129.67, 41.67));
  EXPECT_EQ(*castle->precisionM, 60);
  EXPECT_EQ(s.findSite("coast")->uncertainEnd, "start");
  EXPECT_EQ(s.findSite("orang")->kind, geo::GeometryKind::None);
  EXPECT_EQ(*s.findSite("orang")->distanceKm, 17);
  EXPECT_STREQ(scene::honestyName(scene::Honesty::Area), "area");
  EXPECT_NE(std::string(scene::honestyExplanation(scene::Honesty::Note)).find("never placed"), std::string::npos);
}

// What a user types to name a site (`analyze rings --site`): its id, or its name in any case.
TEST(Scene, ASiteIsFoundByIdOrName) {
  scene::Scene s;
  scene::Site castle;
  castle.id = "kyongsong-castle";
  castle.name = "Kyongsong Castle";
  scene::Site farm;
  farm.id = "farm";
  farm.name = "Jungphyong Farm";
  s.sites = {castle, farm};
  EXPECT_EQ(s.findSiteByNameOrId("kyongsong-castle"), &s.sites[0]);
  EXPECT_EQ(s.findSiteByNameOrId("Kyongsong Castle"), &s.sites[0]);
  EXPECT_EQ(s.findSiteByNameOrId("kyongsong castle"), &s.sites[0]);
  EXPECT_EQ(s.findSiteByNameOrId("farm"), &s.sites[1]);
  EXPECT_EQ(s.findSiteByNameOrId("Castle"), nullptr) << "no partial matches";
  EXPECT_EQ(s.findSiteByNameOrId(""), nullptr);
}

TEST(Scene, SavedViewsAreMergedAndRoundTrip) {
  SceneDir d(kScene);
  scene::ViewSpec v;
  v.name = "coast";
  v.kind = scene::ViewSpec::Kind::LookAt;
  v.lat = 41.61, v.lon = 129.71, v.rangeOrHeight = 5000, v.headingDeg = 10, v.pitchDeg = -30;
  scene::ViewSpec w = v;
  w.name = "harbour";
  scene::saveViews(d.dir + "/views.json", {v, w});
  const auto back = scene::loadViews(d.dir + "/views.json");
  ASSERT_EQ(back.size(), 2u);
  EXPECT_EQ(back[1].name, "harbour");
  EXPECT_DOUBLE_EQ(back[0].lat, 41.61);

  const scene::Scene s = scene::loadScene(d.scene);
  ASSERT_EQ(s.views.size(), 3u);
  EXPECT_EQ(s.findView("coast")->kind, scene::ViewSpec::Kind::LookAt);  // the file's wins
  EXPECT_EQ(s.views[2].name, "harbour");
}

TEST(SceneErrors, MalformedJsonHasLineAndColumn) {
  SceneDir d(replaced(kScene, R"("name": "Test scene",)", R"("name": "Test scene")"));
  const std::string msg = errorOf(d.scene);
  EXPECT_EQ(msg.rfind(d.scene + ":4:3: JSON syntax error", 0), 0u) << msg;
}

TEST(SceneErrors, UnknownKeyHasLineColumnAndPointer) {
  SceneDir d(replaced(kScene, R"({"lat": 41.56, "lon": 129.62})", R"({"lattitude": 41.56, "lon": 129.62})"));
  const std::string msg = errorOf(d.scene);
  EXPECT_EQ(msg.rfind(d.scene + ":13:37: /views/0/lookAt: unknown key \"lattitude\"", 0), 0u) << msg;
}

TEST(SceneErrors, UnknownTopLevelKey) {
  SceneDir d(replaced(kScene, R"("crs": "auto",)", R"("crs": "auto", "colour": 1,)"));
  const std::string msg = errorOf(d.scene);
  EXPECT_EQ(msg.rfind(d.scene + ":4:18: top level: unknown key \"colour\"", 0), 0u) << msg;
}

TEST(SceneErrors, UnknownCrs) {
  SceneDir d(replaced(kScene, R"("crs": "auto")", R"("crs": "EPSG:999999")"));
  EXPECT_EQ(errorOf(d.scene), d.scene + ":4:10: /crs: unknown CRS \"EPSG:999999\" (not understood by PROJ)");
}

TEST(SceneErrors, GeographicCrsIsRefused) {
  SceneDir d(replaced(kScene, R"("crs": "auto")", R"("crs": "EPSG:4326")"));
  EXPECT_NE(errorOf(d.scene).find(":4:10: /crs: \"EPSG:4326\" is not a projected CRS"), std::string::npos);
}

TEST(SceneErrors, ValuesOutOfRange) {
  struct Case {
    const char* from;
    const char* to;
    const char* expect;
  };
  const Case cases[] = {
      {R"("opacity": 0.5)", R"("opacity": 1.5)", ":7:71: /imagery/0/opacity: 1.5 is outside 0..1"},
      {R"("pitch": -45)", R"("pitch": -95)", ":13:106: /views/0/pitch: -95 is outside -90..90"},
      {R"("east": 129.85)", R"("east": 129.40)", ":5:54: /extent/east: east 129.4 must be greater than west 129.4"},
      {R"("south": 41.38)", R"("south": -91)", ":5:39: /extent/south: -91 is outside -90..90"},
      {R"("lat": 41.6)", R"("lat": 95)", ":14:41: /views/1/camera/lat: 95 is outside -90..90"},
      {R"("cellSize": 10)", R"("cellSize": 0)", ":6:42: /dem/cellSize: 0 must be greater than 0"},
      {R"("range": 42000)", R"("range": "far")", ":13:76: /views/0/range: expected a number, found a string"},
      {R"("fog": false)", R"("fog": "no")", ":16:82: /render/fog: expected true or false, found a string"},
      {R"("fog": false)", R"("fog": false, "fov": 150)", ":16:96: /render/fov: 150 is outside 5..120"},
      {R"("color": "#d9534f")", R"("color": "red")", ":10:66: /categories/historic/color: \"red\" is not a colour"},
      {R"("name": "Test scene",)", "", ":1:1: top level: missing required key \"name\""},
      {R"("dem": {"path": "dem.tif", "cellSize": 10})", R"("dem": {"cellSize": 10})", ":6:10: /dem: missing required key \"path\""},
      {R"("format": "terrabrief-scene/1")", R"("format": "terrabrief-scene/9")", ":2:13: /format: unsupported format"},
      {R"("sites": {"path": "sites.geojson"},)", R"("sites": {"path": "sites.geojson"}, "sites": {},)",
       ":9:39: /sites: duplicate key"},
      {R"("fog": false})", R"("fog": false}, "streaming": {"ramBudgetMB": 8})",
       ":16:119: /streaming/ramBudgetMB: 8 is outside 16..10000000"},
      {R"("fog": false})", R"("fog": false}, "streaming": {"gpuBudgetMB": "big"})",
       ":16:119: /streaming/gpuBudgetMB: expected a number, found a string"},
      {R"("fog": false})", R"("fog": false}, "streaming": {"ramBudget": 100})",
       ":16:104: /streaming: unknown key \"ramBudget\""},
  };
  for (const Case& c : cases) {
    SceneDir d(replaced(kScene, c.from, c.to));
    const std::string msg = errorOf(d.scene);
    EXPECT_EQ(msg.rfind(d.scene + c.expect, 0), 0u) << "want " << c.expect << "\n got " << msg;
  }
}

TEST(Scene, StreamingBudgetsAreOptional) {
  SceneDir plain(kScene);
  const scene::Scene a = scene::loadScene(plain.scene);
  EXPECT_FALSE(a.streaming.ramBudgetMB);
  EXPECT_FALSE(a.streaming.gpuBudgetMB);
  SceneDir budgets(replaced(kScene, R"("fog": false})", R"("fog": false}, "streaming": {"ramBudgetMB": 900, "gpuBudgetMB": 64})"));
  const scene::Scene b = scene::loadScene(budgets.scene);
  EXPECT_EQ(b.streaming.ramBudgetMB.value_or(0), 900);
  EXPECT_EQ(b.streaming.gpuBudgetMB.value_or(0), 64);
}

TEST(SceneErrors, MissingSceneFile) {
  const std::string path = testfix::scratchDir("scene-missing") + "/none.json";
  EXPECT_EQ(errorOf(path), path + ": cannot open the file (missing or unreadable)");
}

TEST(SceneErrors, SiteWithUnknownCategoryNamesBothFiles) {
  SceneDir d(kScene, replaced(kSites, R"("category":"historic")", R"("category":"castles")"));
  const std::string msg = errorOf(d.scene);
  EXPECT_EQ(msg, d.dir + "/sites.geojson: site \"castle\": category \"castles\" is not defined in " + d.scene +
                     ":10:3 /categories");
}

// Issue 12, item 7: the source tree's copy of a scene (assets/<name>/) lacks the rasters the build
// generates; they are found in the data directory's copy of the same folder.
TEST(Scene, GeneratedRastersOfASourceCopyComeFromTheDataDirectory) {
  namespace fs = std::filesystem;
  const std::string root = testfix::scratchDir("scene-data");
  const fs::path data = fs::path(root) / "data", source = fs::path(root) / "assets";
  for (const fs::path& d : {data / "tiny" / "img", source / "tiny"}) fs::create_directories(d);
  for (const fs::path& d : {data / "tiny", source / "tiny"}) {
    testfix::writeText((d / "scene.json").string(), kScene);
    testfix::writeText((d / "sites.geojson").string(), kSites);
  }
  testfix::writeText((data / "tiny" / "dem.tif").string(), "generated");
  testfix::writeText((data / "tiny" / "img" / "imagery.tif").string(), "generated");
  ::setenv("TERRABRIEF_DATA", data.c_str(), 1);
  const scene::Scene s = scene::loadScene((source / "tiny" / "scene.json").string());
  const scene::Scene own = scene::loadScene((data / "tiny" / "scene.json").string());
  ::unsetenv("TERRABRIEF_DATA");
  EXPECT_EQ(s.demPath, (data / "tiny" / "dem.tif").string());
  ASSERT_EQ(s.imagery.size(), 1u);
  EXPECT_EQ(s.imagery[0].path, (data / "tiny" / "img" / "imagery.tif").string());
  EXPECT_EQ(s.sitesPath, (source / "tiny" / "sites.geojson").string());  // what exists beside it stays
  EXPECT_EQ(own.demPath, (data / "tiny" / "dem.tif").string());
}
