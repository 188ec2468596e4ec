// PresenterState: keys -> steps, clamping at the first and last step, playback time within the
// timeline (transitions on the way forward, cuts on the way back), black screen, auto-advance.
#include <gtest/gtest.h>

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include "viewer/PresenterState.h"

namespace tb::viewer {
namespace {

// Three steps: step 0 has no transition (hold 5 s), step 1 a 2 s transition and 4 s hold,
// step 2 a 1 s transition and 3 s hold. Total 15 s.
std::vector<PresenterStepTimes> threeSteps() {
  return {{0.0, 0.0, 5.0}, {5.0, 7.0, 11.0}, {11.0, 12.0, 15.0}};
}

TEST(PresenterKeys, ClickerAndKeyboardKeysMapToActions) {
  EXPECT_EQ(presenterKeyFor(GLFW_KEY_RIGHT), PresenterKey::Next);
  EXPECT_EQ(presenterKeyFor(GLFW_KEY_SPACE), PresenterKey::Next);
  EXPECT_EQ(presenterKeyFor(GLFW_KEY_PAGE_DOWN), PresenterKey::Next);
  EXPECT_EQ(presenterKeyFor(GLFW_KEY_LEFT), PresenterKey::Previous);
  EXPECT_EQ(presenterKeyFor(GLFW_KEY_PAGE_UP), PresenterKey::Previous);
  EXPECT_EQ(presenterKeyFor(GLFW_KEY_HOME), PresenterKey::First);
  EXPECT_EQ(presenterKeyFor(GLFW_KEY_B), PresenterKey::Black);
  EXPECT_EQ(presenterKeyFor(GLFW_KEY_ESCAPE), PresenterKey::Leave);
  EXPECT_EQ(presenterKeyFor(GLFW_KEY_X), PresenterKey::None);
}

TEST(PresenterState, StartsOnTheFirstStepsHold) {
  PresenterState s(threeSteps());
  EXPECT_EQ(s.step(), 0u);
  EXPECT_EQ(s.stepCount(), 3u);
  EXPECT_DOUBLE_EQ(s.time(), 0.0);
  EXPECT_FALSE(s.black());
  EXPECT_TRUE(s.playing());  // its hold (and orbit) runs
}

TEST(PresenterState, NextPlaysTheTransitionFromTheStepsStart) {
  PresenterState s(threeSteps());
  EXPECT_TRUE(s.apply(PresenterKey::Next));
  EXPECT_EQ(s.step(), 1u);
  EXPECT_DOUBLE_EQ(s.time(), 5.0);
  EXPECT_TRUE(s.inTransition());
  s.advance(1.5);
  EXPECT_DOUBLE_EQ(s.time(), 6.5);
  EXPECT_TRUE(s.inTransition());
  s.advance(1.0);
  EXPECT_FALSE(s.inTransition());
  EXPECT_EQ(s.step(), 1u);
}

TEST(PresenterState, HoldStopsBeforeTheNextStepWithoutAutoAdvance) {
  PresenterState s(threeSteps());
  s.advance(100.0);
  EXPECT_EQ(s.step(), 0u);
  EXPECT_FALSE(s.playing());
  EXPECT_LT(s.time(), 5.0);  // still step 0 when the timeline is sampled here
  EXPECT_GT(s.time(), 4.99);
  // Moving on from a finished hold starts the next transition where the hold ended.
  s.apply(PresenterKey::Next);
  EXPECT_DOUBLE_EQ(s.time(), 5.0);
  EXPECT_TRUE(s.playing());
}

TEST(PresenterState, ClampsAtTheLastAndFirstStep) {
  PresenterState s(threeSteps());
  EXPECT_FALSE(s.apply(PresenterKey::Previous));
  EXPECT_EQ(s.step(), 0u);
  EXPECT_TRUE(s.next());
  EXPECT_TRUE(s.next());
  EXPECT_EQ(s.step(), 2u);
  EXPECT_FALSE(s.next());
  EXPECT_EQ(s.step(), 2u);
  s.advance(100.0);
  EXPECT_DOUBLE_EQ(s.time(), 15.0);  // the end of the last hold is the end of the briefing
  EXPECT_DOUBLE_EQ(s.progress01(), 1.0);
  EXPECT_FALSE(s.playing());
}

TEST(PresenterState, PreviousAndHomeCutToTheHold) {
  PresenterState s(threeSteps());
  s.next();
  s.next();
  EXPECT_TRUE(s.apply(PresenterKey::Previous));
  EXPECT_EQ(s.step(), 1u);
  EXPECT_DOUBLE_EQ(s.time(), 7.0);  // no flight replayed backwards
  EXPECT_FALSE(s.inTransition());
  EXPECT_TRUE(s.apply(PresenterKey::First));
  EXPECT_EQ(s.step(), 0u);
  EXPECT_DOUBLE_EQ(s.time(), 0.0);
  EXPECT_FALSE(s.apply(PresenterKey::First));  // already there
  s.advance(2.0);
  EXPECT_TRUE(s.apply(PresenterKey::First));  // back to the start of the hold
  EXPECT_DOUBLE_EQ(s.time(), 0.0);
}

TEST(PresenterState, BlackScreenTogglesWithoutMovingAndPlaybackGoesOn) {
  PresenterState s(threeSteps());
  s.next();
  EXPECT_TRUE(s.apply(PresenterKey::Black));
  EXPECT_TRUE(s.black());
  s.advance(1.0);
  EXPECT_EQ(s.step(), 1u);
  EXPECT_DOUBLE_EQ(s.time(), 6.0);
  EXPECT_TRUE(s.apply(PresenterKey::Black));
  EXPECT_FALSE(s.black());
  EXPECT_FALSE(s.apply(PresenterKey::Leave));
  EXPECT_FALSE(s.apply(PresenterKey::None));
  EXPECT_EQ(s.step(), 1u);
}

TEST(PresenterState, AutoAdvanceMovesIntoTheNextTransitionAndStopsAtTheEnd) {
  PresenterState s(threeSteps(), true);
  s.advance(4.0);
  EXPECT_EQ(s.step(), 0u);
  s.advance(1.5);
  EXPECT_EQ(s.step(), 1u);
  EXPECT_DOUBLE_EQ(s.time(), 5.5);  // continuous: half a second into step 1's transition
  s.advance(7.0);                   // across step 1's end in one long frame
  EXPECT_EQ(s.step(), 2u);
  EXPECT_DOUBLE_EQ(s.time(), 12.5);
  s.advance(10.0);
  EXPECT_EQ(s.step(), 2u);
  EXPECT_FALSE(s.playing());
  s.setAutoAdvance(false);
  EXPECT_FALSE(s.autoAdvance());
}

TEST(PresenterState, GoToClampsAndProgressFollowsTime) {
  PresenterState s(threeSteps());
  s.goTo(7, false);
  EXPECT_EQ(s.step(), 2u);
  EXPECT_DOUBLE_EQ(s.time(), 12.0);
  EXPECT_DOUBLE_EQ(s.progress01(), 12.0 / 15.0);
  s.goTo(1, true);
  EXPECT_DOUBLE_EQ(s.progress01(), 5.0 / 15.0);
}

TEST(PresenterState, RejectsABriefingWithoutSteps) {
  EXPECT_THROW(PresenterState({}), std::invalid_argument);
}

}  // namespace
}  // namespace tb::viewer
