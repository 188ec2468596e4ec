// Presenter mode's state without GL or windows: which step is showing, where playback is in the
// briefing's timeline, the black screen and auto-advance. The viewer feeds it keys and elapsed
// time and samples BriefingTimeline at time(); unit tests drive it the same way.
//
// Moving forward plays the new step's transition in from the step's start; moving back (or to
// the first step) cuts straight to that step's hold, since replaying a flight that came from the
// following step would fly the audience the wrong way. A hold that ends stays on its last frame
// until the presenter moves on, unless auto-advance is on.
#pragma once
#include <cstddef>
#include <vector>

namespace tb::viewer {

// What a key does in presenter mode (presentation clickers send Right/Left/PageDown/PageUp).
enum class PresenterKey { None, Next, Previous, First, Black, Leave };
PresenterKey presenterKeyFor(int glfwKey);  // Right Space PageDown, Left PageUp, Home, B, Escape

// One step's place in the timeline (BriefingTimeline::stepStart / holdStart, and the next step's
// start or the total duration for the last).
struct PresenterStepTimes {
  double start = 0, holdStart = 0, end = 0;
};

class PresenterState {
 public:
  // steps must not be empty; starts on the first step's hold, not black.
  explicit PresenterState(std::vector<PresenterStepTimes> steps, bool autoAdvance = false);

  // Next/Previous/First/Black act and return true when something visible changed; Leave and
  // None change nothing (the caller leaves presenter mode on Leave).
  bool apply(PresenterKey key);
  bool next();      // plays the next step's transition; false at the last step
  bool previous();  // cuts to the previous step's hold; false at the first
  bool first();     // cuts to the first step; false when already at its start
  void toggleBlack() { black_ = !black_; }
  // Jumps to step i (clamped), from its transition's start or straight to its hold.
  void goTo(std::size_t i, bool playTransition);

  // Moves playback on by dt seconds (the wall clock; black screen or not). At the end of a hold
  // playback stops, or moves into the next step's transition when auto-advance is on.
  void advance(double dt);

  double time() const;  // the timeline time to draw: always inside the current step
  std::size_t step() const { return step_; }
  std::size_t stepCount() const { return steps_.size(); }
  bool black() const { return black_; }
  bool autoAdvance() const { return autoAdvance_; }
  void setAutoAdvance(bool on) { autoAdvance_ = on; }
  // Playback still moves (a transition, a hold not yet over, or auto-advance to come).
  bool playing() const;
  bool inTransition() const { return time_ < steps_[step_].holdStart; }
  double progress01() const;  // through the whole briefing

 private:
  std::vector<PresenterStepTimes> steps_;
  std::size_t step_ = 0;
  double time_ = 0;
  bool black_ = false;
  bool autoAdvance_ = false;
};

}  // namespace tb::viewer
