// Saved analyses in pictures: `render --analyses/--grid` and briefing steps that list analyses
// draw them; unknown names are one-line errors with nothing written.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <sstream>

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

// A low oblique view over the default scene: the UTM grid's rows crowd toward the horizon. Each
// label sits where its line enters the image, nearest line first; one that would crowd another
// is dropped, so no two label boxes overlap or touch and the near rows keep theirs.
TEST(GridLabels, ALowObliqueViewsLabelsNeverOverlapAndTheNearestAreKept) {
  ScratchDir dir{"grid-labels"};
  RunOptions o(dir.path());
  o.env = {{"TB_LOG", "debug"}};
  const RunResult r = runTerrabrief({"render", "--scene", (defaultSceneDir() / "kyongsong.json").string(), "--camera",
                                     "41.60,129.62,400,20,-8", "--grid", "utm", "--size", "1280x720", "--out", "g.png"},
                                    o);
  ASSERT_EQ(r.exitCode, 0) << describe(r);
  // "overlay: 15 of 40 grid labels drawn: 50E@12,181,37,196 ..." (the last such line: the frame saved).
  const std::size_t at = r.err.rfind("grid labels drawn:");
  ASSERT_NE(at, std::string::npos) << r.err;
  std::istringstream line(r.err.substr(at + 18, r.err.find('\n', at) - at - 18));
  struct Box {
    std::string text;
    float x0, y0, x1, y1;
  };
  std::vector<Box> boxes;
  for (std::string item; line >> item;) {
    Box b;
    const std::size_t amp = item.find('@');
    ASSERT_NE(amp, std::string::npos) << item;
    b.text = item.substr(0, amp);
    ASSERT_EQ(std::sscanf(item.c_str() + amp + 1, "%f,%f,%f,%f", &b.x0, &b.y0, &b.x1, &b.y1), 4) << item;
    boxes.push_back(b);
  }
  std::size_t drawn = 0, of = 0;
  ASSERT_EQ(std::sscanf(r.err.c_str() + r.err.rfind("overlay: ", at), "overlay: %zu of %zu", &drawn, &of), 2);
  EXPECT_EQ(drawn, boxes.size());
  EXPECT_GE(boxes.size(), 8u) << "the grid is still labelled";
  EXPECT_GT(of, boxes.size()) << "this view has more lines than room: some labels must go";
  constexpr float kGap = 4.0f;  // at least this much clear between two labels (they read as one when touching)
  for (std::size_t i = 0; i < boxes.size(); ++i) {
    EXPECT_TRUE(boxes[i].x0 >= 0 && boxes[i].y0 >= 0 && boxes[i].x1 <= 1280 && boxes[i].y1 <= 720) << boxes[i].text;
    for (std::size_t j = i + 1; j < boxes.size(); ++j) {
      const Box &a = boxes[i], &b = boxes[j];
      const bool apart = a.x1 + kGap <= b.x0 || b.x1 + kGap <= a.x0 || a.y1 + kGap <= b.y0 || b.y1 + kGap <= a.y0;
      EXPECT_TRUE(apart) << a.text << " and " << b.text << " crowd each other";
    }
  }
  // The nearest rows keep their labels: the lowest label on the left edge and at the bottom
  // are the near ground's, none of them dropped for a far one.
  float lowest = 0;
  for (const Box& b : boxes) lowest = std::max(lowest, b.y1);
  EXPECT_GT(lowest, 690.0f) << "the line entering at the bottom keeps its label";
  std::size_t nearHorizon = 0;
  for (const Box& b : boxes) nearHorizon += b.y1 < 260.0f;  // the band just below the horizon
  EXPECT_LE(nearHorizon, 6u) << "the far rows are thinned out";
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
