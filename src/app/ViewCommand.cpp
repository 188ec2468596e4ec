// `terrabrief view`: opens the default scene (or --scene) in a window on its overview.
#include "app/ViewCommand.h"

#include <chrono>

#include "app/SceneArg.h"
#include "app/SizeArgs.h"
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
  command_->footer(
      "Mouse: left-drag rotates about the ground, right/middle-drag pans, wheel zooms toward the cursor.\n"
      "Keys: F toggles fly mode (W A S D move, Q E down/up, Shift faster), Home flies to the overview,\n"
      "F12 saves a screenshot into ./screenshots, Ctrl+Q quits. Without a display, use `terrabrief render`.");
}

int ViewCommand::run() {
  const ImageSize size = parseImageSize(size_);
  viewer::ViewerOptions options;
  options.scenePath = resolveScenePath(scene_);
  options.width = size.width;
  options.height = size.height;
  options.exitAfterSeconds = exitAfter_;
  options.launchTime = kLaunchTime;
  return viewer::runViewer(options);
}

}  // namespace tb::app
