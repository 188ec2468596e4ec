// Scripted flights through the real viewer, driven by frame observers (viewer/FrameObserver.h),
// for rows the parent process (ViewerBench.h) prints:
// - row (j): the same straight flight twice over a streamed scene, first with cold caches (tiles
//   stream in while it flies; every frame timed), then pose by pose with each pose settled before
//   one timed frame. p95 of the first against the median of the second.
// - soak: the flight back and forth for a given time, the process's resident memory and the live
//   GL objects sampled each time it is back at its start; growth after the warm-up (a quarter of
//   the time, at least one round trip) reported.
// Results go to stdout as "tb-viewer-bench <key> <value>" lines, like ViewerFrameTimer.
#pragma once
#include <string>

namespace tb::bench {

int runViewerFlightTimer(const std::string& scenePath, int frames);
int runViewerSoak(const std::string& scenePath, double minutes);

}  // namespace tb::bench
