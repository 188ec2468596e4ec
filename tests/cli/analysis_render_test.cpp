// Saved analyses in pictures: `render --analyses/--grid` and briefing steps that list analyses
// draw them; unknown names are one-line errors with nothing written.
#include <gtest/gtest.h>

#include <cstdlib>

#include "CliRun.h"
#include "SceneFixture.h"
#include "core/PngFile.h"

namespace tb::clitest {
namespace {

// Pixels whose colour differs by more than 40 in some channel.
int changedPixels(const ImageRGBA& a, const ImageRGBA& b) {
  int n = 0;
  for (int y = 0; y < a.height; ++y)
    for (int x = 0; x < a.width; ++x)
      for (int c = 0; c < 3; ++c)
        if (std::abs(int(a.at(x, y)[c]) - int(b.at(x, y)[c])) > 40) {
          ++n;
          break;
        }
  return n;
}

struct AnalysisRenderTest : ::testing::Test {
  ScratchDir dir{"analysis-render"};
  fs::path scene = writeScene(dir.path());
  RunResult run(std::vector<std::string> args) { return runTerrabrief(args, RunOptions(dir.path())); }
  void SetUp() override {
    for (auto args : std::vector<std::vector<std::string>>{
             {"rings", "--at", "41.60N 129.62E", "--radius", "4000", "--radius", "8000", "--save", "rings"},
             {"viewshed", "--at", "41.60N 129.62E", "--radius", "6000", "--observer-height", "30", "--save", "battery"}}) {
      args.insert(args.begin() + 1, {"--scene", scene.string()});
      args.insert(args.begin(), "analyze");
      const RunResult r = run(args);
      ASSERT_EQ(r.exitCode, 0) << describe(r);
    }
  }
  ImageRGBA render(std::vector<std::string> extra, const std::string& out) {
    std::vector<std::string> args{"render", "--scene", scene.string(), "--size", "480x270", "--out", out};
    args.insert(args.end(), extra.begin(), extra.end());
    const RunResult r = run(args);
    EXPECT_EQ(r.exitCode, 0) << describe(r);
    return readPng((dir.path() / out).string()).image;
  }
};

TEST_F(AnalysisRenderTest, RenderShowsSavedAnalysesAndGrids) {
  const ImageRGBA bare = render({}, "bare.png");
  const ImageRGBA rings = render({"--analyses", "rings"}, "rings.png");
  const ImageRGBA both = render({"--analyses", "rings,battery"}, "both.png");
  const ImageRGBA grid = render({"--grid", "degrees"}, "grid.png");
  const int pixels = bare.width * bare.height;
  EXPECT_GT(changedPixels(bare, rings), pixels / 200) << "two rings drawn";
  EXPECT_GT(changedPixels(rings, both), pixels / 100) << "the viewshed covers a part of the view";
  EXPECT_GT(changedPixels(bare, grid), pixels / 200) << "graticule lines drawn";
}

TEST_F(AnalysisRenderTest, UnknownAnalysisOrGridIsOneLineAndNoFile) {
  RunResult r = run({"render", "--scene", scene.string(), "--analyses", "nope", "--out", "x.png"});
  expectOneLineError(r, "scene.analyses.geojson");
  EXPECT_NE(r.err.find("\"nope\""), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("\"rings\""), std::string::npos) << "the known names are listed: " << r.err;
  EXPECT_FALSE(fs::exists(dir.path() / "x.png"));
  r = run({"render", "--scene", scene.string(), "--grid", "mgrs5", "--out", "x.png"});
  EXPECT_EQ(r.exitCode, 2) << describe(r);
  EXPECT_FALSE(fs::exists(dir.path() / "x.png"));
}

TEST_F(AnalysisRenderTest, BriefingStepsShowTheirAnalysesInStills) {
  const std::string step = R"({"id": "%ID%", "title": "Step %ID%", "hold": 1,
      "view": {"lookAt": {"lat": 41.60, "lon": 129.62}, "range": 30000, "heading": 0, "pitch": -50}%EXTRA%})";
  auto make = [&](const std::string& id, const std::string& extra) {
    std::string s = step;
    s.replace(s.find("%ID%"), 4, id);
    s.replace(s.find("%ID%"), 4, id);
    s.replace(s.find("%EXTRA%"), 7, extra);
    return s;
  };
  writeFile(dir.path() / "b.json", R"({"format": "terrabrief-briefing/1", "title": "T", "scene": "scene.json", "steps": [)" +
                                make("plain", "") + "," + make("shown", R"(, "analyses": ["battery", "rings"])") + "]}");
  RunResult r = run({"brief", "stills", "b.json", "--size", "480x270", "--out", "stills"});
  ASSERT_EQ(r.exitCode, 0) << describe(r);
  const std::vector<std::string> files = listDir(dir.path() / "stills");
  ASSERT_EQ(files.size(), 2u);
  const ImageRGBA plain = readPng((dir.path() / "stills" / files[0]).string()).image;
  const ImageRGBA shown = readPng((dir.path() / "stills" / files[1]).string()).image;
  EXPECT_GT(changedPixels(plain, shown), plain.width * plain.height / 100) << files[0] << " vs " << files[1];

  writeFile(dir.path() / "bad.json", R"({"format": "terrabrief-briefing/1", "title": "T", "scene": "scene.json", "steps": [)" +
                                  make("x", R"(, "analyses": ["missing"])") + "]}");
  r = run({"brief", "stills", "bad.json", "--size", "480x270", "--out", "bad-stills"});
  expectOneLineError(r, "scene.analyses.geojson");
  EXPECT_FALSE(fs::exists(dir.path() / "bad-stills"));
}

}  // namespace
}  // namespace tb::clitest
