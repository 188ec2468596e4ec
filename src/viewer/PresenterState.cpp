// Presenter mode's step/playback state machine (see PresenterState.h).
#include "viewer/PresenterState.h"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include <algorithm>
#include <stdexcept>

namespace tb::viewer {
namespace {
// Seconds kept between the frame drawn at the end of a hold and the next step's start, so that
// sampling the timeline there still shows this step (its title and caption).
constexpr double kBeforeNextStep = 1e-4;
}  // namespace

PresenterKey presenterKeyFor(int glfwKey) {
  switch (glfwKey) {
    case GLFW_KEY_RIGHT:
    case GLFW_KEY_SPACE:
    case GLFW_KEY_PAGE_DOWN: return PresenterKey::Next;
    case GLFW_KEY_LEFT:
    case GLFW_KEY_PAGE_UP: return PresenterKey::Previous;
    case GLFW_KEY_HOME: return PresenterKey::First;
    case GLFW_KEY_B: return PresenterKey::Black;
    case GLFW_KEY_ESCAPE: return PresenterKey::Leave;
    default: return PresenterKey::None;
  }
}

PresenterState::PresenterState(std::vector<PresenterStepTimes> steps, bool autoAdvance)
    : steps_(std::move(steps)), autoAdvance_(autoAdvance) {
  if (steps_.empty()) throw std::invalid_argument("presenter: a briefing without steps");
  time_ = steps_[0].holdStart;
}

bool PresenterState::apply(PresenterKey key) {
  switch (key) {
    case PresenterKey::Next: return next();
    case PresenterKey::Previous: return previous();
    case PresenterKey::First: return first();
    case PresenterKey::Black: toggleBlack(); return true;
    case PresenterKey::Leave:
    case PresenterKey::None: return false;
  }
  return false;
}

bool PresenterState::next() {
  if (step_ + 1 >= steps_.size()) return false;
  goTo(step_ + 1, true);
  return true;
}

bool PresenterState::previous() {
  if (step_ == 0) return false;
  goTo(step_ - 1, false);
  return true;
}

bool PresenterState::first() {
  const bool changed = step_ != 0 || time_ != steps_[0].holdStart;
  goTo(0, false);
  return changed;
}

void PresenterState::goTo(std::size_t i, bool playTransition) {
  step_ = std::min(i, steps_.size() - 1);
  time_ = playTransition ? steps_[step_].start : steps_[step_].holdStart;
}

void PresenterState::advance(double dt) {
  if (dt <= 0) return;
  time_ += dt;
  // Auto-advance may cross several short steps in one long frame.
  while (autoAdvance_ && step_ + 1 < steps_.size() && time_ >= steps_[step_].end) ++step_;
  time_ = std::min(time_, steps_[step_].end);
}

double PresenterState::time() const {
  const PresenterStepTimes& s = steps_[step_];
  if (step_ + 1 < steps_.size()) return std::max(s.start, std::min(time_, s.end - kBeforeNextStep));
  return std::min(time_, s.end);
}

bool PresenterState::playing() const {
  const PresenterStepTimes& s = steps_[step_];
  return time_ < s.end;
}

double PresenterState::progress01() const {
  const double total = steps_.back().end;
  return total > 0 ? std::clamp(time() / total, 0.0, 1.0) : 1.0;
}

}  // namespace tb::viewer
