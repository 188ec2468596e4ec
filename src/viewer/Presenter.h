// Presenter mode's model: a briefing laid out on its timeline (briefing::BriefingTimeline) and
// the presenter's place in it (PresenterState), turned into the FrameSettings of each window
// frame: the timeline's camera, layers, exaggeration, sun and highlights, and the lower third
// (title, "3 / 9", caption, progress line) or the black screen, drawn by CaptionPass.
#pragma once
#include <memory>

#include "briefing/Briefing.h"
#include "briefing/BriefingTimeline.h"
#include "render/SceneRenderer.h"
#include "viewer/PresenterState.h"
#include "viewer/StepAnalyses.h"
#include "world/World.h"

namespace tb::viewer {

// The timeline's times as PresenterState wants them.
std::vector<PresenterStepTimes> presenterStepTimes(const briefing::BriefingTimeline& timeline);

// The frame the timeline shows at `t`, on top of `base` (the viewer's settings: size, tau, fog,
// labels). stepCount 0 leaves the caption out; black replaces the picture by the fade's black
// (the synthetic-data stamp stays).
render::FrameSettings presenterFrame(const render::FrameSettings& base, const briefing::BriefingTimeline& timeline,
                                     double t, double progress01, bool black, bool captions = true);

class Presenter {
 public:
  // Plans the timeline and starts the steps' saved analyses (viewsheds on a worker; those the
  // viewer has drawn already are reused). Throws tb::Error for a briefing that does not fit the
  // world's scene or names an analysis its analyses file lacks or cannot compute.
  // `world` must outlive the presenter.
  Presenter(const briefing::Briefing& briefing, const world::World& world, bool autoAdvance,
            const StepAnalyses::DrawnAlready& drawnAlready = {});

  PresenterState& state() { return state_; }
  const PresenterState& state() const { return state_; }
  const briefing::BriefingTimeline& timeline() const { return *timeline_; }
  // The frame now, with the step's analyses as far as they are computed.
  render::FrameSettings frame(const render::FrameSettings& base);
  StepAnalyses& analyses() { return *analyses_; }  // poll() once a frame
  const StepAnalyses& analyses() const { return *analyses_; }
  const std::string& stepTitle() const;  // the current step's title, for the log

 private:
  std::unique_ptr<briefing::BriefingTimeline> timeline_;
  std::unique_ptr<StepAnalyses> analyses_;  // the steps' saved analyses
  std::vector<std::string> titles_;
  PresenterState state_;
};

}  // namespace tb::viewer
