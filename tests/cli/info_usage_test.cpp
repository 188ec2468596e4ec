// `terrabrief info` on the default scene, --version, and usage errors (CLI11 parse failures are
// bad input too: exit 2, one line, a hint to --help).
#include <gtest/gtest.h>

#include "CliRun.h"
#include "SceneFixture.h"

namespace tb::clitest {
namespace {

TEST(Info, DefaultSceneListsCrsSitesAndNotes) {
  ScratchDir cwd("info");
  const RunResult r = runTerrabrief({"info"}, {cwd.path()});
  ASSERT_EQ(r.exitCode, 0) << describe(r);
  for (const char* expected :
       {"EPSG:32652", "Kyongsong Castle", "Hot Springs", "Onpho", "Chuul", "41.670000 N, 129.670000 E",
        "41.602000 N, 129.585000 E", "41.657000 N, 129.527000 E", "41.558000 N, 129.629000 E", "given (4)",
        "Orang", "Officer", "synthetic: yes"})
    EXPECT_NE(r.out.find(expected), std::string::npos) << "missing \"" << expected << "\" in:\n" << r.out;
  // Notes are listed under their own class, never with a position.
  const auto notes = r.out.find("  note (");
  ASSERT_NE(notes, std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Orang", notes), std::string::npos) << r.out;
  EXPECT_TRUE(listDir(cwd.path()).empty());
}

TEST(Info, SceneWithoutSitesAndAPointOverlaySaysSo) {
  // Issue 12, item 8: "Sites: 0 from " with nothing after, and a point layer (a GPX of waypoints)
  // used as an overlay loading as "0 lines" without a word.
  ScratchDir cwd("info-points");
  std::string scene = sceneJson({});
  const std::string sites = R"("sites": {"path": "sites.geojson"},)";
  scene.replace(scene.find(sites), sites.size(), R"("overlays": [{"name": "Waypoints", "path": "points.geojson"}],)");
  writeFile(cwd / "scene.json", scene);
  ASSERT_TRUE(makeSmallDem(cwd / "dem.tif"));
  writeFile(cwd / "points.geojson", R"({"type": "FeatureCollection", "features": [
  {"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [129.6, 41.6]}},
  {"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [129.7, 41.65]}}]})");
  const RunResult r = runTerrabrief({"info", "--scene", "scene.json"}, {cwd.path()});
  ASSERT_EQ(r.exitCode, 0) << describe(r);
  EXPECT_NE(r.out.find("Sites:        none (the scene names no sites file)"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("from \n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("0 lines, 0 vertices (2 points not drawn)"), std::string::npos) << r.out;
  EXPECT_NE(r.err.find("2 point features are not drawn"), std::string::npos) << r.err;
}

TEST(Usage, VersionPrintsTheVersion) {
  ScratchDir cwd("version");
  const RunResult r = runTerrabrief({"--version"}, {cwd.path()});
  EXPECT_EQ(r.exitCode, 0) << describe(r);
  EXPECT_NE(r.out.find(std::string("terrabrief ") + TB_VERSION), std::string::npos) << r.out;
}

TEST(Usage, HelpListsSubcommandsAndExitsZero) {
  ScratchDir cwd("help");
  const RunResult r = runTerrabrief({"--help"}, {cwd.path()});
  EXPECT_EQ(r.exitCode, 0) << describe(r);
  for (const char* sub : {"render", "info", "bench"}) EXPECT_NE(r.out.find(sub), std::string::npos) << r.out;
}

TEST(Usage, UnknownOptionIsOneLineWithHelpHint) {
  ScratchDir cwd("unknown");
  const RunResult r = runTerrabrief({"render", "--bogus"}, {cwd.path()});
  expectOneLineError(r, "--bogus");
  EXPECT_NE(r.err.find("--help"), std::string::npos) << r.err;
}

TEST(Usage, ViewAndSiteExcludeEachOther) {
  ScratchDir cwd("excl");
  const RunResult r = runTerrabrief({"render", "--view", "overview", "--site", "castle"}, {cwd.path()});
  expectOneLineError(r, "--site");
  EXPECT_TRUE(listDir(cwd.path()).empty());
}

TEST(Usage, ExaggerationOutOfRange) {
  ScratchDir cwd("exag");
  const RunResult r = runTerrabrief({"render", "--exaggeration", "0"}, {cwd.path()});
  expectOneLineError(r, "--exaggeration");
}

TEST(Usage, FieldOfViewOutOfRange) {
  ScratchDir cwd("usage-fov");
  const RunResult r = runTerrabrief({"render", "--fov", "170"}, {cwd.path()});
  expectOneLineError(r, "--fov");
}

TEST(Usage, MalformedCameraNamesTheOption) {
  ScratchDir cwd("cam");
  const RunResult r = runTerrabrief({"render", "--camera", "41.6,129.7,3000"}, {cwd.path()});
  expectOneLineError(r, "--camera");
  EXPECT_TRUE(listDir(cwd.path()).empty());
}

// bin/terrabrief is the launcher: it turns on glibc's huge pages for terrabrief-main and keeps
// whatever tunables the user set, including an explicit hugetlb choice.
TEST(Launcher, AddsHugePagesAndKeepsTheUsersTunables) {
  ScratchDir cwd("launcher");
  const auto tunablesSeen = [&](const char* userValue) {
    RunOptions o(cwd.path());
    o.env["TB_LOG"] = "debug";
    if (userValue) o.env["GLIBC_TUNABLES"] = userValue;
    const RunResult r = runTerrabrief({"--version"}, o);
    EXPECT_EQ(r.exitCode, 0) << describe(r);
    const std::string key = "glibc tunables: ";
    const auto at = r.err.find(key);
    if (at == std::string::npos) return std::string("(no log line) ") + r.err;
    return r.err.substr(at + key.size(), r.err.find('\n', at) - at - key.size());
  };
  EXPECT_EQ(tunablesSeen(nullptr), "glibc.malloc.hugetlb=1");
  EXPECT_EQ(tunablesSeen("glibc.malloc.perturb=0"), "glibc.malloc.perturb=0:glibc.malloc.hugetlb=1");
  EXPECT_EQ(tunablesSeen("glibc.malloc.hugetlb=0"), "glibc.malloc.hugetlb=0");
}

// render and info run in terrabrief-render, which does not load the viewer's and video's
// libraries; everything else in terrabrief-main. Both answer --help the same way.
TEST(Launcher, HeadlessCommandsRunTheLeanProgram) {
  ScratchDir cwd("launcher-lean");
  RunOptions o(cwd.path());
  o.env["TB_LOG"] = "debug";
  const auto program = [&](const std::vector<std::string>& args) {
    const RunResult r = runTerrabrief(args, o);
    EXPECT_EQ(r.exitCode, 0) << describe(r);
    const auto at = r.err.find("program: ");
    if (at == std::string::npos) return std::string("(no log line)");
    return r.err.substr(at + 9, r.err.find_first_of(" \n", at + 9) - at - 9);
  };
  EXPECT_EQ(program({"info"}), "terrabrief-render");
  EXPECT_EQ(program({"render", "--help"}), "terrabrief-render");
  EXPECT_EQ(program({"--version"}), "terrabrief-main");
  EXPECT_EQ(program({"brief", "--help"}), "terrabrief-main");
  o.env.erase("TB_LOG");
  const RunResult lean = runTerrabrief({"render", "--help"}, o);
  const RunResult full = runProgram({std::string(TB_BINARY) + "-main", "render", "--help"}, o);
  EXPECT_EQ(lean.out, full.out);
}

}  // namespace
}  // namespace tb::clitest
