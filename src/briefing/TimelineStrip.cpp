// The timeline strip's geometry (see TimelineStrip.h).
#include "briefing/TimelineStrip.h"

#include <algorithm>
#include <cmath>

namespace tb::briefing {

std::vector<StripStep> stripSteps(const BriefingTimeline& timeline) {
  std::vector<StripStep> steps(timeline.stepCount());
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const double end = i + 1 < steps.size() ? timeline.stepStart(i + 1) : timeline.totalDuration();
    steps[i].transitionSeconds = timeline.transitionDuration(i);
    steps[i].holdSeconds = std::max(0.0, end - timeline.holdStart(i));
  }
  return steps;
}

StripLayout layoutStrip(const std::vector<StripStep>& steps, float x0, float width) {
  StripLayout L;
  double total = 0;
  for (const StripStep& s : steps) total += s.transitionSeconds + s.holdSeconds;
  const bool timed = total > 0 && width > 0;
  L.pixelsPerSecond = timed ? static_cast<float>(width / total) : 0.0f;
  const float equal = steps.empty() ? 0.0f : width / static_cast<float>(steps.size());
  double t = 0;
  L.edges.push_back(x0);
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const StripStep& s = steps[i];
    if (timed) {
      L.holdStarts.push_back(x0 + static_cast<float>((t + s.transitionSeconds) * L.pixelsPerSecond));
      t += s.transitionSeconds + s.holdSeconds;
      L.edges.push_back(x0 + static_cast<float>(t * L.pixelsPerSecond));
    } else {
      L.holdStarts.push_back(x0 + equal * static_cast<float>(i));
      L.edges.push_back(x0 + equal * static_cast<float>(i + 1));
    }
  }
  return L;
}

float stripX(const StripLayout& L, double t) {
  if (L.edges.empty()) return 0.0f;
  const float x = L.edges.front() + static_cast<float>(std::max(0.0, t) * L.pixelsPerSecond);
  return std::clamp(x, L.edges.front(), L.edges.back());
}

double retimedHold(double holdAtPress, float dragPixels, float pixelsPerSecond) {
  if (!(pixelsPerSecond > 0)) return holdAtPress;
  const double hold = holdAtPress + static_cast<double>(dragPixels) / pixelsPerSecond;
  return std::clamp(std::round(hold * 10.0) / 10.0, 0.0, 3600.0);
}

}  // namespace tb::briefing
