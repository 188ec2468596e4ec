// The analysis tools in a real X window (ctest runs this under `xvfb-run -a`): measure a distance
// by clicking two points on the terrain, then draw a profile and hover its chart; a line of sight
// and a viewshed computed while frames keep coming. All through xdotool, checked against the
// viewer's log (TB_LOG=debug) and captures of the screen.
#include <gtest/gtest.h>

#include <algorithm>
#include <regex>
#include <string>

#include "WindowTest.h"
#include "XDriver.h"

namespace tb::uitest {
namespace {

class AnalysisWindowTest : public WindowTest {
 protected:
  AnalysisWindowTest() : WindowTest("ui-analysis") {}

  // What both tests begin with: the viewer's first full-detail frame, where its 3D view lies, its
  // window focused, and the Analysis section opened.
  void openAnalysis(ViewerProcess& viewer) {
    ASSERT_TRUE(viewer.waitForLog("first full-detail frame", std::chrono::seconds(90))) << viewer.log();
    const auto viewGroups = viewer.waitForLog(R"(3D view at 0,(\d+) size (\d+)x(\d+))", std::chrono::seconds(5));
    ASSERT_TRUE(viewGroups) << viewer.log();
    view = {0, std::stoi((*viewGroups)[1]), std::stoi((*viewGroups)[2]), std::stoi((*viewGroups)[3])};
    window = findWindow("terrabrief");
    ASSERT_TRUE(window) << "no terrabrief window on the display";
    xdo("windowfocus --sync " + window->id);
    const auto header = viewer.waitForLog(R"(ui: analysis header at (\d+),(\d+))", std::chrono::seconds(10));
    ASSERT_TRUE(header) << viewer.log();
    clickItem(header);
  }
  std::string at(int x, int y) const {
    return "mousemove --window " + window->id + " " + std::to_string(x) + " " + std::to_string(y);
  }
  void clickItem(const std::optional<std::vector<std::string>>& item) const {
    xdo(at(std::stoi((*item)[1]), std::stoi((*item)[2])) + " sleep 0.4 click 1");
  }

  Rect view{};
  std::optional<WindowGeometry> window;
  const std::string pause = " sleep 0.5 ";
};

// Pixels of the measuring colour (amber: strong red and green, little blue) inside `r`.
int amberPixels(const ImageRGBA& img, const Rect& r) {
  int n = 0;
  for (int y = r.y; y < r.y + r.h && y < img.height; ++y)
    for (int x = r.x; x < r.x + r.w && x < img.width; ++x) {
      const std::uint8_t* p = img.at(x, y);
      if (p[0] > 220 && p[1] > 170 && p[2] < 90) ++n;
    }
  return n;
}

TEST_F(AnalysisWindowTest, MeasureADistanceThenProfileAPathAndHoverItsChart) {
  ViewerProcess viewer(TB_BINARY, dir_, {"view", "--size", "1280x720", "--exit-after", "240"});
  openAnalysis(viewer);
  if (HasFatalFailure()) return;
  const auto measure = viewer.waitForLog(R"re(ui: analysis tool "Measure" at (\d+),(\d+))re", std::chrono::seconds(10));
  ASSERT_TRUE(measure) << "the Analysis section did not open\n" << viewer.log();
  clickItem(measure);
  ASSERT_TRUE(viewer.waitForLog("viewer: analysis tool measure", std::chrono::seconds(10))) << viewer.log();

  // Two clicks on the ground in the lower half of the view (the overview looks down on the plain).
  const int y = view.y + view.h * 3 / 4, x1 = view.w / 3, x2 = view.w * 2 / 3;
  xdo(at(x1, y) + pause + "click 1" + pause + at(x2, y) + pause + "click 1" + pause + at(x2, y - 40));
  ASSERT_TRUE(viewer.waitForLog("viewer: measure point 2 placed", std::chrono::seconds(20))) << viewer.log();
  xdo("key Return");
  const auto measured = viewer.waitForLog(R"(viewer: measure computed: ([\d.]+) (k?m))", std::chrono::seconds(20));
  ASSERT_TRUE(measured) << viewer.log();
  const double metres = std::stod((*measured)[1]) * ((*measured)[2] == "km" ? 1000.0 : 1.0);
  EXPECT_GT(metres, 500.0) << "two points a third of the view apart";
  EXPECT_LT(metres, 100000.0);
  xdo(at(view.w + 20, window->height - 5));  // park the pointer on the panel
  const ImageRGBA shot = captureStable(*window, dir_, std::chrono::seconds(30));
  writePng((dir_ / "measure.png").string(), shot);
  EXPECT_GT(amberPixels(shot, {0, y - 30, view.w, 60}), 100) << "the measured line is drawn across the view";

  // Profile along the same two points: the chart appears in the panel, hovering it logs the place.
  const auto profile = viewer.waitForLog(R"re(ui: analysis tool "Profile" at (\d+),(\d+))re", std::chrono::seconds(10));
  ASSERT_TRUE(profile) << viewer.log();
  clickItem(profile);
  ASSERT_TRUE(viewer.waitForLog("viewer: analysis tool profile", std::chrono::seconds(10))) << viewer.log();
  xdo(at(x1, y) + pause + "click 1" + pause + at(x2, y) + pause + "click 1" + pause + "key Return");
  ASSERT_TRUE(viewer.waitForLog(R"(viewer: profile computed: \d+ samples)", std::chrono::seconds(30))) << viewer.log();
  const auto chart = viewer.waitForLog(R"(ui: profile chart at (\d+),(\d+))", std::chrono::seconds(10));
  ASSERT_TRUE(chart) << viewer.log();
  xdo(at(std::stoi((*chart)[1]), std::stoi((*chart)[2])));
  const ImageRGBA withChart = captureStable(*window, dir_, std::chrono::seconds(30));
  writePng((dir_ / "profile.png").string(), withChart);

  xdo("windowfocus --sync " + window->id);
  xdo(at(view.w / 2, view.y + 10) + pause + "key ctrl+q");
  EXPECT_EQ(viewer.waitExit(std::chrono::seconds(20)), 0) << viewer.log();
}

// Pixels near a colour (each channel within `tolerance`) inside `r`.
int pixelsNear(const ImageRGBA& img, const Rect& r, int red, int green, int blue, int tolerance) {
  int n = 0;
  for (int y = std::max(0, r.y); y < r.y + r.h && y < img.height; ++y)
    for (int x = std::max(0, r.x); x < r.x + r.w && x < img.width; ++x) {
      const std::uint8_t* p = img.at(x, y);
      if (std::abs(p[0] - red) <= tolerance && std::abs(p[1] - green) <= tolerance && std::abs(p[2] - blue) <= tolerance)
        ++n;
    }
  return n;
}

int countOf(const std::string& text, const std::string& what) {
  int n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST_F(AnalysisWindowTest, LineOfSightThenAViewshedComputedWhileFramesKeepComing) {
  ViewerProcess viewer(TB_BINARY, dir_, {"view", "--size", "1280x720", "--exit-after", "300"});
  openAnalysis(viewer);
  if (HasFatalFailure()) return;

  // Line of sight: an observer on the plain near the bottom of the view, a target far up the view.
  const auto los = viewer.waitForLog(R"re(ui: analysis tool "Line of sight" at (\d+),(\d+))re", std::chrono::seconds(10));
  ASSERT_TRUE(los) << "the Analysis section did not open\n" << viewer.log();
  clickItem(los);
  ASSERT_TRUE(viewer.waitForLog("viewer: analysis tool line of sight", std::chrono::seconds(10))) << viewer.log();
  const int x1 = view.w / 2, y1 = view.y + view.h * 7 / 8, x2 = view.w / 2 + view.w / 8, y2 = view.y + view.h / 3;
  xdo(at(x1, y1) + pause + "click 1" + pause + at(x2, y2) + pause + "click 1");
  const auto sight = viewer.waitForLog(R"(viewer: line of sight computed: (visible|blocked)(, first obstruction at [\d.]+ k?m)?)",
                                       std::chrono::seconds(20));
  ASSERT_TRUE(sight) << viewer.log();
  const bool blocked = (*sight)[1] == "blocked";
  if (blocked) EXPECT_FALSE((*sight)[2].empty()) << "a blocked line names its first obstruction";
  xdo(at(view.w + 20, window->height - 5));  // park the pointer on the panel
  const ImageRGBA losShot = captureStable(*window, dir_, std::chrono::seconds(30));
  writePng((dir_ / "line-of-sight.png").string(), losShot);
  // The sight line's green (kVisible) is drawn up to the obstruction, red (kBlocked) after it.
  const Rect between{std::min(x1, x2) - 20, y2, std::abs(x2 - x1) + 40, y1 - y2};
  EXPECT_GT(pixelsNear(losShot, between, 51, 242, 89, 40), 20) << "the visible part is drawn green";
  if (blocked) EXPECT_GT(pixelsNear(losShot, between, 255, 66, 51, 40), 20) << "the hidden part is drawn red";
  // The panel says it in the same colours: "Target visible" green, "Target hidden" red text.
  const Rect panel{view.w, view.y, window->width - view.w, view.h};
  if (blocked)
    EXPECT_GT(pixelsNear(losShot, panel, 255, 89, 77, 25), 10) << "\"Target hidden\" in the panel";
  else
    EXPECT_GT(pixelsNear(losShot, panel, 77, 255, 102, 25), 10) << "\"Target visible\" in the panel";

  // Viewshed: a 15 km radius typed into its field (about 9 M cells at the DEM's 10 m) so that it
  // takes long enough to see frames drawn while it computes.
  const auto vs = viewer.waitForLog(R"re(ui: analysis tool "Viewshed" at (\d+),(\d+))re", std::chrono::seconds(10));
  ASSERT_TRUE(vs) << viewer.log();
  clickItem(vs);
  ASSERT_TRUE(viewer.waitForLog("viewer: analysis tool viewshed", std::chrono::seconds(10))) << viewer.log();
  const auto radius = viewer.waitForLog(R"(ui: viewshed radius field at (\d+),(\d+))", std::chrono::seconds(10));
  ASSERT_TRUE(radius) << viewer.log();
  clickItem(radius);
  xdo("key --delay 150 ctrl+a BackSpace" + pause + "type --delay 150 15" + pause + "key Return");
  const ImageRGBA before = captureStable(*window, dir_, std::chrono::seconds(30));
  xdo(at(x1, view.y + view.h * 3 / 4) + pause + "click 1");
  ASSERT_TRUE(viewer.waitForLog(R"(viewer: viewshed computing \(15000 m radius\))", std::chrono::seconds(20)))
      << "the typed radius did not reach the viewshed\n" << viewer.log();
  ASSERT_TRUE(viewer.waitForLog(R"(viewer: viewshed computed: \d+ cells visible)", std::chrono::seconds(60)))
      << viewer.log();
  const std::string log = viewer.log();
  const std::size_t from = log.rfind("viewer: viewshed computing");
  const std::size_t to = log.find("viewer: viewshed computed", from);
  const int frames = countOf(log.substr(from, to - from), "viewer: frame while the viewshed computes");
  EXPECT_GE(frames, 3) << "the viewer kept drawing frames while the viewshed was computed";
  xdo(at(view.w + 20, window->height - 5));
  const ImageRGBA after = captureStable(*window, dir_, std::chrono::seconds(30));
  writePng((dir_ / "viewshed.png").string(), after);
  // The draped layer tints the ground around the observer (15 km: most of the view's lower half).
  const Rect lower{0, view.y + view.h / 2, view.w, view.h / 2};
  EXPECT_GT(meanDifference(before, after, lower), 8.0) << "the viewshed layer is draped over the view";

  xdo("windowfocus --sync " + window->id);
  xdo(at(view.w / 2, view.y + 10) + pause + "key ctrl+q");
  EXPECT_EQ(viewer.waitExit(std::chrono::seconds(20)), 0) << viewer.log();
}

}  // namespace
}  // namespace tb::uitest
