// `terrabrief analyze`: each analysis writes its file and summary; each bad input is one line,
// exit 2, and nothing written.
#include <gtest/gtest.h>

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

TEST_F(AnalyzeTest, PointOutsideTheData) { rejected({"profile", "--point", kA, "--point", "40.0N 129.6E", "--out", "p.csv"}, "--point 2"); }
TEST_F(AnalyzeTest, ZeroLengthPath) { rejected({"profile", "--point", kA, "--point", kA, "--out", "p.csv"}, "--point"); }
TEST_F(AnalyzeTest, RadiusBeyondTheData) { rejected({"viewshed", "--at", kA, "--radius", "200000", "--out", "v.tif"}, "--radius"); }
TEST_F(AnalyzeTest, MalformedMgrs) { rejected({"rings", "--at", "52TEM500160331", "--radius", "5000", "--out", "r.geojson"}, "--at"); }
TEST_F(AnalyzeTest, ObserverUnderTheGround) {
  rejected({"los", "--from", kA, "--to", kB, "--observer-height", "-5", "--out", "l.geojson"}, "--observer-height");
}
TEST_F(AnalyzeTest, BadSector) { rejected({"viewshed", "--at", kA, "--radius", "3000", "--sector", "north"}, "--sector"); }
TEST_F(AnalyzeTest, OutputIsADirectory) {
  fs::create_directory(cwd / "taken");
  const RunResult r = run({"profile", "--point", kA, "--point", kB, "--out", "taken"});
  expectOneLineError(r, "taken");
}
TEST_F(AnalyzeTest, BrokenSavedAnalysesFileNamesTheFeature) {
  writeFile(dir / "scene.analyses.geojson",
            R"({"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [129.6, 41.56]},
                "properties": {"kind": "rings", "name": "old", "parameters": {"radii_m": [-3]}}}]})");
  const RunResult r = run({"rings", "--at", kA, "--radius", "5000", "--save", "new"});
  expectOneLineError(r, "feature 1 (\"old\")");
}

}  // namespace
}  // namespace tb::clitest
