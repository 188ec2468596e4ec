// The interactive viewer: a GLFW window over a loaded scene. Each frame polls input, moves the
// camera (camera::NavigationController), draws the scene with render::SceneRenderer into the
// window, lays the ImGui panels over it and swaps. F12 or the toolbar saves a screenshot through
// the same offscreen path as `terrabrief render`.
#pragma once
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "briefing/Briefing.h"
#include "viewer/FrameObserver.h"

namespace tb::viewer {

struct ViewerOptions {
  std::string scenePath;          // resolved scene file
  int width = 1280, height = 720; // initial window size (screen units)
  double exitAfterSeconds = 0;    // > 0: close by itself after this long (automated runs)
  std::string screenshotDir = "screenshots";
  std::optional<briefing::Briefing> briefing;  // --briefing: parsed and checked against the scene
  bool present = false;                        // --present: start in presenter mode
  int monitor = 1;                             // --monitor: 1 = the primary (GLFW's list order)
  bool autoAdvance = false;                    // --auto-advance: move on after each hold
  // --test-drop: files handed to the window's drop handler once it is up, exactly as if dropped
  // (xdotool cannot drop files; the real-window tests use this).
  std::vector<std::string> testDrop;
  std::chrono::steady_clock::time_point launchTime = std::chrono::steady_clock::now();
  // Set (by the bench harness, bench/): no vsync, frames drawn continuously, each one reported
  // to the observer, which decides when the viewer closes (FrameObserver.h).
  FrameObserver* observer = nullptr;
};

// Opens the window, runs until it is closed, returns the exit code. Throws tb::Error when no
// window can be opened (no display) or the scene cannot be loaded.
int runViewer(const ViewerOptions& options);

}  // namespace tb::viewer
