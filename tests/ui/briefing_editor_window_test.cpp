// The briefing editor in a real X window (ctest: `xvfb-run -a`, a 1600x1000 screen), driven with
// xdotool: select step 2 in the Briefing panel, move the camera, "Update view from camera",
// preview from that step and find the new view drawn (compared with a headless render of the
// logged camera), then Ctrl+Z and find the old view again; a click of Hold's + and a drag on the
// timeline strip are two undo steps.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "WindowTest.h"
#include "XDriver.h"
#include "core/PngFile.h"

namespace tb::uitest {
namespace {

class BriefingEditorWindowTest : public WindowTest {
 protected:
  BriefingEditorWindowTest() : WindowTest("ui-briefing-editor") {}
};

// The upper part of the 3D view (above the lower third) out of a window capture.
ImageRGBA viewTop(const ImageRGBA& window, int top, int width, int height) {
  ImageRGBA out;
  out.width = width;
  out.height = height;
  out.pixels.resize(static_cast<std::size_t>(width) * height * 4);
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x)
      for (int c = 0; c < 4; ++c) out.pixels[(static_cast<std::size_t>(y) * width + x) * 4 + c] = window.at(x, y + top)[c];
  return out;
}

TEST_F(BriefingEditorWindowTest, UpdateAStepsViewFromTheCameraPreviewItAndUndo) {
  const std::string scene = std::string(TB_DATA_DIR) + "/kyongsong/kyongsong.json";
  ASSERT_TRUE(fs::exists(scene)) << scene;
  // Two steps on the scene's overview, long holds, no orbit: a preview stays on the step.
  const fs::path briefing = dir_ / "editor-briefing.json";
  std::ofstream(briefing) << R"({"format": "terrabrief-briefing/1", "title": "Editor test", "scene": ")" + scene +
                                 R"(", "steps": [
    {"id": "one", "title": "One", "view": {"view": "overview"}, "hold": 300},
    {"id": "two", "title": "Two", "view": {"view": "overview"}, "hold": 300, "transition": {"kind": "cut"}}]})";

  ViewerProcess viewer(TB_BINARY, dir_, {"view", "--briefing", briefing.string(), "--size", "1280x860", "--exit-after", "240"});
  ASSERT_TRUE(viewer.waitForLog("first full-detail frame", std::chrono::seconds(90))) << viewer.log();
  const auto geometry = viewer.waitForLog(R"(3D view at 0,(\d+) size (\d+)x(\d+))", std::chrono::seconds(10));
  ASSERT_TRUE(geometry) << viewer.log();
  const int viewTopY = std::stoi((*geometry)[1]), viewW = std::stoi((*geometry)[2]), viewH = std::stoi((*geometry)[3]);
  const int compareH = viewH / 2;  // above the lower third the preview draws
  const auto window = findWindow("terrabrief");
  ASSERT_TRUE(window);
  const std::string wid = window->id;
  auto click = [&](const std::string& logPattern) {
    const auto pos = viewer.waitForLog(logPattern + R"( at (\d+),(\d+))", std::chrono::seconds(10));
    if (!pos) return false;
    xdo("mousemove --window " + wid + " " + (*pos)[1] + " " + (*pos)[2] + " sleep 0.4 click 1");
    return true;
  };
  auto previewCapture = [&](const std::string& name) {
    std::this_thread::sleep_for(2s);  // the terrain refines under the cut
    const ImageRGBA shot = captureStable(*window, dir_, std::chrono::seconds(20));
    writePng((dir_ / (name + ".png")).string(), shot);
    return viewTop(shot, viewTopY, viewW, compareH);
  };

  // Step 2 selected (once the panels have their final layout); a preview from it shows the overview.
  std::this_thread::sleep_for(2s);
  ASSERT_TRUE(click(R"(ui: step "2")")) << viewer.log();
  ASSERT_TRUE(viewer.waitForLog("ui: selected step 2", std::chrono::seconds(10))) << viewer.log();
  ASSERT_TRUE(click(R"(ui: briefing button "Preview from step")")) << viewer.log();
  ASSERT_TRUE(viewer.waitForLog(R"(presenter: preview from step 2 / 2)", std::chrono::seconds(10))) << viewer.log();
  const ImageRGBA before = previewCapture("1-preview-overview");
  xdo("windowfocus --sync " + wid);
  xdo("key Escape");
  ASSERT_TRUE(viewer.waitForLog("presenter: preview stopped", std::chrono::seconds(10))) << viewer.log();

  // Move the camera: a drag across the 3D view turns it, a scroll moves it closer.
  const int cx = viewW / 2, cy = viewTopY + viewH / 2;
  xdo("mousemove --window " + wid + " " + std::to_string(cx) + " " + std::to_string(cy) + " mousedown 1 sleep 0.2 " +
      "mousemove --window " + wid + " " + std::to_string(cx + 220) + " " + std::to_string(cy + 40) + " sleep 0.3 mouseup 1");
  for (int i = 0; i < 4; ++i) xdo("click 4 sleep 0.2");
  std::this_thread::sleep_for(3s);
  ASSERT_TRUE(click(R"(ui: briefing button "Update view from camera")")) << viewer.log();
  const auto updated = viewer.waitForLog(R"(presenter: step 2 view from the camera (\S+))", std::chrono::seconds(10));
  ASSERT_TRUE(updated) << viewer.log();
  const std::string camera = (*updated)[1];

  // Preview from step 2: the new view, as a headless render of that camera draws it.
  ASSERT_TRUE(click(R"(ui: briefing button "Preview from step")")) << viewer.log();
  const ImageRGBA after = previewCapture("2-preview-updated");
  xdo("windowfocus --sync " + wid);
  xdo("key Escape");
  std::this_thread::sleep_for(1s);
  const fs::path rendered = dir_ / "headless.png";
  ASSERT_TRUE(shell(std::string(TB_BINARY) + " render --scene " + scene + " --camera " + camera + " --size " +
                    std::to_string(viewW) + "x" + std::to_string(viewH) + " --out " + rendered.string() + " 2>&1"));
  const ImageRGBA headless = viewTop(readPng(rendered.string()).image, 0, viewW, compareH);
  const Rect all{0, 0, viewW, compareH};
  const double updatedVsHeadless = meanDifference(after, headless, all);
  const double overviewVsHeadless = meanDifference(before, headless, all);
  EXPECT_LT(updatedVsHeadless, 0.5 * overviewVsHeadless)
      << "the preview does not show the camera the step was updated from (" << camera << ")";

  // Ctrl+Z: step 2 looks at the overview again.
  std::this_thread::sleep_for(1s);
  xdo("windowfocus --sync " + wid);
  xdo("key ctrl+z");
  ASSERT_TRUE(viewer.waitForLog("authoring: undid update step view", std::chrono::seconds(10))) << viewer.log();
  ASSERT_TRUE(click(R"(ui: briefing button "Preview from step")")) << viewer.log();
  const ImageRGBA undone = previewCapture("3-preview-undone");
  EXPECT_LT(meanDifference(undone, before, all), 0.5 * meanDifference(undone, after, all))
      << "undo did not bring back the step's old view";

  xdo("windowfocus --sync " + wid);
  xdo("key Escape");
  ASSERT_TRUE(viewer.waitForLog("presenter: preview stopped", std::chrono::seconds(10))) << viewer.log();

  // Step 1's Hold + clicked, then the timeline strip: dragging step 1's right edge to the right
  // lengthens its hold. Two undo steps: the click's must not stay open for the drag.
  ASSERT_TRUE(click(R"(ui: step "1")")) << viewer.log();
  ASSERT_TRUE(viewer.waitForLog("ui: selected step 1", std::chrono::seconds(10))) << viewer.log();
  ASSERT_TRUE(click(R"(ui: step field button "Hold \(s\) \+")")) << viewer.log();
  ASSERT_TRUE(viewer.waitForLog(R"(presenter: retime step 1: retime step)", std::chrono::seconds(10))) << viewer.log();
  const auto edge = viewer.waitForLog(R"(ui: timeline edge of step 1 at (\d+),(\d+))", std::chrono::seconds(10));
  ASSERT_TRUE(edge) << viewer.log();
  const int ex = std::stoi((*edge)[1]), ey = std::stoi((*edge)[2]);
  xdo("mousemove --window " + wid + " " + std::to_string(ex) + " " + std::to_string(ey) + " sleep 0.4 mousedown 1 sleep 0.4 " +
      "mousemove --window " + wid + " " + std::to_string(ex + 40) + " " + std::to_string(ey) + " sleep 0.4 mousemove --window " +
      wid + " " + std::to_string(ex + 90) + " " + std::to_string(ey) + " sleep 0.4 mouseup 1");
  const auto retimed =
      viewer.waitForLog(R"((presenter: retime step 1: retime step[\s\S]*){2})", std::chrono::seconds(10));
  ASSERT_TRUE(retimed) << viewer.log();
  std::this_thread::sleep_for(1s);
  writePng((dir_ / "4-retimed.png").string(), captureWindow(*window, dir_));
  xdo("key ctrl+z");
  ASSERT_TRUE(viewer.waitForLog("authoring: undid retime step; next undo: retime step", std::chrono::seconds(10)))
      << viewer.log();
  xdo("key ctrl+z");
  ASSERT_TRUE(viewer.waitForLog("authoring: undid retime step; next undo: nothing", std::chrono::seconds(10)))
      << viewer.log();

  // Undone back to the file's state: nothing unsaved, so Ctrl+Q closes without asking.
  xdo("key ctrl+q");
  EXPECT_EQ(viewer.waitExit(std::chrono::seconds(30)), 0) << viewer.log();
}

}  // namespace
}  // namespace tb::uitest
