// `terrabrief render` on the default scene: a real PNG of the asked size with the text chunks
// that say what it shows, and --camera that round-trips through the PNG's Camera chunk.
#include <gtest/gtest.h>

#include <cstdlib>
#include <map>
#include <sstream>

#include "CliRun.h"
#include "core/PngFile.h"

namespace tb::clitest {
namespace {

std::map<std::string, std::string> textChunks(const PngContents& png) {
  std::map<std::string, std::string> m;
  for (const auto& [k, v] : png.text) m[k] = v;
  return m;
}

std::vector<double> splitNumbers(const std::string& text) {
  std::vector<double> v;
  std::stringstream in(text);
  for (std::string item; std::getline(in, item, ',');) v.push_back(std::strtod(item.c_str(), nullptr));
  return v;
}

TEST(Render, DefaultSceneWritesPngWithTextChunks) {
  ScratchDir cwd("render");
  const RunResult r = runTerrabrief({"render", "--size", "160x90"}, {cwd.path()});
  ASSERT_EQ(r.exitCode, 0) << describe(r);
  EXPECT_TRUE(r.err.empty()) << r.err;
  // The default name, and nothing else (no temporary file) in the directory.
  ASSERT_EQ(listDir(cwd.path()), std::vector<std::string>{"terrabrief-kyongsong-overview.png"});
  const fs::path png = cwd / "terrabrief-kyongsong-overview.png";
  EXPECT_EQ(r.out, fs::absolute(png).lexically_normal().string() + "\n");

  const PngContents contents = readPng(png.string());
  EXPECT_EQ(contents.image.width, 160);
  EXPECT_EQ(contents.image.height, 90);
  auto text = textChunks(contents);
  EXPECT_EQ(text["Software"], std::string("terrabrief ") + TB_VERSION);
  EXPECT_NE(text["Scene"].find("kyongsong.json"), std::string::npos) << text["Scene"];
  EXPECT_EQ(text["View"], "overview");
  EXPECT_EQ(text["Size"], "160x90");
  EXPECT_FALSE(text["Exaggeration"].empty());
  EXPECT_EQ(text["Synthetic"].rfind("yes", 0), 0u) << text["Synthetic"];
  EXPECT_FALSE(text["Renderer"].empty());
  const std::vector<double> camera = splitNumbers(text["Camera"]);
  ASSERT_EQ(camera.size(), 5u) << text["Camera"];
  // The overview camera stands south of the area looking north and down.
  EXPECT_GT(camera[0], 40.5);
  EXPECT_LT(camera[0], 41.75);
  EXPECT_GT(camera[1], 129.3);
  EXPECT_LT(camera[1], 130.0);
  EXPECT_LT(camera[4], 0.0);

  // Not blank: a rendered landscape has many distinct colours.
  std::map<std::uint32_t, int> colours;
  for (std::size_t i = 0; i + 3 < contents.image.pixels.size(); i += 4)
    colours[contents.image.pixels[i] << 16 | contents.image.pixels[i + 1] << 8 | contents.image.pixels[i + 2]]++;
  EXPECT_GT(colours.size(), 50u);
}

TEST(Render, CameraArgumentRoundTripsThroughPngText) {
  ScratchDir cwd("camera");
  const RunResult r = runTerrabrief(
      {"render", "--camera", "41.60,129.70,3000,300,-25", "--size", "96x64", "--no-labels", "--out", "cam.png"},
      {cwd.path()});
  ASSERT_EQ(r.exitCode, 0) << describe(r);
  auto text = textChunks(readPng((cwd / "cam.png").string()));
  EXPECT_EQ(text["View"], "camera");
  const std::vector<double> camera = splitNumbers(text["Camera"]);
  ASSERT_EQ(camera.size(), 5u) << text["Camera"];
  EXPECT_NEAR(camera[0], 41.60, 1e-5);
  EXPECT_NEAR(camera[1], 129.70, 1e-5);
  EXPECT_NEAR(camera[2], 3000.0, 0.5);
  EXPECT_NEAR(camera[3], 300.0, 0.05);
  EXPECT_NEAR(camera[4], -25.0, 0.01);
}

TEST(Render, UnknownViewNamesTheSceneFile) {
  ScratchDir cwd("view");
  const RunResult r = runTerrabrief({"render", "--view", "nowhere", "--size", "64x48", "--out", "x.png"}, {cwd.path()});
  expectOneLineError(r, "kyongsong.json");
  EXPECT_NE(r.err.find("nowhere"), std::string::npos);
  EXPECT_TRUE(listDir(cwd.path()).empty());
}

TEST(Render, UnknownSiteNamesTheSceneFile) {
  ScratchDir cwd("site");
  const RunResult r = runTerrabrief({"render", "--site", "no-such-site", "--size", "64x48", "--out", "x.png"},
                                    {cwd.path()});
  expectOneLineError(r, "kyongsong.json");
  EXPECT_TRUE(listDir(cwd.path()).empty());
}

}  // namespace
}  // namespace tb::clitest
