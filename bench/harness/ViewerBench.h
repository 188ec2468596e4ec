// `terrabrief bench --viewer`: the interactive viewer's targets (issue 3), side by side in one
// run: an interactive 1280x720 frame with the panel open, that frame against the same frame drawn
// offscreen without UI, and the time from launch to the first full-detail frame.
#pragma once
#include <string>

namespace tb::bench {

// Starts this program with `--viewer-child N` (the viewer at 1280x720 under ViewerFrameTimer)
// `runs` times (it needs a display; without one: tb::Error, exit code 2), reads what it prints
// and prints the bench table's rows.
int benchViewer(const std::string& scenePath, int frames, int runs);

}  // namespace tb::bench
