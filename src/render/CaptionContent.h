// What a briefing frame shows on top of the scene: the lower third (step title, caption, step
// counter, progress line) and the fade-to-black. Plain data, so FrameSettings can carry it.
#pragma once
#include <cstddef>
#include <string>

namespace tb::render {

struct CaptionContent {
  std::string title;
  std::string caption;         // a few lines; '\n' separates paragraphs, each wrapped to fit
  std::size_t stepIndex = 0;   // 0-based; shown as "stepIndex+1 / stepCount"
  std::size_t stepCount = 0;   // 0: no step counter
  double progress01 = -1.0;    // through the whole briefing; < 0: no progress line
  double fadeAlpha = 0.0;      // 0..1 black over the frame (the synthetic-data stamp stays on top)
  bool showLowerThird = true;  // false: only the fade (e.g. presenter mode's black screen)
  // A cross-fade from the previous step's lower third (step stepIndex - 1): its text drawn with
  // weight 1 - blend, this one's with blend. 1: no cross-fade.
  std::string previousTitle, previousCaption;
  double blend = 1.0;
};

}  // namespace tb::render
