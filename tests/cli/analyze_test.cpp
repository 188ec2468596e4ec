// `terrabrief analyze`: each analysis writes its file and summary; each bad input is one line,
// exit 2, and nothing written.
#include <gtest/gtest.h>

#include <GeographicLib/Geocentric.hpp>
#include <GeographicLib/Geodesic.hpp>
#include <GeographicLib/MGRS.hpp>
#include <GeographicLib/PolygonArea.hpp>
#include <GeographicLib/UTMUPS.hpp>
#include <nlohmann/json.hpp>

#include "CliRun.h"
#include "SceneFixture.h"

namespace tb::clitest {
namespace {

// Inside the fixture scene (41.38-41.75 N, 129.40-129.85 E).
const std::string kA = "41.56N 129.60E", kB = "41°37'N 129°42'E", kMgrs = "52TEM5001603319";

struct AnalyzeTest : ::testing::Test {
  ScratchDir dir{"analyze"};
  ScratchDir cwd{"analyze-cwd"};
  fs::path scene = writeScene(dir.path());
  RunResult run(std::vector<std::string> args, std::map<std::string, std::string> env = {}) {
    args.insert(args.begin() + 1, {"--scene", scene.string()});
    args.insert(args.begin(), "analyze");
    RunOptions o(cwd.path());
    o.env = std::move(env);
    return runTerrabrief(args, o);
  }
  void rejected(std::vector<std::string> args, const std::string& subject) {
    const RunResult r = run(std::move(args));
    expectOneLineError(r, subject);
    EXPECT_TRUE(listDir(cwd.path()).empty()) << "left behind: " << listDir(cwd.path()).front();
    EXPECT_FALSE(fs::exists(dir / "scene.analyses.geojson"));
  }
};

TEST_F(AnalyzeTest, ProfileWritesCsvInMemoryAndStreamed) {
  for (const char* streaming : {"0", "1"}) {
    const RunResult r = run({"profile", "--point", kA, "--point", kB, "--point", kMgrs, "--out", "p.csv"},
                            {{"TERRABRIEF_STREAMING", streaming}});
    ASSERT_EQ(r.exitCode, 0) << describe(r);
    EXPECT_NE(r.out.find("profile: "), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("ascent "), std::string::npos) << r.out;
    const std::string csv = readFile(cwd / "p.csv");
    EXPECT_EQ(csv.rfind("distance_m,lon,lat,x,y,height_m\n", 0), 0u);
    EXPECT_GT(std::count(csv.begin(), csv.end(), '\n'), 20);
    fs::remove(cwd / "p.csv");
  }
}

TEST_F(AnalyzeTest, LosViewshedRingsWriteTheirFilesAndSave) {
  RunResult r = run({"los", "--from", kA, "--to", kB, "--out", "los.geojson", "--save", "castle sight"});
  ASSERT_EQ(r.exitCode, 0) << describe(r);
  EXPECT_NE(r.out.find("line of sight over "), std::string::npos);
  EXPECT_NE(readFile(cwd / "los.geojson").find("\"sight line\""), std::string::npos);
  r = run({"viewshed", "--at", kMgrs, "--radius", "5000", "--sector", "300,60", "--out", "v.tif", "--save", "battery"});
  ASSERT_EQ(r.exitCode, 0) << describe(r);
  EXPECT_NE(r.out.find("km² visible"), std::string::npos) << r.out;
  EXPECT_EQ(readFile(cwd / "v.tif").substr(0, 4), std::string("II*\0", 4));
  r = run({"rings", "--at", kA, "--radius", "5000", "--radius", "17000", "--out", "rings.geojson", "--save", "rings"});
  ASSERT_EQ(r.exitCode, 0) << describe(r);
  EXPECT_NE(readFile(cwd / "rings.geojson").find("\"17 km\""), std::string::npos);
  const std::string saved = readFile(dir / "scene.analyses.geojson");
  for (const char* s : {"\"castle sight\"", "\"battery\"", "\"rings\"", "\"viewshed\"", "\"los\"", "\"sector_deg\""})
    EXPECT_NE(saved.find(s), std::string::npos) << s;
}

// Rings around a site of the scene, by name or id: centred on its position, labelled and saved
// with its name; an unknown site, a line site or --at with --site is one line and exit 2.
TEST_F(AnalyzeTest, RingsAroundASiteAreCentredOnItAndSayItsName) {
  writeFile(dir / "sites.geojson", R"({"type": "FeatureCollection", "features": [
  {"type": "Feature", "geometry": {"type": "Point", "coordinates": [129.67, 41.67]},
   "properties": {"id": "castle", "name": "Kyongsong Castle", "category": "historic", "honesty": "given",
                  "precision_m": 60, "source": "kyongsong-city-brief.txt", "description": "A test site."}},
  {"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[129.65, 41.55], [129.70, 41.67]]},
   "properties": {"id": "coast", "name": "Coastal defences", "category": "historic", "honesty": "area",
                  "precision_m": 2000, "source": "kyongsong-city-brief.txt", "description": "A test line."}}
]})");
  const RunResult r = run({"rings", "--site", "kyongsong castle", "--radius", "17000", "--out", "r.geojson", "--save",
                           "castle rings"});
  ASSERT_EQ(r.exitCode, 0) << describe(r);
  EXPECT_NE(r.out.find("ring 17 km from Kyongsong Castle"), std::string::npos) << r.out;
  const nlohmann::json out = nlohmann::json::parse(readFile(cwd / "r.geojson"));
  const nlohmann::json& ring = out.at("features").at(0);
  EXPECT_EQ(ring.at("properties").at("label"), "17 km from Kyongsong Castle");
  EXPECT_EQ(ring.at("properties").at("site"), "Kyongsong Castle");
  // Every vertex 17 km from the castle's own coordinate.
  const GeographicLib::Geodesic& g = GeographicLib::Geodesic::WGS84();
  for (const auto& c : ring.at("geometry").at("coordinates")) {
    double s12 = 0;
    g.Inverse(41.67, 129.67, c[1].get<double>(), c[0].get<double>(), s12);
    EXPECT_NEAR(s12, 17000.0, 0.5);
  }
  const nlohmann::json saved = nlohmann::json::parse(readFile(dir / "scene.analyses.geojson"));
  EXPECT_EQ(saved.at("features").at(0).at("properties").at("site"), "Kyongsong Castle");
  EXPECT_EQ(saved.at("features").at(0).at("geometry").at("coordinates"), nlohmann::json({129.67, 41.67}));
  fs::remove(dir / "scene.analyses.geojson");
  fs::remove(cwd / "r.geojson");

  rejected({"rings", "--site", "Onpho", "--radius", "5000", "--out", "r.geojson"}, "--site");
  const RunResult unknown = run({"rings", "--site", "Onpho", "--radius", "5000"});
  EXPECT_NE(unknown.err.find("no site \"Onpho\""), std::string::npos) << unknown.err;
  rejected({"rings", "--site", "coast", "--radius", "5000", "--out", "r.geojson"}, "--site");
  const RunResult line = run({"rings", "--site", "coast", "--radius", "5000"});
  EXPECT_NE(line.err.find("no one position"), std::string::npos) << line.err;
  rejected({"rings", "--site", "castle", "--at", kA, "--radius", "5000", "--out", "r.geojson"}, "--at");
  rejected({"rings", "--radius", "5000", "--out", "r.geojson"}, "--at");
}

TEST_F(AnalyzeTest, PointOutsideTheData) {
  rejected({"profile", "--point", kA, "--point", "40.0N 129.6E", "--out", "p.csv"}, "--point 2");
}
TEST_F(AnalyzeTest, ZeroLengthPath) {
  rejected({"profile", "--point", kA, "--point", kA, "--out", "p.csv"}, "--point");
}
TEST_F(AnalyzeTest, RadiusBeyondTheData) {
  rejected({"viewshed", "--at", kA, "--radius", "200000", "--out", "v.tif"}, "--radius");
}
TEST_F(AnalyzeTest, MalformedMgrs) {
  rejected({"rings", "--at", "52TEM500160331", "--radius", "5000", "--out", "r.geojson"}, "--at");
}
TEST_F(AnalyzeTest, ObserverUnderTheGround) {
  rejected({"los", "--from", kA, "--to", kB, "--observer-height", "-5", "--out", "l.geojson"}, "--observer-height");
}
TEST_F(AnalyzeTest, BadSector) {
  rejected({"viewshed", "--at", kA, "--radius", "3000", "--sector", "north"}, "--sector");
}
TEST_F(AnalyzeTest, OutputIsADirectory) {
  fs::create_directory(cwd / "taken");
  const RunResult r = run({"profile", "--point", kA, "--point", kB, "--out", "taken"});
  expectOneLineError(r, "taken");
}
TEST_F(AnalyzeTest, BrokenSavedAnalysesFileNamesTheFeature) {
  writeFile(
      dir / "scene.analyses.geojson",
      R"({"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [129.6, 41.56]},
                "properties": {"kind": "rings", "name": "old", "parameters": {"radii_m": [-3]}}}]})");
  const RunResult r = run({"rings", "--at", kA, "--radius", "5000", "--save", "new"});
  expectOneLineError(r, "feature 1 (\"old\")");
}

TEST_F(AnalyzeTest, EllipsoidalDemHeightsAreShownAboveEgm96) {
  const RunResult plain = run({"profile", "--point", kA, "--point", kB});
  ASSERT_EQ(plain.exitCode, 0) << describe(plain);
  EXPECT_NE(plain.out.find("m, datum of the DEM unknown"), std::string::npos) << plain.out;
  const RunResult plainMeasure = run({"measure", "--point", kA, "--point", kB});
  ASSERT_EQ(plainMeasure.exitCode, 0) << describe(plainMeasure);
  EXPECT_NE(plainMeasure.out.find("m, datum of the DEM unknown"), std::string::npos) << plainMeasure.out;
  // The same DEM in WGS 84 with ellipsoidal heights (EPSG:4979, geographic 3D).
  const RunResult warp =
      runProgram({"gdalwarp", "-q", "-t_srs", "EPSG:4979", (dir / "dem.tif").string(), (dir / "ell.tif").string()},
                 RunOptions{dir.path()});
  ASSERT_EQ(warp.exitCode, 0) << describe(warp);
  SceneParts parts;
  parts.demPath = "ell.tif";
  writeFile(dir / "scene.json", sceneJson(parts));
  const RunResult ell = run({"profile", "--point", kA, "--point", kB});
  ASSERT_EQ(ell.exitCode, 0) << describe(ell);
  EXPECT_NE(ell.out.find(" m EGM96"), std::string::npos) << ell.out;
  // Kyongsong's geoid lies some 20 m above the ellipsoid: the shown heights drop by about that.
  auto lowest = [](const std::string& out) { return std::stod(out.substr(out.find("heights: ") + 9)); };
  EXPECT_GT(lowest(plain.out) - lowest(ell.out), 10.0) << plain.out << ell.out;
  // The measure's heights too ("height difference +X m (A m EGM96 .. B m EGM96)").
  const RunResult ellMeasure = run({"measure", "--point", kA, "--point", kB});
  ASSERT_EQ(ellMeasure.exitCode, 0) << describe(ellMeasure);
  EXPECT_NE(ellMeasure.out.find(" m EGM96"), std::string::npos) << ellMeasure.out;
  auto first = [](const std::string& out) { return std::stod(out.substr(out.find(" m (") + 4)); };
  EXPECT_GT(first(plainMeasure.out) - first(ellMeasure.out), 10.0) << plainMeasure.out << ellMeasure.out;
}

// The measuring tool headless, with every coordinate form, against GeographicLib computed here.
TEST_F(AnalyzeTest, MeasureAgreesWithGeographicLibForEveryCoordinateForm) {
  const std::string utm = "52T 555000 4605000";
  const RunResult r = run({"measure", "--point", kA, "--point", kB, "--point", utm, "--point", kMgrs, "--area", "--out",
                           "m.json", "--save", "four corners"});
  ASSERT_EQ(r.exitCode, 0) << describe(r);
  // The same points' lat/lon, worked out here: DD and DMS by hand, UTM and MGRS through GeographicLib
  // (an MGRS square is taken at its centre).
  std::vector<std::pair<double, double>> latLon = {{41.56, 129.60}, {41.0 + 37.0 / 60.0, 129.7}};
  double lat = 0, lon = 0;
  GeographicLib::UTMUPS::Reverse(52, true, 555000, 4605000, lat, lon);
  latLon.emplace_back(lat, lon);
  int zone = 0, prec = 0;
  bool north = false;
  double x = 0, y = 0;
  GeographicLib::MGRS::Reverse("52TEM5001603319", zone, north, x, y, prec, true);
  GeographicLib::UTMUPS::Reverse(zone, north, x, y, lat, lon);
  latLon.emplace_back(lat, lon);

  const nlohmann::json doc = nlohmann::json::parse(readFile(cwd / "m.json"));
  ASSERT_EQ(doc["points"].size(), 4u);
  ASSERT_EQ(doc["legs"].size(), 4u) << "three legs and the closing one";
  const GeographicLib::Geodesic& geod = GeographicLib::Geodesic::WGS84();
  const GeographicLib::Geocentric& earth = GeographicLib::Geocentric::WGS84();
  GeographicLib::PolygonArea polygon(geod);
  double total = 0;
  for (std::size_t i = 0; i < 4; ++i) {
    const auto& p = doc["points"][i];
    EXPECT_NEAR(p["lat"].get<double>(), latLon[i].first, 1e-8) << "point " << i + 1;
    EXPECT_NEAR(p["lon"].get<double>(), latLon[i].second, 1e-8) << "point " << i + 1;
    polygon.AddPoint(latLon[i].first, latLon[i].second);
    const std::size_t j = (i + 1) % 4;
    double s12 = 0, azi1 = 0, azi2 = 0;
    geod.Inverse(latLon[i].first, latLon[i].second, latLon[j].first, latLon[j].second, s12, azi1, azi2);
    total += s12;
    const auto& leg = doc["legs"][i];
    EXPECT_NEAR(leg["horizontal_m"].get<double>(), s12, 1e-3) << "leg " << i + 1;
    EXPECT_NEAR(leg["true_bearing_deg"].get<double>(), std::fmod(azi1 + 360.0, 360.0), 1e-6) << "leg " << i + 1;
    // Grid north is within a degree or two of true north here (meridian convergence near the zone's centre).
    const double convergence = std::remainder(leg["grid_bearing_deg"].get<double>() - azi1, 360.0);
    EXPECT_LT(std::abs(convergence), 2.0) << "leg " << i + 1;
    EXPECT_GE(leg["surface_m"].get<double>(), s12 * 0.999) << "the ground is never shorter than the geodesic";
    // Slant: the straight line between the two ground points (ECEF from the heights written).
    const double hi = doc["points"][i]["height_m"].get<double>(), hj = doc["points"][j]["height_m"].get<double>();
    double ax, ay, az, bx, by, bz;
    earth.Forward(latLon[i].first, latLon[i].second, hi, ax, ay, az);
    earth.Forward(latLon[j].first, latLon[j].second, hj, bx, by, bz);
    EXPECT_NEAR(leg["slant_m"].get<double>(), std::hypot(ax - bx, ay - by, az - bz), 0.05) << "leg " << i + 1;
    EXPECT_NEAR(leg["height_delta_m"].get<double>(), hj - hi, 0.011) << "leg " << i + 1;
  }
  double perimeter = 0, area = 0;
  polygon.Compute(false, true, perimeter, area);
  EXPECT_NEAR(doc["horizontal_m"].get<double>(), total, 1e-2);
  EXPECT_NEAR(doc["area_m2"].get<double>(), std::abs(area), 1.0);
  EXPECT_NE(doc["vertical_datum"].get<std::string>().find("datum"), std::string::npos) << "heights say their datum";
  EXPECT_NE(r.out.find("area "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("height difference "), std::string::npos) << r.out;
  EXPECT_NE(readFile(dir / "scene.analyses.geojson").find("\"four corners\""), std::string::npos);
}

TEST_F(AnalyzeTest, MeasureWritesCsvOneRowPerLegAndTheTotals) {
  const RunResult r = run({"measure", "--point", kA, "--point", kB, "--point", kMgrs, "--out", "m.csv"});
  ASSERT_EQ(r.exitCode, 0) << describe(r);
  const std::string csv = readFile(cwd / "m.csv");
  EXPECT_EQ(csv.rfind("leg,from_lon,from_lat,to_lon,to_lat,horizontal_m,surface_m,slant_m,height_delta_m,", 0), 0u) << csv;
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 4) << "header, two legs, totals:\n" << csv;
  EXPECT_NE(csv.find("\ntotal,"), std::string::npos) << csv;
  double s12 = 0, azi1 = 0, azi2 = 0;
  GeographicLib::Geodesic::WGS84().Inverse(41.56, 129.60, 41.0 + 37.0 / 60.0, 129.7, s12, azi1, azi2);
  char expected[64];
  std::snprintf(expected, sizeof expected, ",%.3f,", s12);
  EXPECT_NE(csv.find(expected), std::string::npos) << "leg 1's geodesic " << s12 << " m\n" << csv;
}

TEST_F(AnalyzeTest, MeasureBadInput) {
  rejected({"measure", "--point", kA, "--point", kB, "--area", "--out", "m.json"}, "--point");
  rejected({"measure", "--point", kA, "--point", "52TEM500160331", "--out", "m.json"}, "--point 2");
  rejected({"measure", "--point", kA, "--point", "40.0N 129.6E", "--out", "m.json"}, "--point 2");
  rejected({"measure", "--point", kA, "--point", kA, "--out", "m.json"}, "--point 2");
}

}  // namespace
}  // namespace tb::clitest
