// Typing into a text field at a software renderer's frame rate (the viewer slowed to 2.5 frames
// per second with TERRABRIEF_DEBUG_FRAME_MS): quick Backspace taps and a Return tap, each pressed
// and released within one frame, all reach the field (ImGui 1.86 alone would lose them: it
// samples the keys once per frame). Real X input through xdotool, under `xvfb-run -a`.
#include <gtest/gtest.h>

#include <stdlib.h>

#include <string>

#include "WindowTest.h"
#include "XDriver.h"

namespace tb::uitest {
namespace {

class ViewerTypingTest : public WindowTest {
 protected:
  ViewerTypingTest() : WindowTest("ui-typing") {}
};

TEST_F(ViewerTypingTest, QuickKeyTapsAreNotLostAtTwoFramesPerSecond) {
  ::setenv("TERRABRIEF_DEBUG_FRAME_MS", "400", 1);  // inherited by the viewer process
  ViewerProcess viewer(TB_BINARY, dir_, {"view", "--size", "1200x980", "--exit-after", "240"});
  ::unsetenv("TERRABRIEF_DEBUG_FRAME_MS");
  ASSERT_TRUE(viewer.waitForLog("first full-detail frame", std::chrono::seconds(120))) << viewer.log();
  const auto window = findWindow("terrabrief");
  ASSERT_TRUE(window) << "no terrabrief window on the display";
  const std::string wid = window->id;
  auto at = [&](const std::vector<std::string>& g) {
    return "mousemove --window " + wid + " " + g[1] + " " + g[2];
  };
  const std::string pause = " sleep 0.6 ";
  xdo("windowfocus --sync " + wid);

  const auto header = viewer.waitForLog(R"(ui: views header at (\d+),(\d+))", std::chrono::seconds(10));
  ASSERT_TRUE(header) << viewer.log();
  xdo(at(*header) + pause + "click 1");
  const auto field = viewer.waitForLog(R"(ui: go to field at (\d+),(\d+))", std::chrono::seconds(20));
  ASSERT_TRUE(field) << "the Views section did not open\n" << viewer.log();
  xdo(at(*field) + pause + "click 1" + pause);

  // Characters are queued by ImGui itself; the keys are the ones a slow frame used to swallow.
  xdo("type --delay 20 '41.60, 129.62xyz'");
  xdo("key --delay 15 BackSpace BackSpace BackSpace");  // three taps, all within one frame
  xdo("key Return");
  const auto went = viewer.waitForLog(R"re(ui: go to "([^"]*)")re", std::chrono::seconds(30));
  ASSERT_TRUE(went) << "the Return tap was lost\n" << viewer.log();
  EXPECT_EQ((*went)[1], "41.60, 129.62") << "Backspace taps were lost";

  xdo("key ctrl+q");
  EXPECT_EQ(viewer.waitExit(std::chrono::seconds(30)), 0) << viewer.log();
}

}  // namespace
}  // namespace tb::uitest
