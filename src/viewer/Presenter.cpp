// Presenter mode's model (see Presenter.h): timeline + state -> FrameSettings.
#include "viewer/Presenter.h"

#include <algorithm>

namespace tb::viewer {

std::vector<PresenterStepTimes> presenterStepTimes(const briefing::BriefingTimeline& timeline) {
  std::vector<PresenterStepTimes> times(timeline.stepCount());
  for (std::size_t i = 0; i < times.size(); ++i) {
    times[i].start = timeline.stepStart(i);
    times[i].holdStart = timeline.holdStart(i);
    times[i].end = i + 1 < times.size() ? timeline.stepStart(i + 1) : timeline.totalDuration();
  }
  return times;
}

render::FrameSettings presenterFrame(const render::FrameSettings& base, const briefing::BriefingTimeline& timeline,
                                     double t, double progress01, bool black, bool captions) {
  const briefing::FrameState f = timeline.at(t);
  render::FrameSettings s = base;
  s.camera = f.camera;
  s.exaggeration = f.exaggeration;
  s.sunAzimuthDeg = f.sun.azimuthDeg;
  s.sunElevationDeg = f.sun.elevationDeg;
  s.highlightSites = f.highlights;
  s.selectedSite.clear();
  // The timeline lists every layer, imagery first, then overlays (BriefingTimeline.h).
  const std::size_t nImagery = s.imagery.size();
  for (std::size_t i = 0; i < f.layers.size(); ++i) {
    const briefing::LayerFrame& l = f.layers[i];
    if (i < nImagery)
      s.imagery[i] = {l.visible, static_cast<float>(l.opacity)};
    else if (i - nImagery < s.overlays.size())
      s.overlays[i - nImagery] = l.visible && l.opacity > 0.0 ? 1 : 0;
  }
  render::CaptionContent c;
  c.title = f.title;
  c.caption = f.caption;
  c.stepIndex = f.step;
  c.stepCount = captions ? timeline.stepCount() : 0;
  c.progress01 = progress01;
  c.fadeAlpha = black ? 1.0 : f.fadeAlpha;
  c.previousTitle = f.previousTitle;
  c.previousCaption = f.previousCaption;
  c.blend = f.captionBlend;
  c.showLowerThird = captions && !black;
  s.caption = c;
  return s;
}

namespace {
std::vector<std::vector<std::string>> stepAnalysisNames(const briefing::Briefing& briefing) {
  std::vector<std::vector<std::string>> names;
  for (const briefing::Step& s : briefing.steps) names.push_back(s.analyses);
  return names;
}
}  // namespace

Presenter::Presenter(const briefing::Briefing& briefing, const world::World& world, bool autoAdvance,
                     const StepAnalyses::DrawnAlready& drawnAlready)
    : timeline_(std::make_unique<briefing::BriefingTimeline>(briefing, world)),
      analyses_(std::make_unique<StepAnalyses>(world, stepAnalysisNames(briefing), drawnAlready)),
      state_(presenterStepTimes(*timeline_), autoAdvance) {
  for (const briefing::Step& s : briefing.steps) titles_.push_back(s.title);
}

render::FrameSettings Presenter::frame(const render::FrameSettings& base) {
  render::FrameSettings s = presenterFrame(base, *timeline_, state_.time(), state_.progress01(), state_.black());
  // The step's own analyses, not the viewer's tools in progress.
  s.overlay = analyses_->forNames(timeline_->at(state_.time()).analyses);
  return s;
}

const std::string& Presenter::stepTitle() const { return titles_.at(state_.step()); }

}  // namespace tb::viewer
