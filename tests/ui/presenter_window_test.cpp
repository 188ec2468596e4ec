// Presenter mode in a real X window (ctest runs this under `xvfb-run -a` with a 960x540 screen):
// the default briefing full screen, stepped with real key presses (Right, Space, Left, Home, B,
// Esc) through xdotool, checked against the viewer's log (TB_LOG=debug: "presenter: step 3 / 9")
// and captures of the screen (the view and the lower third change between steps, B is black).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <string>

#include "WindowTest.h"
#include "XDriver.h"

namespace tb::uitest {
namespace {

int countMatches(const std::string& text, const std::string& pattern) {
  const std::regex re(pattern);
  return static_cast<int>(std::distance(std::sregex_iterator(text.begin(), text.end(), re), std::sregex_iterator()));
}

// Share of pixels brighter than near-black.
double litFraction(const ImageRGBA& img) {
  long lit = 0;
  for (int y = 0; y < img.height; ++y)
    for (int x = 0; x < img.width; ++x) {
      const std::uint8_t* p = img.at(x, y);
      if (std::max({p[0], p[1], p[2]}) > 40) ++lit;
    }
  return img.width > 0 ? double(lit) / (double(img.width) * img.height) : 1.0;
}

class PresenterWindowTest : public WindowTest {
 protected:
  PresenterWindowTest() : WindowTest("ui-presenter") {}

  // Presses a key and waits until the log shows the hold of `step` one more time than before.
  bool pressAndHold(ViewerProcess& viewer, const std::string& key, int step, int count) {
    const std::string holding = "presenter: holding step " + std::to_string(step) + " / " + std::to_string(count);
    const int before = countMatches(viewer.log(), holding);
    xdo("key " + key);
    const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (std::chrono::steady_clock::now() < end) {
      if (countMatches(viewer.log(), holding) > before) return true;
      if (viewer.hasExited()) return false;
      std::this_thread::sleep_for(200ms);
    }
    return false;
  }

};

TEST_F(PresenterWindowTest, KeysStepThroughTheDefaultBriefingFullScreen) {
  const std::string briefing = std::string(TB_DATA_DIR) + "/kyongsong/kyongsong-briefing.json";
  ASSERT_TRUE(fs::exists(briefing)) << briefing;
  ViewerProcess viewer(TB_BINARY, dir_,
                       {"view", "--briefing", briefing, "--present", "--size", "800x450", "--exit-after", "150"});
  ASSERT_TRUE(viewer.waitForLog(R"(presenter: full screen on monitor 1 .* (\d+)x(\d+), 9 steps)",
                                std::chrono::seconds(60)))
      << viewer.log();
  ASSERT_TRUE(viewer.waitForLog("first full-detail frame", std::chrono::seconds(60))) << viewer.log();
  ASSERT_TRUE(viewer.waitForLog(R"(presenter: step 1 / 9 "Kyongsong: plain)", std::chrono::seconds(5)));
  const auto screen = shell("xdotool getdisplaygeometry");
  ASSERT_TRUE(screen);
  auto window = findWindow("terrabrief");
  ASSERT_TRUE(window) << "no terrabrief window on the display";
  // Full screen: the window covers the whole (Xvfb) screen, not the --size it was opened with.
  EXPECT_EQ(std::to_string(window->width) + " " + std::to_string(window->height) + "\n", *screen);
  xdo("windowfocus --sync " + window->id);  // keys go to the focused window; there is no window manager
  const int w = window->width, h = window->height;
  const Rect picture{0, 0, w, h / 2};                          // above the lower third
  const Rect lowerThird{0, h * 7 / 10, w, h - h * 7 / 10};     // title, counter and caption
  std::this_thread::sleep_for(1s);
  const ImageRGBA step1 = captureWindow(*window, dir_);
  writePng((dir_ / "1-step1.png").string(), step1);

  ASSERT_TRUE(pressAndHold(viewer, "Right", 2, 9)) << viewer.log();
  EXPECT_TRUE(viewer.waitForLog(R"(presenter: step 2 / 9 "Kyongsong Castle")", std::chrono::seconds(1)));
  std::this_thread::sleep_for(1s);  // let the terrain refine after landing
  const ImageRGBA step2 = captureWindow(*window, dir_);
  writePng((dir_ / "2-step2.png").string(), step2);
  EXPECT_GT(meanDifference(step1, step2, picture), 6.0) << "Right did not fly to the next step's view";
  EXPECT_GT(meanDifference(step1, step2, lowerThird), 3.0) << "the lower third did not change with the step";

  ASSERT_TRUE(pressAndHold(viewer, "space", 3, 9)) << viewer.log();
  EXPECT_TRUE(viewer.waitForLog(R"(presenter: step 3 / 9 "Two hot springs)", std::chrono::seconds(1)));
  std::this_thread::sleep_for(1s);
  const ImageRGBA step3 = captureWindow(*window, dir_);
  writePng((dir_ / "3-step3.png").string(), step3);
  EXPECT_GT(meanDifference(step2, step3, picture), 6.0) << "Space did not move on";
  EXPECT_GT(meanDifference(step2, step3, lowerThird), 3.0);

  // Left cuts back to step 2: its lower third again (the same title and caption).
  ASSERT_TRUE(pressAndHold(viewer, "Left", 2, 9)) << viewer.log();
  std::this_thread::sleep_for(1s);
  const ImageRGBA back2 = captureWindow(*window, dir_);
  writePng((dir_ / "4-back2.png").string(), back2);
  EXPECT_LT(meanDifference(back2, step2, lowerThird), meanDifference(back2, step3, lowerThird) * 0.5)
      << "Left did not return to step 2's caption";
  EXPECT_TRUE(viewer.waitForLog(R"(presenter: step (\d+) / 9)", std::chrono::seconds(1)).value_or(
                  std::vector<std::string>{"", ""})[1] == "2");

  // Home: the first step, its caption again.
  ASSERT_TRUE(pressAndHold(viewer, "Home", 1, 9)) << viewer.log();
  std::this_thread::sleep_for(1s);
  const ImageRGBA home = captureWindow(*window, dir_);
  writePng((dir_ / "5-home.png").string(), home);
  EXPECT_LT(meanDifference(home, step1, lowerThird), meanDifference(home, step2, lowerThird) * 0.5)
      << "Home did not return to the first step's caption";

  // B: black (only the synthetic-data stamp may show), and B again brings the picture back.
  xdo("key b");
  ASSERT_TRUE(viewer.waitForLog("presenter: black screen on", std::chrono::seconds(10))) << viewer.log();
  std::this_thread::sleep_for(1500ms);
  const ImageRGBA black = captureWindow(*window, dir_);
  writePng((dir_ / "6-black.png").string(), black);
  EXPECT_LT(litFraction(black), 0.03) << "B did not black the screen";
  EXPECT_GT(litFraction(black), 0.0005) << "the synthetic-data stamp disappeared on the black screen";
  xdo("key b");
  ASSERT_TRUE(viewer.waitForLog("presenter: black screen off", std::chrono::seconds(10))) << viewer.log();
  std::this_thread::sleep_for(1500ms);
  const ImageRGBA unblack = captureWindow(*window, dir_);
  EXPECT_GT(litFraction(unblack), 0.5);

  // Esc: back to the ordinary viewer (windowed, with its panels), still running.
  xdo("key Escape");
  ASSERT_TRUE(viewer.waitForLog("presenter: left presenter mode", std::chrono::seconds(10))) << viewer.log();
  EXPECT_TRUE(viewer.waitForLog(R"(3D view at 0,(\d+) size)", std::chrono::seconds(10))) << viewer.log();
  std::this_thread::sleep_for(1s);
  window = findWindow("terrabrief");
  ASSERT_TRUE(window);
  EXPECT_EQ(window->width, 800);
  EXPECT_EQ(window->height, 450);
  EXPECT_FALSE(viewer.hasExited());
  xdo("windowfocus --sync " + window->id);
  xdo("key ctrl+q");
  EXPECT_EQ(viewer.waitExit(std::chrono::seconds(20)), 0) << viewer.log();
  EXPECT_FALSE(fs::exists(dir_ / "imgui.ini"));
}

// The Briefing panel in the ordinary viewer: add the current view as a step (clicked in the
// sidebar), Present from the panel and Esc back, preview and stop, then Ctrl+Q with unsaved changes asks first;
// "Save" in that question writes the briefing (atomically) with the new step, and the viewer exits.
TEST_F(PresenterWindowTest, PanelAddsAStepAndAsksBeforeClosingWithUnsavedChanges) {
  const std::string source = std::string(TB_DATA_DIR) + "/kyongsong/kyongsong-briefing.json";
  std::string text = readFile(source);
  const std::string relScene = "\"scene\": \"kyongsong.json\"";
  const auto at = text.find(relScene);
  ASSERT_NE(at, std::string::npos);
  text.replace(at, relScene.size(), "\"scene\": \"" + std::string(TB_DATA_DIR) + "/kyongsong/kyongsong.json\"");
  const fs::path copy = dir_ / "edited-briefing.json";
  { std::ofstream(copy) << text; }
  const int stepsBefore = countMatches(text, R"("id":)");
  ASSERT_EQ(stepsBefore, 9);

  ViewerProcess viewer(TB_BINARY, dir_, {"view", "--briefing", copy.string(), "--size", "960x540", "--exit-after", "150"});
  ASSERT_TRUE(viewer.waitForLog("first full-detail frame", std::chrono::seconds(90))) << viewer.log();
  const auto window = findWindow("terrabrief");
  ASSERT_TRUE(window);
  const std::string wid = window->id;
  auto clickButton = [&](const std::string& name) {
    const auto pos = viewer.waitForLog("ui: briefing button \"" + name + "\" at (\\d+),(\\d+)", std::chrono::seconds(10));
    if (!pos) return false;
    xdo("mousemove --window " + wid + " " + (*pos)[1] + " " + (*pos)[2] + " sleep 0.4 click 1");
    return true;
  };

  ASSERT_TRUE(clickButton("Add current view as step")) << viewer.log();
  ASSERT_TRUE(viewer.waitForLog(R"(presenter: added step 2 / 10 from the current view)", std::chrono::seconds(10)))
      << viewer.log();

  // Present from the panel (the selected, new step), then Esc back to the viewer.
  ASSERT_TRUE(clickButton("Present")) << viewer.log();
  ASSERT_TRUE(viewer.waitForLog(R"(presenter: step 2 / 10 "New step")", std::chrono::seconds(15))) << viewer.log();
  xdo("windowfocus --sync " + wid);
  xdo("key Escape");
  ASSERT_TRUE(viewer.waitForLog("presenter: left presenter mode", std::chrono::seconds(10))) << viewer.log();

  // Preview plays the timeline in the 3D view from the selected step, with the panels shown.
  ASSERT_TRUE(clickButton("Preview from step")) << viewer.log();
  ASSERT_TRUE(viewer.waitForLog(R"(presenter: preview from step 2 / 10)", std::chrono::seconds(10))) << viewer.log();
  ASSERT_TRUE(clickButton("Stop preview")) << viewer.log();
  ASSERT_TRUE(viewer.waitForLog("presenter: preview stopped", std::chrono::seconds(10))) << viewer.log();

  // Closing with unsaved changes asks; the file is untouched until "Save" is chosen.
  xdo("windowfocus --sync " + wid);
  xdo("key ctrl+q");
  ASSERT_TRUE(viewer.waitForLog("asking before closing", std::chrono::seconds(10))) << viewer.log();
  std::this_thread::sleep_for(1s);
  EXPECT_FALSE(viewer.hasExited()) << "the viewer closed without asking";
  EXPECT_EQ(countMatches(readFile(copy), R"("id":)"), 9);
  const auto asked = findWindow("terrabrief");
  ASSERT_TRUE(asked);
  writePng((dir_ / "unsaved-question.png").string(), captureWindow(*asked, dir_));
  ASSERT_TRUE(clickButton("Save##leave")) << viewer.log();
  EXPECT_EQ(viewer.waitExit(std::chrono::seconds(30)), 0) << viewer.log();
  EXPECT_TRUE(viewer.log().find("Saved the briefing to") != std::string::npos) << viewer.log();
  EXPECT_EQ(countMatches(readFile(copy), R"("id":)"), 10);
  EXPECT_NE(readFile(copy).find("\"New step\""), std::string::npos);
}

// F5 in the ordinary viewer, with no briefing given: the scene's own briefing (beside the scene
// file) opens into the Briefing panel and is presented from its first step; Esc comes back.
TEST_F(PresenterWindowTest, F5PresentsTheScenesOwnBriefing) {
  ViewerProcess viewer(TB_BINARY, dir_, {"view", "--size", "800x450", "--exit-after", "120"});
  ASSERT_TRUE(viewer.waitForLog("first full-detail frame", std::chrono::seconds(60))) << viewer.log();
  const auto window = findWindow("terrabrief");
  ASSERT_TRUE(window) << "no terrabrief window on the display";
  xdo("windowfocus --sync " + window->id);
  xdo("key F5");
  EXPECT_TRUE(viewer.waitForLog(R"(Opened the briefing \S*kyongsong-briefing\.json \(9 steps\))",
                                std::chrono::seconds(20)))
      << viewer.log();
  ASSERT_TRUE(viewer.waitForLog(R"(presenter: full screen on monitor 1 .*, 9 steps)", std::chrono::seconds(20)))
      << viewer.log();
  EXPECT_TRUE(viewer.waitForLog(R"(presenter: step 1 / 9 )", std::chrono::seconds(5))) << viewer.log();
  const auto full = findWindow("terrabrief");
  ASSERT_TRUE(full);
  xdo("windowfocus --sync " + full->id);
  xdo("key Escape");
  EXPECT_TRUE(viewer.waitForLog("presenter: left presenter mode", std::chrono::seconds(20))) << viewer.log();
  EXPECT_FALSE(viewer.hasExited());
  xdo("key ctrl+q");
  EXPECT_EQ(viewer.waitExit(std::chrono::seconds(20)), 0) << viewer.log();
}

TEST_F(PresenterWindowTest, PresentWithoutABriefingIsABadInputError) {
  ViewerProcess viewer(TB_BINARY, dir_, {"view", "--present"});
  EXPECT_EQ(viewer.waitExit(std::chrono::seconds(20)), 2) << viewer.log();
  EXPECT_NE(viewer.log().find("--briefing"), std::string::npos) << viewer.log();
}

}  // namespace
}  // namespace tb::uitest
