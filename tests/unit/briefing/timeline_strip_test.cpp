// The timeline strip's numbers (widths proportional to transition + hold, the playhead, retiming
// by dragging a right edge) and the caption cross-fade's weights.
#include <gtest/gtest.h>

#include "briefing/TimelineStrip.h"

using namespace tb::briefing;

TEST(TimelineStrip, WidthsAreProportionalToTransitionPlusHold) {
  const std::vector<StripStep> steps = {{0, 4}, {2, 6}, {1, 3}};  // 4 + 8 + 4 = 16 s
  const StripLayout L = layoutStrip(steps, 10.0f, 320.0f);
  EXPECT_FLOAT_EQ(L.pixelsPerSecond, 20.0f);
  ASSERT_EQ(L.edges.size(), 4u);
  EXPECT_FLOAT_EQ(L.edges[0], 10.0f);
  EXPECT_FLOAT_EQ(L.edges[1], 90.0f);
  EXPECT_FLOAT_EQ(L.edges[2], 250.0f);
  EXPECT_FLOAT_EQ(L.edges[3], 330.0f);
  EXPECT_FLOAT_EQ(L.holdStarts[1], 130.0f);  // after step 2's 2 s transition
  EXPECT_FLOAT_EQ(stripX(L, 6.0), 130.0f);
  EXPECT_FLOAT_EQ(stripX(L, -3.0), 10.0f);
  EXPECT_FLOAT_EQ(stripX(L, 99.0), 330.0f);
}

TEST(TimelineStrip, ABriefingOfNoTimeGetsEqualBoxes) {
  const StripLayout L = layoutStrip({{0, 0}, {0, 0}}, 0.0f, 100.0f);
  EXPECT_EQ(L.pixelsPerSecond, 0.0f);
  EXPECT_FLOAT_EQ(L.edges[1], 50.0f);
  EXPECT_FLOAT_EQ(L.edges[2], 100.0f);
}

TEST(TimelineStrip, DraggingTheRightEdgeRetimesTheHoldAtThePressScale) {
  EXPECT_DOUBLE_EQ(retimedHold(5.0, 40.0f, 20.0f), 7.0);   // 40 px at 20 px/s: +2 s
  EXPECT_DOUBLE_EQ(retimedHold(5.0, -30.0f, 20.0f), 3.5);
  EXPECT_DOUBLE_EQ(retimedHold(5.0, 13.0f, 20.0f), 5.7);   // 0.65 s, to a tenth
  EXPECT_DOUBLE_EQ(retimedHold(1.0, -500.0f, 20.0f), 0.0); // never negative
  EXPECT_DOUBLE_EQ(retimedHold(3000.0, 1e6f, 20.0f), 3600.0);
  EXPECT_DOUBLE_EQ(retimedHold(4.0, 50.0f, 0.0f), 4.0);    // no scale: unchanged
}

TEST(CaptionCrossfade, WeightsRiseOverTheFirstPartOfTheStep) {
  // A long flight: over the first 0.6 s.
  EXPECT_DOUBLE_EQ(captionBlend(TransitionKind::Flight, 5.0, 0.0), 0.0);
  EXPECT_DOUBLE_EQ(captionBlend(TransitionKind::Flight, 5.0, 0.3), 0.5);
  EXPECT_DOUBLE_EQ(captionBlend(TransitionKind::Flight, 5.0, 0.6), 1.0);
  EXPECT_DOUBLE_EQ(captionBlend(TransitionKind::Flight, 5.0, 4.0), 1.0);
  // A flight shorter than that: over the flight.
  EXPECT_DOUBLE_EQ(captionBlend(TransitionKind::Flight, 0.4, 0.1), 0.25);
  EXPECT_DOUBLE_EQ(captionBlend(TransitionKind::Flight, 0.4, 0.4), 1.0);
  // A cut, or a flight of no length: at once.
  EXPECT_DOUBLE_EQ(captionBlend(TransitionKind::Cut, 0.0, 0.0), 1.0);
  EXPECT_DOUBLE_EQ(captionBlend(TransitionKind::Cut, 0.0, 0.15), 1.0);
  EXPECT_DOUBLE_EQ(captionBlend(TransitionKind::Flight, 0.0, 0.0), 1.0);
  // A fade: swapped under full black at the midpoint.
  EXPECT_DOUBLE_EQ(captionBlend(TransitionKind::Fade, 2.0, 0.99), 0.0);
  EXPECT_DOUBLE_EQ(captionBlend(TransitionKind::Fade, 2.0, 1.0), 1.0);
}
