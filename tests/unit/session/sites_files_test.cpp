// Sites and drawings through files: GeoJSON and KML round trips (model -> file -> model), the
// honesty rules for user-made sites, and saving that fails without losing anything.
#include <gtest/gtest.h>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "../geo/RasterFixtures.h"
#include "core/Error.h"
#include "scene/SitesWrite.h"
#include "session/Session.h"
#include "session/SitesKml.h"

using namespace tb;
using namespace tb::session;
namespace fs = std::filesystem;

namespace {

// One of everything a user makes: a clicked pin, a typed given pin, a path, a polygon, a note.
SitesDocument everyKind() {
  SitesDocument d;
  d.categories["mine"] = {"Mine", glm::vec4(1.0f)};
  const auto add = [&](scene::Site s) { d.sites.push_back(std::move(s)); };
  add(clickedPin(d, {129.6123456789, 41.6012345678}, 25, "mine"));
  std::string problem;
  add(typedPin(d, *parseTypedPosition("41.5812, 129.6712", problem), "mine", "kyongsong-city-brief.txt, line 12"));
  add(drawing(d, geo::GeometryKind::Line, {{129.5, 41.5}, {129.52, 41.52}, {129.55, 41.51}}, "mine"));
  add(drawing(d, geo::GeometryKind::Polygon, {{129.6, 41.6}, {129.61, 41.6}, {129.61, 41.61}}, "mine"));
  add(textNote(d, "Ferries stopped in 1994 \"per the brief\" & <never> again", "mine"));
  d.sites[0].description = "Where the road meets the river, by eye.";
  return d;
}

std::string written(const std::vector<scene::Site>& sites) { return scene::sitesToGeoJson(sites); }

std::string sceneWithSites(const std::string& dir, const std::string& sitesJson) {
  testfix::writeText(dir + "/sites.geojson", sitesJson);
  return dir + "/sites.geojson";
}

}  // namespace

TEST(SitesFiles, GeoJsonRoundTripKeepsEveryProperty) {
  const SitesDocument d = everyKind();
  const std::string dir = testfix::scratchDir("session-geojson");
  scene::saveSites(dir + "/sites.geojson", d.sites);
  const std::vector<scene::Site> back = scene::loadSites(dir + "/sites.geojson");
  EXPECT_EQ(written(back), written(d.sites));
  ASSERT_EQ(back.size(), 5u);
  EXPECT_EQ(back[0].placedBy, "click");
  EXPECT_EQ(back[1].honesty, scene::Honesty::Given);
  EXPECT_EQ(back[1].precisionM, 10.0);
  EXPECT_EQ(back[3].lonLat[0].size(), 4u);  // the ring, closed
  EXPECT_EQ(back[4].kind, geo::GeometryKind::None);
}

TEST(SitesFiles, KmlRoundTripKeepsEveryProperty) {
  const SitesDocument d = everyKind();
  const std::string path = testfix::scratchDir("session-kml") + "/sites.kml";
  exportKml(path, d.sites, d.categories);
  const std::vector<scene::Site> back = importKml(path, SitesDocument{}, "other");
  EXPECT_EQ(written(back), written(d.sites));
}

TEST(SitesFiles, KmlFromElsewhereBecomesDerivedPinsAndAreas) {
  const std::string path = testfix::scratchDir("session-kml-foreign") + "/places.kml";
  testfix::writeText(path, R"(<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document><Folder>
  <Placemark><name>Bridge</name><Point><coordinates>129.671,41.602,0</coordinates></Point></Placemark>
  <Placemark><name>Road</name><LineString><coordinates>129.5,41.5 129.51,41.52</coordinates></LineString></Placemark>
  <Placemark><name>Field</name><Polygon><outerBoundaryIs><LinearRing><coordinates>
    129.6,41.6 129.61,41.6 129.61,41.61 129.6,41.6</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark>
</Folder></Document></kml>)");
  SitesDocument doc;
  doc.sites.push_back(clickedPin(doc, {129.6, 41.6}, 30, "c"));  // takes pin-1
  const std::vector<scene::Site> s = importKml(path, doc, "imported");
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(s[0].id, "pin-2");
  EXPECT_EQ(s[0].honesty, scene::Honesty::Derived);
  EXPECT_EQ(s[0].precisionM, 100.0);  // three decimals written
  EXPECT_EQ(s[0].source, "imported from places.kml");
  EXPECT_EQ(s[0].category, "imported");
  EXPECT_EQ(s[1].kind, geo::GeometryKind::Line);
  EXPECT_EQ(s[2].kind, geo::GeometryKind::Polygon);
  EXPECT_EQ(vertices(s[2]).size(), 3u);
}

TEST(SitesFiles, BadKmlNamesTheFileAndThePlace) {
  const std::string dir = testfix::scratchDir("session-kml-bad");
  testfix::writeText(dir + "/a.kml", "<kml><Placemark><name>x</name><Point><coordinates>abc</coordinates></Point></Placemark></kml>");
  EXPECT_EQ(testfix::errorOf([&] { importKml(dir + "/a.kml", {}, "c"); }),
            dir + "/a.kml:1: coordinates \"abc\" are not lon,lat[,altitude]");
  testfix::writeText(dir + "/b.kml", "<kml><Placemark><name>short</name><LineString><coordinates>1,2</coordinates>"
                                     "</LineString></Placemark></kml>");
  EXPECT_EQ(testfix::errorOf([&] { importKml(dir + "/b.kml", {}, "c"); }),
            dir + "/b.kml:1: Placemark \"short\": a path needs at least 2 points; \"short\" would have 1");
  testfix::writeText(dir + "/c.kml", "<kml><Placemark>");
  EXPECT_NE(testfix::errorOf([&] { importKml(dir + "/c.kml", {}, "c"); }).find(dir + "/c.kml: not readable KML"),
            std::string::npos);
}

TEST(SitesHonesty, PrecisionComesFromTheDecimalsTyped) {
  std::string problem;
  EXPECT_EQ(parseTypedPosition("41.58, 129.67", problem)->precisionM, 1000.0);
  EXPECT_EQ(parseTypedPosition("41.5812 129.6712", problem)->precisionM, 10.0);
  EXPECT_EQ(parseTypedPosition("41.5812, 129.67", problem)->precisionM, 1000.0);  // the coarser one
  const auto south = parseTypedPosition("41.5 S, 129.5 E", problem);
  ASSERT_TRUE(south);
  EXPECT_EQ(south->lonLat, glm::dvec2(129.5, -41.5));
  EXPECT_FALSE(parseTypedPosition("41.58", problem));
  EXPECT_EQ(problem, "\"41.58\" is not a position: type latitude then longitude, e.g. 41.5812, 129.6712");
  EXPECT_FALSE(parseTypedPosition("129.6, 41.5", problem));  // swapped: latitude 129.6
  EXPECT_FALSE(parseTypedPosition("41.5 E, 129.6 N", problem));
  EXPECT_EQ(problem, "\"41.5 E, 129.6 N\": latitude (N/S) comes first, then longitude (E/W)");
}

TEST(SitesHonesty, AClickedPinIsDerivedAndCannotBeGiven) {
  SitesDocument d;
  d.categories["c"] = {"C", glm::vec4(1.0f)};
  d.sites.push_back(clickedPin(d, {129.6, 41.6}, 30, "c"));
  EXPECT_EQ(d.sites[0].honesty, scene::Honesty::Derived);
  SiteProperties p = propertiesOf(d.sites[0]);
  p.honesty = scene::Honesty::Given;
  p.source = "a named source";
  const Edit e = setProperties(d, "pin-1", p);
  EXPECT_FALSE(e);
  EXPECT_EQ(e.problem, "\"Pin 1\" was not typed from a source, so it cannot be \"given\"");
}

TEST(SitesHonesty, ATypedPinIsGivenOnlyWithASource) {
  SitesDocument d;
  std::string problem;
  const TypedPosition at = *parseTypedPosition("41.58, 129.67", problem);
  EXPECT_EQ(typedPin(d, at, "c", "brief.txt").honesty, scene::Honesty::Given);
  EXPECT_EQ(typedPin(d, at, "c", "").honesty, scene::Honesty::Derived);
}

TEST(SitesHonesty, DraggingAGivenPinMakesItDerived) {
  SitesDocument d;
  std::string problem;
  d.sites.push_back(typedPin(d, *parseTypedPosition("41.58, 129.67", problem), "c", "brief.txt"));
  Session s;
  Documents& docs = const_cast<Documents&>(s.documents());
  docs.sites = d;
  ASSERT_EQ(s.execute(movePin(s.documents().sites, "pin-1", {129.68, 41.58}, 40)), "");
  const scene::Site& moved = s.documents().sites.sites[0];
  EXPECT_EQ(moved.honesty, scene::Honesty::Derived);
  EXPECT_EQ(moved.placedBy, "click");
  EXPECT_EQ(moved.precisionM, 40.0);
}

TEST(SitesHonesty, ANoteHasNoPositionAndShapesNeedTheirPoints) {
  scene::Site note = textNote(SitesDocument{}, "text", "c");
  EXPECT_EQ(userSiteProblem(note), "");
  note.kind = geo::GeometryKind::Point;
  note.lonLat = {{{1.0, 2.0}}};
  EXPECT_EQ(userSiteProblem(note), "a note has no position");
  EXPECT_EQ(addSite({}, drawing({}, geo::GeometryKind::Polygon, {{1, 1}, {2, 2}}, "c")).problem,
            "a polygon needs at least 3 points; \"Area 1\" would have 2");
  EXPECT_EQ(addSite({}, drawing({}, geo::GeometryKind::Line, {{1, 1}}, "c")).problem,
            "a path needs at least 2 points; \"Path 1\" would have 1");
}

TEST(SitesHonesty, APinPlacedByClickingMayNotBeGivenInTheFile) {
  const std::string dir = testfix::scratchDir("session-click-given");
  scene::Site s = clickedPin({}, {129.6, 41.6}, 30, "c");
  s.honesty = scene::Honesty::Given;  // edited by hand in the file
  const std::string path = sceneWithSites(dir, written({s}));
  EXPECT_EQ(testfix::errorOf([&] { scene::loadSites(path); }),
            path + ": feature 1 (\"pin-1\"): a pin placed by clicking cannot be \"given\": only a coordinate typed "
                   "from the source can");
}

TEST(SessionSave, SavesSitesAndNewCategoriesAndReloads) {
  const std::string dir = testfix::scratchDir("session-save");
  testfix::writeText(dir + "/scene.json", R"({"format": "terrabrief-scene/1", "name": "t",
  "extent": {"west": 129.4, "south": 41.38, "east": 129.85, "north": 41.75}, "dem": {"path": "dem.tif"},
  "categories": {"c": {"label": "C", "color": "#ff0000"}}})");
  scene::Scene sc;
  sc.path = dir + "/scene.json";
  sc.categories["c"] = {"C", glm::vec4(1, 0, 0, 1)};
  Session s(sc);
  const auto& d = s.documents().sites;
  ASSERT_EQ(s.execute(addSite(d, clickedPin(d, {129.6, 41.6}, 30, "c"))), "");
  SiteProperties p = propertiesOf(d.sites[0]);
  p.category = "battery";
  ASSERT_EQ(s.execute(setProperties(d, "pin-1", p, {"Battery", glm::vec4(0, 0, 1, 1)})), "");
  s.saveSites();
  EXPECT_FALSE(s.anyDirty());
  EXPECT_EQ(s.sitesPath(), dir + "/scene-sites.geojson");
  EXPECT_EQ(written(scene::loadSites(s.sitesPath())), written(d.sites));
  std::ifstream in(dir + "/scene.json");
  const std::string scene((std::istreambuf_iterator<char>(in)), {});
  EXPECT_NE(scene.find("\"battery\""), std::string::npos);
  EXPECT_NE(scene.find("\"path\": \"scene-sites.geojson\""), std::string::npos);
}

TEST(SessionSave, AFailedSaveInAnUnwritableFolderKeepsTheDocumentDirtyAndTheOldFile) {
  if (geteuid() == 0) GTEST_SKIP() << "root writes into read-only folders (the next test fails a save as root too)";
  const std::string dir = testfix::scratchDir("session-save-fail");
  const std::string sitesPath = sceneWithSites(dir, written({}));
  scene::Scene sc;
  sc.path = dir + "/scene.json";
  sc.sitesPath = sitesPath;
  sc.categories["c"] = {"C", glm::vec4(1.0f)};
  Session s(sc);
  const auto& d = s.documents().sites;
  ASSERT_EQ(s.execute(addSite(d, clickedPin(d, {129.6, 41.6}, 30, "c"))), "");
  ::chmod(dir.c_str(), 0555);
  const std::string error = testfix::errorOf([&] { s.saveSites(); });
  ::chmod(dir.c_str(), 0755);
  EXPECT_NE(error.find(sitesPath), std::string::npos) << error;
  EXPECT_TRUE(s.dirty(DocumentKind::Sites));
  EXPECT_EQ(d.sites.size(), 1u);
  EXPECT_EQ(scene::loadSites(sitesPath).size(), 0u);
  EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator()), 1);  // no temporary left
  s.saveSites();
  EXPECT_FALSE(s.dirty(DocumentKind::Sites));
}

TEST(SessionSave, AFailedSaveKeepsTheDocumentDirty) {
  // Where the sites file should be there is a folder: refused (a rename would replace it).
  const std::string dir = testfix::scratchDir("session-save-refused");
  fs::create_directory(dir + "/sites.geojson");
  scene::Scene sc;
  sc.path = dir + "/scene.json";
  sc.sitesPath = dir + "/sites.geojson";
  sc.categories["c"] = {"C", glm::vec4(1.0f)};
  Session s(sc);
  const auto& d = s.documents().sites;
  ASSERT_EQ(s.execute(addSite(d, clickedPin(d, {129.6, 41.6}, 30, "c"))), "");
  const std::string error = testfix::errorOf([&] { s.saveSites(); });
  EXPECT_NE(error.find(sc.sitesPath), std::string::npos) << error;
  EXPECT_TRUE(s.dirty(DocumentKind::Sites));
  EXPECT_EQ(d.sites.size(), 1u);
  EXPECT_TRUE(fs::is_directory(sc.sitesPath));
  EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator()), 1);  // no temporary left
}
