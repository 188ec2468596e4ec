// `terrabrief render` on the default scene: a real PNG of the asked size with the text chunks
// that say what it shows, and --camera that round-trips through the PNG's Camera chunk.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "CliRun.h"
#include "core/PngFile.h"

namespace tb::clitest {
namespace {

std::map<std::string, std::string> textChunks(const PngContents& png) {
  std::map<std::string, std::string> m;
  for (const auto& [k, v] : png.text) m[k] = v;
  return m;
}

double greatCircleMetres(double lat0, double lon0, double lat1, double lon1) {
  const double r = M_PI / 180.0;
  const double a = std::pow(std::sin((lat1 - lat0) * r / 2), 2) +
                   std::cos(lat0 * r) * std::cos(lat1 * r) * std::pow(std::sin((lon1 - lon0) * r / 2), 2);
  return 2 * 6371000.0 * std::asin(std::sqrt(a));
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
  // The camera is the scene's overview view: same heading and pitch, and its eye as far from the
  // looked-at point (horizontally) as range * cos(pitch) says, measured on the sphere.
  const nlohmann::json sceneFile = nlohmann::json::parse(readFile(defaultSceneDir() / "kyongsong.json"));
  const nlohmann::json* overview = nullptr;
  for (const auto& v : sceneFile.at("views"))
    if (v.at("name") == "overview") overview = &v;
  ASSERT_NE(overview, nullptr);
  ASSERT_TRUE(overview->contains("lookAt"));
  const double heading = overview->at("heading"), pitch = overview->at("pitch"), range = overview->at("range");
  EXPECT_NEAR(camera[3], std::fmod(heading + 360.0, 360.0), 0.5);  // true north at the eye vs at the target
  EXPECT_NEAR(camera[4], pitch, 0.01);
  const double lat0 = overview->at("lookAt").at("lat"), lon0 = overview->at("lookAt").at("lon");
  const double distance = greatCircleMetres(lat0, lon0, camera[0], camera[1]);
  EXPECT_NEAR(distance, range * std::cos(pitch * M_PI / 180.0), 0.01 * range);

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

TEST(Render, NoPinsHidesThePinsThatNoLabelsLeaves) {
  // Issue 12, item 8: --no-labels hides labels only; --no-pins hides the pins too.
  ScratchDir cwd("pins");
  auto render = [&](std::vector<std::string> extra, const std::string& out) {
    std::vector<std::string> args{"render", "--site", "kyongsong-castle", "--size", "200x120", "--no-labels", "--out", out};
    args.insert(args.end(), extra.begin(), extra.end());
    const RunResult r = runTerrabrief(args, {cwd.path()});
    EXPECT_EQ(r.exitCode, 0) << describe(r);
    return readPng((cwd / out).string()).image;
  };
  const ImageRGBA pins = render({}, "pins.png"), none = render({"--no-pins"}, "none.png");
  std::size_t differing = 0;
  for (std::size_t i = 0; i < pins.pixels.size(); i += 4)
    differing += pins.pixels[i] != none.pixels[i] || pins.pixels[i + 1] != none.pixels[i + 1];
  EXPECT_GT(differing, 20u);      // the castle's pin, looked at from 3 km
  EXPECT_LT(differing, 2000u);    // and nothing else
  const ImageRGBA wide = render({"--no-pins", "--fov", "70"}, "wide.png");
  std::size_t changed = 0;
  for (std::size_t i = 0; i < wide.pixels.size(); i += 4) changed += wide.pixels[i] != none.pixels[i];
  EXPECT_GT(changed, wide.pixels.size() / 8);  // a wider view of the same place
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

namespace tb::clitest {
namespace {

// The second render of a scene takes its LOD tables and texture pyramids from the derived-data
// cache: the picture must not change, and an unusable cache must not be an error.
TEST(Render, CachedDerivedDataRendersTheSamePicture) {
  ScratchDir cwd("render-cache");
  const fs::path cache = cwd / "cache";
  RunOptions options(cwd.path());
  options.env["TERRABRIEF_CACHE_DIR"] = cache.string();
  const std::vector<std::string> args = {"render", "--size", "480x270", "--out"};
  auto withOut = [&](const std::string& name) {
    std::vector<std::string> a = args;
    a.push_back((cwd / name).string());
    return a;
  };
  const RunResult first = runTerrabrief(withOut("first.png"), options);
  ASSERT_EQ(first.exitCode, 0) << describe(first);
  EXPECT_EQ(listDir(cache).size(), 3u) << "LOD tables, gradient pyramid, imagery mip levels";
  const RunResult second = runTerrabrief(withOut("second.png"), options);
  ASSERT_EQ(second.exitCode, 0) << describe(second);
  EXPECT_EQ(readPng((cwd / "first.png").string()).image.pixels, readPng((cwd / "second.png").string()).image.pixels);

  options.env["TERRABRIEF_CACHE_DIR"] = (cwd / "first.png" / "not-a-directory").string();
  const RunResult unusable = runTerrabrief(withOut("third.png"), options);
  ASSERT_EQ(unusable.exitCode, 0) << describe(unusable);
  EXPECT_TRUE(unusable.err.empty()) << unusable.err;
  EXPECT_EQ(readPng((cwd / "first.png").string()).image.pixels, readPng((cwd / "third.png").string()).image.pixels);
}

}  // namespace
}  // namespace tb::clitest
