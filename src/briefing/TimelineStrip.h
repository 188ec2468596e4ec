// The editor's timeline strip as numbers, without ImGui: each step a box as wide as its time on
// the timeline (transition in + hold), the playhead's place, and what dragging a step's right
// edge does to its hold. The viewer draws it (ui/BriefingPanel.cpp); unit tests check the math.
#pragma once
#include <vector>

#include "briefing/BriefingTimeline.h"

namespace tb::briefing {

struct StripStep {
  double transitionSeconds = 0;  // as planned (a flight's automatic length included)
  double holdSeconds = 0;
};

// The planned lengths of every step (BriefingTimeline::transitionDuration and the holds).
std::vector<StripStep> stripSteps(const BriefingTimeline& timeline);

struct StripLayout {
  float pixelsPerSecond = 0;
  std::vector<float> edges;      // steps+1 x positions: step i spans [edges[i], edges[i+1])
  std::vector<float> holdStarts; // where each step's hold begins (its transition lies before)
};

// Steps side by side over [x0, x0 + width), widths proportional to their durations. A briefing
// that takes no time at all gets equal boxes (pixelsPerSecond 0).
StripLayout layoutStrip(const std::vector<StripStep>& steps, float x0, float width);

// Where timeline time t lies on the strip (clamped to it).
float stripX(const StripLayout& layout, double t);

// The hold after dragging a step's right edge by dragPixels at the scale the drag began with:
// the hold at the press plus the time those pixels stand for, to 0.1 s, within 0..3600 s.
double retimedHold(double holdAtPress, float dragPixels, float pixelsPerSecond);

}  // namespace tb::briefing
