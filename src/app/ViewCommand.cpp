// `terrabrief view`: opens the default scene (or --scene) in a window on its overview.
#include "app/ViewCommand.h"

#include <chrono>

#include "app/SceneArg.h"
#include "app/SizeArgs.h"
#include "briefing/Briefing.h"
#include "core/Error.h"
#include "scene/Scene.h"
#include "viewer/Viewer.h"

namespace tb::app {
namespace {
// Taken at static initialisation, as close to process launch as the program can observe: the
// viewer logs (TB_LOG=info) the time from here to its first full-detail frame.
const auto kLaunchTime = std::chrono::steady_clock::now();
}  // namespace

ViewCommand::ViewCommand(CLI::App& parent) {
  command_ = parent.add_subcommand("view", "Open a scene in an interactive window (the default command)");
  addSceneOption(*command_, scene_);
  command_->add_option("--size", size_, "Initial window size in screen units")
      ->type_name("WxH")
      ->capture_default_str();
  command_->add_option("--exit-after", exitAfter_,
                       "Close the window by itself after this many seconds (for automated runs and benchmarks)")
      ->type_name("SECONDS")
      ->check(CLI::Range(0.0, 86400.0));
  command_->add_option("--briefing", briefing_,
                       "Briefing file to present (its scene is opened unless --scene is given)")
      ->type_name("FILE");
  command_->add_flag("--present", present_,
                     "Start in presenter mode: full screen, panels hidden, the briefing's steps with captions");
  command_->add_option("--monitor", monitor_, "Monitor for presenter mode (1 = the primary)")
      ->check(CLI::Range(1, 16))
      ->capture_default_str();
  command_->add_flag("--auto-advance", autoAdvance_, "In presenter mode, move to the next step after each hold");
  command_->add_option("--test-drop", testDrop_,
                       "Hand these files to the window's drop handler once it is up, as if dropped onto it "
                       "(for automated tests: xdotool cannot drop files)")
      ->type_name("FILE");
  command_->footer(
      "Mouse: left-drag rotates about the ground, right/middle-drag pans, wheel zooms toward the cursor.\n"
      "Keys: F toggles fly mode (W A S D move, Q E down/up, Shift faster), Home flies to the overview,\n"
      "F12 saves a screenshot into ./screenshots, Ctrl+Q quits. Without a display, use `terrabrief render`.\n"
      "Presenter mode: Right, Space or PageDown next step; Left or PageUp previous; Home first;\n"
      "B black screen; Esc back to the viewer.");
}

int ViewCommand::run() {
  const ImageSize size = parseImageSize(size_);
  viewer::ViewerOptions options;
  if ((present_ || autoAdvance_) && briefing_.empty())
    throw Error("view", "--present and --auto-advance need --briefing FILE");
  if (!briefing_.empty()) {
    briefing_ = resolveDataArgument(briefing_);
    // Checked before a window opens, so a bad briefing fails fast with its file:line:col.
    options.briefing = briefing::loadBriefing(briefing_);
    if (options.briefing->steps.empty()) throw Error(briefing_, "the briefing has no steps");
    if (scene_.empty()) scene_ = options.briefing->scenePath;
    briefing::validateAgainst(*options.briefing, scene::loadScene(scene_));
  }
  options.present = present_;
  options.monitor = monitor_;
  options.autoAdvance = autoAdvance_;
  options.scenePath = resolveScenePath(scene_);
  options.width = size.width;
  options.height = size.height;
  options.exitAfterSeconds = exitAfter_;
  options.launchTime = kLaunchTime;
  options.testDrop = testDrop_;
  return viewer::runViewer(options);
}

}  // namespace tb::app
