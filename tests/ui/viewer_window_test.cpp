// The viewer in a real X window (ctest runs this under `xvfb-run -a`): real X input through
// xdotool (drag, wheel, a click on the compass, keys, a click in the Sites list, F12, the Layers
// panel's order arrows), checked against captures of the screen and the viewer's log
// (TB_LOG=debug).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <regex>
#include <string>

#include "SmallScene.h"
#include "WindowTest.h"
#include "XDriver.h"

namespace tb::uitest {
namespace {

class ViewerWindowTest : public WindowTest {
 protected:
  ViewerWindowTest() : WindowTest("ui-viewer") {}
};

Rect parseRect(const std::vector<std::string>& g) {
  return {0, std::stoi(g[1]), std::stoi(g[2]), std::stoi(g[3])};
}

TEST_F(ViewerWindowTest, DragWheelKeysSiteClickAndF12) {
  ViewerProcess viewer(TB_BINARY, dir_, {"view", "--size", "1280x720", "--exit-after", "240"});
  ASSERT_TRUE(viewer.waitForLog("first full-detail frame", std::chrono::seconds(90))) << viewer.log();
  const auto viewGroups = viewer.waitForLog(R"(3D view at 0,(\d+) size (\d+)x(\d+))", std::chrono::seconds(5));
  ASSERT_TRUE(viewGroups) << viewer.log();
  const Rect view = parseRect(*viewGroups);
  ASSERT_GT(view.w, 400);
  ASSERT_GT(view.h, 300);
  const auto window = findWindow("terrabrief");
  ASSERT_TRUE(window) << "no terrabrief window on the display";
  const std::string wid = window->id;
  auto at = [&](int x, int y) { return "mousemove --window " + wid + " " + std::to_string(x) + " " + std::to_string(y); };
  xdo("windowfocus --sync " + wid);  // keys go to the focused window; there is no window manager
  // Park the pointer over the sidebar so no tooltip covers the view.
  const int sideX = view.w + (window->width - view.w) / 2;
  xdo(at(sideX, window->height - 5));
  const ImageRGBA start = captureStable(*window, dir_, std::chrono::seconds(20));
  ASSERT_EQ(start.width, window->width);

  // Left-drag rotates: the view changes.
  const int cx = view.w / 2, cy = view.y + view.h / 2;
  // Paced like a hand (a llvmpipe frame can take half a second under load), so each step is an
  // event of its own rather than a burst the X server may deliver out of step with the pointer.
  const std::string pause = " sleep 0.4 ";
  xdo(at(cx, cy) + pause + "mousedown 1" + pause + at(cx + 40, cy + 5) + pause + at(cx + 120, cy + 10) + pause +
      at(cx + 200, cy + 20) + pause + "mouseup 1");
  xdo(at(sideX, window->height - 5));
  const ImageRGBA dragged = captureStable(*window, dir_, std::chrono::seconds(20));
  EXPECT_GT(meanDifference(start, dragged, view), 4.0) << "dragging in the 3D view did not change it";

  // The wheel zooms toward the cursor: the view changes again.
  xdo(at(cx, cy) + pause + "click --repeat 3 --delay 300 4");
  xdo(at(sideX, window->height - 5));
  const ImageRGBA zoomed = captureStable(*window, dir_, std::chrono::seconds(20));
  EXPECT_GT(meanDifference(dragged, zoomed, view), 4.0) << "the wheel did not zoom";
  writePng((dir_ / "1-start.png").string(), start);  // kept (with the log) when a check fails
  writePng((dir_ / "2-dragged.png").string(), dragged);
  writePng((dir_ / "3-zoomed.png").string(), zoomed);

  // The compass is the renderer's north arrow: a click on it turns the dragged view to face north.
  const auto compass = viewer.waitForLog(R"(compass at (\d+),(\d+) size (\d+)x(\d+))", std::chrono::seconds(5));
  ASSERT_TRUE(compass) << viewer.log();
  const int compassX = std::stoi((*compass)[1]) + std::stoi((*compass)[3]) / 2;
  const int compassY = std::stoi((*compass)[2]) + std::stoi((*compass)[4]) / 2;
  EXPECT_LT(compassX, view.w) << "the compass should be in the 3D view";
  EXPECT_GT(compassY, view.y);
  xdo(at(compassX, compassY) + pause + "click 1");
  const auto turning = viewer.waitForLog(R"(turning to face north from heading ([\d.]+))", std::chrono::seconds(10));
  ASSERT_TRUE(turning) << "clicking the compass did nothing\n" << viewer.log();
  auto offNorth = [](double heading) { return std::min(heading, 360.0 - heading); };
  EXPECT_GT(offNorth(std::stod((*turning)[1])), 5.0) << "the drag should have turned the view away from north";
  const auto facing = viewer.waitForLog(R"(facing north, heading ([\d.]+))", std::chrono::seconds(30));
  ASSERT_TRUE(facing) << viewer.log();
  EXPECT_LT(offNorth(std::stod((*facing)[1])), 1.0);
  xdo(at(sideX, window->height - 5));

  // Home flies back to the overview: close to the start again, far from the zoomed view.
  xdo("windowfocus --sync " + wid);
  xdo("key Home");
  const ImageRGBA home = captureStable(*window, dir_, std::chrono::seconds(30));
  EXPECT_LT(meanDifference(start, home, view), meanDifference(zoomed, home, view) * 0.5)
      << "Home did not return to the overview";

  // Click Kyongsong Castle in the Sites list: selected (log), card shown (sidebar changes), flown to.
  const auto row = viewer.waitForLog(R"re(site row "kyongsong-castle" at (\d+),(\d+))re", std::chrono::seconds(5));
  ASSERT_TRUE(row) << viewer.log();
  const Rect sidebar{view.w, view.y, window->width - view.w, view.h};
  xdo(at(std::stoi((*row)[1]), std::stoi((*row)[2])) + pause + "click 1");
  EXPECT_TRUE(viewer.waitForLog(R"(selected site "kyongsong-castle")", std::chrono::seconds(10))) << viewer.log();
  xdo(at(sideX, window->height - 5));
  const ImageRGBA selected = captureStable(*window, dir_, std::chrono::seconds(30));
  const Rect cardArea{sidebar.x, sidebar.y, sidebar.w, sidebar.h / 3};
  EXPECT_GT(meanDifference(home, selected, cardArea), 8.0) << "no site card appeared at the top of the sidebar";
  EXPECT_GT(meanDifference(home, selected, view), 4.0) << "selecting the site did not fly to it";
  writePng((dir_ / "selected.png").string(), selected);

  // F12: a PNG of the 3D view (no panels) at the view's framebuffer size, in ./screenshots.
  xdo("key F12");
  const auto saved = viewer.waitForLog(R"(Screenshot (\d+)x(\d+) saved to (\S+\.png))", std::chrono::seconds(60));
  ASSERT_TRUE(saved) << viewer.log();
  const fs::path png = (*saved)[3];
  EXPECT_EQ(png.parent_path().filename(), "screenshots");
  EXPECT_TRUE(std::regex_match(png.filename().string(), std::regex(R"(terrabrief-\d{8}-\d{6}(-\d+)?\.png)")))
      << png;
  const PngContents shot = readPng(png.string());
  EXPECT_EQ(shot.image.width, view.w);  // Xvfb: one pixel per screen unit
  EXPECT_EQ(shot.image.height, view.h);
  EXPECT_EQ(std::to_string(shot.image.width), (*saved)[1]);
  // The same picture as the window's 3D view, without ImGui: compare the top-left quarter (no
  // compass, notice or tooltip there).
  ImageRGBA onScreen(view.w, view.h);
  for (int y = 0; y < view.h; ++y)
    for (int x = 0; x < view.w; ++x) std::copy(selected.at(x, view.y + y), selected.at(x, view.y + y) + 4, onScreen.at(x, y));
  EXPECT_LT(meanDifference(shot.image, onScreen, {0, 0, view.w / 2, view.h / 2}), 6.0)
      << "the screenshot does not show the window's view";
  bool synthetic = false;
  for (const auto& [k, v] : shot.text) synthetic |= k == "Synthetic" && v.rfind("yes", 0) == 0;
  EXPECT_TRUE(synthetic) << "the PNG does not record that the data is synthetic";

  // Ctrl+Q quits cleanly; nothing but the log and the screenshots is left behind.
  xdo("key ctrl+q");
  EXPECT_EQ(viewer.waitExit(std::chrono::seconds(20)), 0) << viewer.log();
  EXPECT_FALSE(fs::exists(dir_ / "imgui.ini"));
}

// A small scene with two solid-colour imagery layers, red first (bottom) and blue over it.
fs::path writeTwoLayerScene(const fs::path& dir) {
  const std::pair<const char*, const char*> layers[] = {{"red", "-burn 210 -burn 30 -burn 30"},
                                                         {"blue", "-burn 30 -burn 30 -burn 210"}};
  for (const auto& [name, rgb] : layers)
    if (!shell(std::string("gdal_create -q -of GTiff -outsize 16 16 -bands 3 -ot Byte ") + rgb +
               " -a_srs EPSG:4326 -a_ullr 129.3 41.8 129.9 41.3 " + (dir / (std::string(name) + ".tif")).string()))
      return {};
  return writeScene(dir, "two layers", R"([{"name": "red", "path": "red.tif"}, {"name": "blue", "path": "blue.tif"}])");
}

// Clearly red and clearly blue pixels in a rectangle.
std::pair<int, int> redAndBlue(const ImageRGBA& img, Rect r) {
  int red = 0, blue = 0;
  for (int y = r.y; y < r.y + r.h; ++y)
    for (int x = r.x; x < r.x + r.w; ++x) {
      const std::uint8_t* p = img.at(x, y);
      red += p[0] > p[2] + 50;
      blue += p[2] > p[0] + 50;
    }
  return {red, blue};
}

// The Layers panel's arrows reorder the imagery, and the 3D view follows: with blue on top the
// land is blue; one click on blue's down arrow puts red on top.
TEST_F(ViewerWindowTest, LayersPanelArrowsReorderTheImagery) {
  const fs::path scene = writeTwoLayerScene(dir_);
  if (scene.empty()) GTEST_SKIP() << "gdal_translate and gdal_create (gdal-bin) are needed to make the test scene";
  ViewerProcess viewer(TB_BINARY, dir_,
                       {"view", "--scene", scene.string(), "--size", "1000x640", "--exit-after", "180"});
  ASSERT_TRUE(viewer.waitForLog("first full-detail frame", std::chrono::seconds(90))) << viewer.log();
  const auto viewGroups = viewer.waitForLog(R"(3D view at 0,(\d+) size (\d+)x(\d+))", std::chrono::seconds(5));
  ASSERT_TRUE(viewGroups) << viewer.log();
  const Rect view = parseRect(*viewGroups);
  const Rect ground{0, view.y + view.h / 2, view.w, view.h / 2};  // below the horizon at pitch -60
  const auto window = findWindow("terrabrief");
  ASSERT_TRUE(window) << "no terrabrief window on the display";
  const std::string wid = window->id;
  auto at = [&](int x, int y) {
    return "mousemove --window " + wid + " " + std::to_string(x) + " " + std::to_string(y);
  };
  auto park = [&] { xdo(at(view.w + (window->width - view.w) / 2, window->height - 5)); };
  const std::string pause = " sleep 0.4 ";

  const auto header = viewer.waitForLog(R"(ui: layers header at (\d+),(\d+))", std::chrono::seconds(5));
  ASSERT_TRUE(header) << viewer.log();
  xdo(at(std::stoi((*header)[1]), std::stoi((*header)[2])) + pause + "click 1");
  const auto down = viewer.waitForLog(R"re(ui: imagery down "blue" at (\d+),(\d+))re", std::chrono::seconds(10));
  ASSERT_TRUE(down) << "the Layers section did not open\n" << viewer.log();
  park();
  const ImageRGBA blueTop = captureStable(*window, dir_, std::chrono::seconds(20));
  writePng((dir_ / "layers-blue-top.png").string(), blueTop);
  const auto [red1, blue1] = redAndBlue(blueTop, ground);

  xdo(at(std::stoi((*down)[1]), std::stoi((*down)[2])) + pause + "click 1");
  EXPECT_TRUE(viewer.waitForLog("ui: imagery drawn bottom to top: blue, red", std::chrono::seconds(10)))
      << viewer.log();
  park();
  const ImageRGBA redTop = captureStable(*window, dir_, std::chrono::seconds(20));
  writePng((dir_ / "layers-red-top.png").string(), redTop);
  const auto [red2, blue2] = redAndBlue(redTop, ground);

  // Sea, haze and shading aside, the land takes the top layer's colour.
  const int pixels = ground.w * ground.h;
  EXPECT_GT(blue1, pixels / 4) << "blue is on top: red " << red1 << ", blue " << blue1 << " of " << pixels;
  EXPECT_LT(red1, pixels / 50);
  EXPECT_GT(red2, pixels / 4) << "red is on top: red " << red2 << ", blue " << blue2 << " of " << pixels;
  EXPECT_LT(blue2, blue1 / 2);

  xdo("windowfocus --sync " + wid);
  xdo("key ctrl+q");
  EXPECT_EQ(viewer.waitExit(std::chrono::seconds(20)), 0) << viewer.log();
}

TEST_F(ViewerWindowTest, ScreenshotIntoUnwritableFolderIsAMessageNotACrash) {
  // A file where the screenshots folder should be: creating the folder fails.
  { std::ofstream(dir_ / "screenshots") << "not a folder"; }
  ViewerProcess viewer(TB_BINARY, dir_, {"view", "--size", "900x600", "--exit-after", "120"});
  ASSERT_TRUE(viewer.waitForLog("first full-detail frame", std::chrono::seconds(90))) << viewer.log();
  const auto window = findWindow("terrabrief");
  ASSERT_TRUE(window);
  xdo("windowfocus --sync " + window->id);
  xdo("key F12");
  EXPECT_TRUE(viewer.waitForLog("Screenshot failed: .*screenshots", std::chrono::seconds(30))) << viewer.log();
  EXPECT_FALSE(viewer.hasExited()) << "the viewer died on a failed screenshot";
  xdo("key ctrl+q");
  EXPECT_EQ(viewer.waitExit(std::chrono::seconds(20)), 0) << viewer.log();
}

}  // namespace
}  // namespace tb::uitest
