// The child side of `terrabrief bench --viewer` (ViewerBench.h starts it): a frame observer
// (viewer/FrameObserver.h) that times the viewer's own frames in its real window.
//   1. Frames as the loop draws them until the first full-detail one has been presented and
//      finished: its steady_clock time is printed; the parent, which took the time before it
//      started this process, subtracts.
//   2. N interactive frames (panels open, cursor over the 3D view so the status bar picks the
//      terrain), interleaved with N of the same frames with the panels built but not drawn, N not
//      presented (no swap), and N of the same FrameSettings drawn by the renderer into an
//      offscreen framebuffer of the view's size (no UI, no present).
// Results go to stdout as "tb-viewer-bench <key> <value>" lines; the log stays on stderr.
#pragma once
#include <string>

namespace tb::bench {

// Opens the viewer on `scenePath` at 1280x720 under the timer; returns the process exit code.
int runViewerFrameTimer(const std::string& scenePath, int frames);

}  // namespace tb::bench
