// Files in a real X window (ctest runs this under `xvfb-run -a`). xdotool cannot drop files, so
// the drops go through `--test-drop FILE`, which hands them to the same handler as GLFW's drop
// callback (ViewerSession::filesDropped). A dropped GeoTIFF becomes an imagery layer, listed in
// the Layers panel and drawn; an unreadable file is refused with a message and nothing lost;
// "Save to the scene file" writes the layer into the scene; a scene that cannot load leaves the
// viewer running; a dropped GeoJSON becomes an overlay layer; File > Open from the folder list with
// that layer unsaved asks first: Cancel keeps the scene and the layer, Discard opens the other
// scene in the same window, which is then among the recent files.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <string>

#include "SmallScene.h"
#include "WindowTest.h"
#include "XDriver.h"

namespace tb::uitest {
namespace {

class FilesWindowTest : public WindowTest {
 protected:
  FilesWindowTest() : WindowTest("ui-files") {}
};

std::pair<int, int> point(const std::vector<std::string>& g) { return {std::stoi(g[1]), std::stoi(g[2])}; }

// How many pixels of a rectangle pass `test` (an RGBA pixel).
template <typename Test>
int countPixels(const ImageRGBA& img, int x0, int y0, int w, int h, Test test) {
  int hits = 0;
  for (int y = y0; y < y0 + h && y < img.height; ++y)
    for (int x = x0; x < x0 + w && x < img.width; ++x) hits += test(img.at(x, y));
  return hits;
}

// The share of the garish magenta the dropped raster is coloured with, in a rectangle.
double magentaShare(const ImageRGBA& img, int x0, int y0, int w, int h) {
  // Shaded and fogged, but still far more red and blue than green.
  const int hits = countPixels(img, x0, y0, w, h, [](const std::uint8_t* p) {
    return p[0] > 90 && p[2] > 90 && p[1] < 0.7 * std::min(p[0], p[2]);
  });
  return w > 0 && h > 0 ? double(hits) / (double(w) * h) : 0.0;
}

// Pixels of the dropped lines' yellow (the overlay colour a dropped vector file gets).
int yellowPixels(const ImageRGBA& img, Rect r) {
  return countPixels(img, r.x, r.y, r.w, r.h, [](const std::uint8_t* p) { return p[0] > 150 && p[1] > 120 && p[2] + 60 < p[1]; });
}

TEST_F(FilesWindowTest, DropFilesOpenFromTheFolderListAndAnswerTheUnsavedQuestion) {
  const fs::path scene = writeScene(dir_);
  if (scene.empty()) GTEST_SKIP() << "gdal_translate (gdal-bin) is needed to make the test scene";
  // The DEM coloured magenta everywhere: an RGB GeoTIFF that is easy to find on screen.
  std::ofstream(dir_ / "colours.txt") << "-1000 255 0 255\n9000 255 0 255\n";
  ASSERT_TRUE(shell("gdaldem color-relief -q " + (dir_ / "dem.tif").string() + " " + (dir_ / "colours.txt").string() +
                    " " + (dir_ / "relief.tif").string()));
  std::ofstream(dir_ / "notes.txt") << "not data\n";
  const std::string config = (dir_ / "config").string();
  ::setenv("XDG_CONFIG_HOME", config.c_str(), 1);  // the recent files go here, not into the home

  std::vector<std::string> args{"view", "--scene", scene.string(), "--size", "1000x640", "--exit-after", "200",
                                "--test-drop", (dir_ / "relief.tif").string(), "--test-drop", (dir_ / "notes.txt").string()};
  auto viewer = std::make_unique<ViewerProcess>(TB_BINARY, dir_, args);
  ASSERT_TRUE(viewer->waitForLog("first full-detail frame", std::chrono::seconds(90))) << viewer->log();
  ASSERT_TRUE(viewer->waitForLog(R"(viewer: added imagery layer "relief")", std::chrono::seconds(60))) << viewer->log();
  EXPECT_TRUE(viewer->waitForLog(R"(Cannot open .*notes\.txt: not a scene, a briefing, or raster or vector data)",
                                 std::chrono::seconds(10)))
      << viewer->log();
  const auto viewGroups = viewer->waitForLog(R"(3D view at 0,(\d+) size (\d+)x(\d+))", std::chrono::seconds(5));
  ASSERT_TRUE(viewGroups);
  const int viewTop = std::stoi((*viewGroups)[1]), viewW = std::stoi((*viewGroups)[2]), viewH = std::stoi((*viewGroups)[3]);
  const auto window = findWindow("terrabrief");
  ASSERT_TRUE(window);
  const std::string wid = window->id;
  auto at = [&](std::pair<int, int> p) {
    return "mousemove --window " + wid + " " + std::to_string(p.first) + " " + std::to_string(p.second);
  };
  const std::string pause = " sleep 0.4 ";
  xdo("windowfocus --sync " + wid);
  const std::pair<int, int> park{viewW + (window->width - viewW) / 2, window->height - 5};
  xdo(at(park));
  const ImageRGBA shown = captureStable(*window, dir_, std::chrono::seconds(30));
  writePng((dir_ / "1-dropped-raster.png").string(), shown);
  EXPECT_GT(magentaShare(shown, viewW / 4, viewTop + viewH / 2, viewW / 2, viewH / 3), 0.3)
      << "the dropped raster is not drawn on the terrain";

  // In the Layers panel.
  const auto header = viewer->waitForLog(R"(ui: layers header at (\d+),(\d+))", std::chrono::seconds(10));
  ASSERT_TRUE(header) << viewer->log();
  xdo(at(point(*header)) + pause + "click 1" + pause);
  EXPECT_TRUE(viewer->waitForLog(R"re(ui: imagery up "relief" at)re", std::chrono::seconds(10))) << viewer->log();

  // Save it into the scene file from the File window.
  const auto fileButton = viewer->waitForLog(R"(ui: file button at (\d+),(\d+))", std::chrono::seconds(10));
  ASSERT_TRUE(fileButton) << viewer->log();
  xdo(at(point(*fileButton)) + pause + "click 1" + pause);
  const auto save = viewer->waitForLog(R"(ui: save layers button at (\d+),(\d+))", std::chrono::seconds(10));
  ASSERT_TRUE(save) << viewer->log();
  xdo(at(point(*save)) + pause + "click 1" + pause);
  ASSERT_TRUE(viewer->waitForLog("Saved 1 layer to", std::chrono::seconds(10))) << viewer->log();
  const std::string written = readFile(scene);
  EXPECT_NE(written.find(R"("path": "relief.tif")"), std::string::npos) << written;
  EXPECT_NE(written.find(R"("categories")"), std::string::npos) << "other keys were lost\n" << written;
  xdo("key ctrl+q");
  ASSERT_EQ(viewer->waitExit(std::chrono::seconds(20)), 0) << viewer->log();

  // A second scene (the first one's layer is now part of its file), and one whose DEM is missing.
  std::string other = readFile(scene);
  other.replace(other.find("\"authoring\""), 11, "\"other one\"");
  std::string broken = other;
  broken.replace(broken.find("\"dem.tif\""), 9, "\"nowhere.tif\"");
  std::ofstream(dir_ / "broken.json") << broken;
  // In a folder of its own (its files one level up), so that the folder list is short.
  for (std::size_t at = other.find("\"path\": \""); at != std::string::npos; at = other.find("\"path\": \"", at + 1))
    other.insert(at + 9, "../");
  fs::create_directories(dir_ / "other");
  std::ofstream(dir_ / "other" / "other.json") << other;
  // Vector data: a cross of two test lines through the middle of the view (not real places).
  std::ofstream(dir_ / "lines.geojson") << R"({"type": "FeatureCollection", "features": [
  {"type": "Feature", "properties": {}, "geometry": {"type": "LineString", "coordinates": [[129.47, 41.56], [129.77, 41.56]]}},
  {"type": "Feature", "properties": {}, "geometry": {"type": "LineString", "coordinates": [[129.62, 41.45], [129.62, 41.67]]}}]})";
  // The broken scene dropped first cannot open, and the viewer carries on; the GeoJSON dropped
  // then becomes an overlay layer, drawn and listed, and not yet saved.
  args = {"view", "--scene", scene.string(), "--size", "1000x640", "--exit-after", "90",
          "--test-drop", (dir_ / "broken.json").string(), "--test-drop", (dir_ / "lines.geojson").string()};
  fs::remove(dir_ / "viewer.log");  // so that nothing is found in the first run's log
  viewer = std::make_unique<ViewerProcess>(TB_BINARY, dir_, args);
  ASSERT_TRUE(viewer->waitForLog(R"(viewer: added overlay layer "lines")", std::chrono::seconds(120))) << viewer->log();
  EXPECT_TRUE(viewer->waitForLog(R"(Could not open it \(the scene shown stays open\): .*nowhere\.tif)", std::chrono::seconds(5)))
      << viewer->log();
  const auto window2 = findWindow("terrabrief — authoring");
  ASSERT_TRUE(window2) << "the first scene's window";
  const std::string wid2 = window2->id;
  auto at2 = [&](std::pair<int, int> p) {
    return "mousemove --window " + wid2 + " " + std::to_string(p.first) + " " + std::to_string(p.second);
  };
  auto click = [&](const std::string& logPattern) {
    const auto pos = viewer->waitForLog(logPattern + R"( at (\d+),(\d+))", std::chrono::seconds(10));
    if (pos) xdo(at2(point(*pos)) + pause + "click 1" + pause);
    return pos.has_value();
  };
  const Rect view{viewW / 8, viewTop + viewH / 8, viewW * 3 / 4, viewH * 3 / 4};
  auto linesDrawn = [&](const std::string& name) {
    xdo(at2(park));
    const ImageRGBA shot = captureStable(*window2, dir_, std::chrono::seconds(30));
    writePng((dir_ / (name + ".png")).string(), shot);
    return yellowPixels(shot, view);
  };
  EXPECT_GT(linesDrawn("2-dropped-lines"), 300) << "the dropped lines are not drawn";
  ASSERT_TRUE(click(R"(ui: layers header)")) << viewer->log();
  EXPECT_TRUE(viewer->waitForLog(R"(ui: overlay "lines" at)", std::chrono::seconds(10))) << viewer->log();

  // File > Open, other.json picked from the folder list: first Cancel (the scene stays, with its
  // unsaved layer), then Discard (the other scene opens in the same window, without it).
  ASSERT_TRUE(click(R"(ui: file button)")) << viewer->log();
  ASSERT_TRUE(click(R"(ui: file entry "other")")) << viewer->log();  // into the folder
  ASSERT_TRUE(click(R"(ui: file entry "other.json")")) << viewer->log();
  ASSERT_TRUE(click(R"(ui: open file button)")) << viewer->log();
  ASSERT_TRUE(viewer->waitForLog(R"(viewer: unsaved changes: asking before opening .*other\.json)", std::chrono::seconds(10)))
      << viewer->log();
  ASSERT_TRUE(click(R"(ui: cancel before opening button)")) << viewer->log();
  ASSERT_TRUE(viewer->waitForLog("viewer: unsaved changes before opening: cancel", std::chrono::seconds(10)))
      << viewer->log();
  EXPECT_TRUE(findWindow("terrabrief — authoring").has_value()) << "Cancel did not keep the scene";
  ASSERT_TRUE(click(R"(ui: file button)")) << viewer->log();  // File > Open out of the way
  EXPECT_GT(linesDrawn("3-cancelled"), 300) << "Cancel lost the added layer";
  ASSERT_TRUE(click(R"(ui: file button)")) << viewer->log();  // and back, other.json still chosen
  ASSERT_TRUE(click(R"(ui: open file button)")) << viewer->log();
  ASSERT_TRUE(click(R"(ui: discard before opening button)")) << viewer->log();
  ASSERT_TRUE(viewer->waitForLog("viewer: switched to .*other.json", std::chrono::seconds(120))) << viewer->log();
  EXPECT_TRUE(findWindow("terrabrief — other one").has_value()) << "the window's title did not follow the scene";
  EXPECT_LT(linesDrawn("4-discarded"), 30) << "the discarded layer is still drawn";
  EXPECT_EQ(readFile(scene).find("lines.geojson"), std::string::npos) << "Discard wrote the layer";
  const std::string recent = readFile(fs::path(config) / "terrabrief" / "recent.json");
  EXPECT_NE(recent.find("other.json"), std::string::npos) << recent;
  xdo("key ctrl+q");
  EXPECT_EQ(viewer->waitExit(std::chrono::seconds(30)), 0) << viewer->log();
  ::unsetenv("XDG_CONFIG_HOME");
}

}  // namespace
}  // namespace tb::uitest
