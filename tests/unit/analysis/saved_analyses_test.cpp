// Saved analyses: every kind written and read back unchanged; malformed files name the feature.
#include <filesystem>
#include <iterator>
#include <fstream>

#include <gtest/gtest.h>

#include "analysis/SavedAnalyses.h"
#include "core/Error.h"

namespace tb::analysis {
namespace {

std::string path(const std::string& name) {
  const std::string dir = std::string(TB_TEST_OUTPUT_DIR) + "/analysis";
  std::filesystem::create_directories(dir);
  return dir + "/" + name;
}

TEST(SavedAnalyses, EveryKindRoundTrips) {
  std::vector<SavedAnalysis> in(6);
  in[0].kind = AnalysisKind::Measure, in[0].name = "airbase", in[0].points = {{129.6, 41.5}, {129.7, 41.6}};
  in[1].kind = AnalysisKind::Measure, in[1].name = "field", in[1].closed = true,
  in[1].points = {{129.6, 41.5}, {129.7, 41.5}, {129.7, 41.6}};
  in[2].kind = AnalysisKind::Profile, in[2].name = "road", in[2].spacing = 25,
  in[2].points = {{129.6, 41.5}, {129.61, 41.52}};
  in[3].kind = AnalysisKind::LineOfSight, in[3].name = "sight", in[3].points = {{129.6, 41.5}, {129.7, 41.6}};
  in[3].sight.observerHeight = 12, in[3].sight.targetHeight = 3, in[3].sight.refraction = 0.2,
  in[3].sight.curvature = false;
  in[4].kind = AnalysisKind::Viewshed, in[4].name = "battery", in[4].points = {{129.65, 41.6}};
  in[4].viewshed.radius = 12000, in[4].viewshed.observerHeight = 5, in[4].viewshed.azimuthFrom = 300,
  in[4].viewshed.azimuthTo = 60;
  in[5].kind = AnalysisKind::RangeRings, in[5].name = "rings", in[5].points = {{129.65, 41.6}},
  in[5].radii = {5000, 17000};
  const std::string file = path("saved.analyses.geojson");
  writeSavedAnalyses(file, in);
  const std::vector<SavedAnalysis> out = readSavedAnalyses(file);
  ASSERT_EQ(out.size(), in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    EXPECT_EQ(out[i].kind, in[i].kind) << i;
    EXPECT_EQ(out[i].name, in[i].name) << i;
    EXPECT_EQ(out[i].points, in[i].points) << i;
    EXPECT_EQ(out[i].closed, in[i].closed) << i;
  }
  EXPECT_EQ(out[2].spacing, 25);
  EXPECT_EQ(out[3].sight.observerHeight, 12);
  EXPECT_EQ(out[3].sight.targetHeight, 3);
  EXPECT_EQ(out[3].sight.refraction, 0.2);
  EXPECT_FALSE(out[3].sight.curvature);
  EXPECT_EQ(out[4].viewshed.radius, 12000);
  EXPECT_EQ(out[4].viewshed.observerHeight, 5);
  EXPECT_EQ(out[4].viewshed.azimuthFrom, 300);
  EXPECT_EQ(out[4].viewshed.azimuthTo, 60);
  EXPECT_EQ(out[5].radii, (std::vector<double>{5000, 17000}));
  EXPECT_EQ(savedAnalysesPathFor("/a/b/kyongsong.json"), "/a/b/kyongsong.analyses.geojson");
}

// Rings around a site keep the site's name (a "site" property) and say it again when drawn
// from the file; rings around a clicked point write none.
TEST(SavedAnalyses, RingsRememberTheSiteTheyAreAround) {
  std::vector<SavedAnalysis> in(2);
  in[0].kind = AnalysisKind::RangeRings, in[0].name = "castle rings", in[0].points = {{129.67, 41.67}},
  in[0].radii = {17000}, in[0].site = "Kyongsong Castle";
  in[1].kind = AnalysisKind::RangeRings, in[1].name = "point rings", in[1].points = {{129.6, 41.6}}, in[1].radii = {5000};
  const std::string file = path("site-rings.analyses.geojson");
  writeSavedAnalyses(file, in);
  std::ifstream text(file);
  const std::string written((std::istreambuf_iterator<char>(text)), std::istreambuf_iterator<char>());
  EXPECT_NE(written.find("\"site\": \"Kyongsong Castle\""), std::string::npos) << written;
  EXPECT_EQ(written.find("\"site\"", written.find("point rings")), std::string::npos)
      << "rings around a point name no site";
  const std::vector<SavedAnalysis> out = readSavedAnalyses(file);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].site, "Kyongsong Castle");
  EXPECT_EQ(out[1].site, "");
  EXPECT_EQ(out, in);
}

TEST(SavedAnalyses, MalformedFeaturesAreNamed) {
  auto problem = [](const std::string& features) {
    const std::string file = path("bad.analyses.geojson");
    std::ofstream(file) << R"({"type": "FeatureCollection", "features": [)" + features + "]}";
    try {
      readSavedAnalyses(file);
    } catch (const Error& e) {
      return e.problem();
    }
    return std::string("no error");
  };
  const std::string ok = R"({"type": "Feature", "geometry": {"type": "Point", "coordinates": [129.6, 41.5]},
                             "properties": {"kind": "rings", "name": "a", "parameters": {"radii_m": [1000]}}})";
  EXPECT_EQ(problem(ok), "no error");
  EXPECT_EQ(problem(ok + R"(, {"type": "Feature", "geometry": {"type": "Point", "coordinates": [129.6, 41.5]},
                             "properties": {"kind": "circle", "name": "b"}})"),
            "feature 2 (\"b\"): kind \"circle\" is not one of measure, profile, los, viewshed, rings");
  EXPECT_EQ(problem(R"({"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[129.6, 41.5]]},
                        "properties": {"kind": "viewshed", "name": "v", "parameters": {"radius_m": 10}}})"),
            "feature 1 (\"v\"): a viewshed needs a Point geometry, not \"LineString\"");
  EXPECT_EQ(problem(R"({"type": "Feature", "geometry": {"type": "Point", "coordinates": [229.6, 41.5]},
                        "properties": {"kind": "viewshed", "parameters": {"radius_m": 10}}})"),
            "feature 1: [229.6, 41.5] is not a lon/lat");
  EXPECT_EQ(problem(R"({"type": "Feature", "geometry": {"type": "Point", "coordinates": [129.6, 41.5]},
                        "properties": {"kind": "viewshed", "name": "v"}})"),
            "feature 1 (\"v\"): parameters have no \"radius_m\"");
  EXPECT_THROW(readSavedAnalyses(path("missing.geojson")), Error);
}

}  // namespace
}  // namespace tb::analysis
