// The analysis tools in a real X window (ctest runs this under `xvfb-run -a`): measure a distance
// by clicking two points on the terrain, then draw a profile and hover its chart, all through
// xdotool, checked against the viewer's log (TB_LOG=debug) and captures of the screen.
#include <gtest/gtest.h>

#include <regex>
#include <string>

#include "WindowTest.h"
#include "XDriver.h"

namespace tb::uitest {
namespace {

class AnalysisWindowTest : public WindowTest {
 protected:
  AnalysisWindowTest() : WindowTest("ui-analysis") {}
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
  ASSERT_TRUE(viewer.waitForLog("first full-detail frame", std::chrono::seconds(90))) << viewer.log();
  const auto viewGroups = viewer.waitForLog(R"(3D view at 0,(\d+) size (\d+)x(\d+))", std::chrono::seconds(5));
  ASSERT_TRUE(viewGroups) << viewer.log();
  const Rect view{0, std::stoi((*viewGroups)[1]), std::stoi((*viewGroups)[2]), std::stoi((*viewGroups)[3])};
  const auto window = findWindow("terrabrief");
  ASSERT_TRUE(window) << "no terrabrief window on the display";
  const std::string wid = window->id;
  auto at = [&](int x, int y) { return "mousemove --window " + wid + " " + std::to_string(x) + " " + std::to_string(y); };
  auto clickItem = [&](const std::optional<std::vector<std::string>>& item) {
    xdo(at(std::stoi((*item)[1]), std::stoi((*item)[2])) + " sleep 0.4 click 1");
  };
  const std::string pause = " sleep 0.5 ";
  xdo("windowfocus --sync " + wid);

  const auto header = viewer.waitForLog(R"(ui: analysis header at (\d+),(\d+))", std::chrono::seconds(10));
  ASSERT_TRUE(header) << viewer.log();
  clickItem(header);
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

  xdo("windowfocus --sync " + wid);
  xdo(at(view.w / 2, view.y + 10) + pause + "key ctrl+q");
  EXPECT_EQ(viewer.waitExit(std::chrono::seconds(20)), 0) << viewer.log();
}

}  // namespace
}  // namespace tb::uitest
