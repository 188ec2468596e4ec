// `terrabrief bench --viewer`: the interactive viewer's targets (issue 3), side by side in one
// run: an interactive 1280x720 frame with the panel open, that frame against the same frame drawn
// offscreen without UI, and the time from launch to the first full-detail frame.
#pragma once
#include <string>

namespace tb::app {

// Starts `terrabrief view --size 1280x720 --bench-frames N` `runs` times (it needs a display;
// without one: tb::Error, exit code 2), reads what it prints and prints the bench table's rows.
int benchViewer(const std::string& scenePath, int frames, int runs);

}  // namespace tb::app
