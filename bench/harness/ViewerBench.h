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

// Row (j) (ViewerFlight.h): `runs` children flying `frames` poses; a "skipped" row without a display.
void benchViewerFlight(const std::string& scenePath, int frames, int runs);

// `bench --soak MINUTES` (ViewerFlight.h): prints its own table; exit 1 when RSS grew by 2% or
// more after the warm-up, or the live GL objects grew. Needs a display (tb::Error, exit 2).
int benchSoak(const std::string& scenePath, double minutes);

}  // namespace tb::bench
