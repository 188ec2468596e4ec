// A briefing laid out in time: a pure function from seconds to everything a frame shows
// (camera, caption, highlights, layers, exaggeration, sun, transition progress, fade). Presenter
// mode, stills and video all sample the same function, so they always agree.
//
// Step i occupies [stepStart(i), stepStart(i+1)): first its transition in (none for step 0),
// from where step i-1's hold ended to step i's view, then its hold, with an optional slow orbit
// about the view's target. The pose at the end of a hold is where the next transition starts,
// so flights and orbits are continuous in position and direction across step boundaries.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "briefing/Briefing.h"
#include "camera/CameraFlight.h"
#include "core/Camera.h"
#include "world/World.h"

namespace tb::briefing {

struct LayerFrame {
  std::string name;  // a scene imagery layer or vector overlay
  bool visible = true;
  double opacity = 1.0;
};

struct FrameState {
  CameraPose camera;  // render space for `exaggeration`
  size_t step = 0;
  std::string title, caption;  // of `step` (also during its transition in)
  // The caption cross-fade: while captionBlend < 1 the previous step's title and caption fade
  // out (weight 1 - captionBlend) as this step's fade in (captionBlend). See captionBlend().
  std::string previousTitle, previousCaption;
  double captionBlend = 1.0;
  std::vector<std::string> highlights;  // site ids; empty = nothing dimmed
  std::vector<std::string> analyses;    // saved analyses shown (names)
  std::vector<LayerFrame> layers;       // every scene layer: imagery first, then overlays
  double exaggeration = 1.0;
  Sun sun;
  TransitionKind transition = TransitionKind::Cut;
  bool inTransition = false;
  double transitionProgress = 1.0;  // 0..1 through the transition in; 1 during the hold
  double fadeAlpha = 0.0;           // black overlay: 0 -> 1 (the cut) -> 0 during a fade
  double stepStartTime = 0.0;       // when `step`'s transition in began
  double holdStartTime = 0.0;       // when its hold began
};

struct TimelineOptions {
  // Flights: clearance above the terrain, zoom/pan trade-off, and the automatic duration's
  // bounds when a step leaves its flight duration unset. Duration and easing come from each step.
  camera::FlightOptions flight;
  double orbitClearance = 30.0;  // render-space metres kept between an orbiting eye and the ground
};

class BriefingTimeline {
 public:
  // Checks the briefing against world.scene (validateAgainst) and plans every transition.
  // `world` must outlive the timeline (its height field is sampled by flights and orbits).
  BriefingTimeline(const Briefing& briefing, const world::World& world, const TimelineOptions& options = {});

  FrameState at(double t) const;  // t is clamped to [0, totalDuration()]
  // Step i's own state at t, clamped to [stepStart(i), stepStart(i+1)]: unlike at(), the end of
  // the interval still belongs to step i (a step with no hold ends where the next one begins).
  FrameState atStep(size_t i, double t) const;
  // When step i is at rest (its flight landed, an orbit barely moved): what a still shows.
  double stillTime(size_t i) const;

  double totalDuration() const { return total_; }
  size_t stepCount() const { return steps_.size(); }
  double stepStart(size_t i) const { return steps_.at(i).start; }
  double holdStart(size_t i) const { return steps_.at(i).start + steps_.at(i).transitionSeconds; }
  double transitionDuration(size_t i) const { return steps_.at(i).transitionSeconds; }
  size_t stepAt(double t) const;
  // The pose step i's hold starts from (its view), in render space for its exaggeration.
  const CameraPose& stepPose(size_t i) const { return steps_.at(i).pose; }
  double stepExaggeration(size_t i) const { return steps_.at(i).exaggeration; }

 private:
  struct Planned {
    std::string title, caption;
    std::vector<std::string> highlights;
    std::vector<std::string> analyses;
    double holdSeconds = 0.0;
    double orbitDegPerSec = 0.0;
    double start = 0.0, transitionSeconds = 0.0;
    TransitionKind kind = TransitionKind::Cut;
    camera::Easing easing = camera::Easing::EaseInOutCubic;
    CameraPose pose;                 // the step's view
    glm::dvec3 orbitTarget{0.0};     // what the orbit turns about
    double orbitClearance0 = 0.0;    // the view's own height above ground (may be below the option)
    CameraPose endPose;              // after the hold (and orbit)
    std::optional<camera::CameraFlight> flight;  // from the previous endPose (in this step's render space)
    double exaggeration = 1.0;
    Sun sun;
    std::vector<LayerFrame> layers;
  };

  CameraPose orbitPose(const Planned& p, double seconds) const;
  void fillStepState(FrameState& f, const Planned& p) const;
  const terrain::HeightField* field() const;

  const world::World* world_;
  TimelineOptions options_;
  std::vector<Planned> steps_;
  double total_ = 0.0;
};

// How far a step's caption has replaced the previous one, `sinceStart` seconds after the step
// began (0: only the old caption, 1: only the new). Flights cross-fade over the first
// kCaptionCrossfadeSeconds (a flight shorter than that: over the flight); a fade transition swaps
// the captions under full black, at its midpoint; a cut swaps them at once, as it does the view.
// The presenter steps backwards by cutting to a step's hold, where every kind gives 1: no
// cross-fade from a step that was not on screen. Stills wait for their step to settle anyway.
inline constexpr double kCaptionCrossfadeSeconds = 0.6;
double captionBlend(TransitionKind kind, double transitionSeconds, double sinceStart);

// The same view in render space for another vertical exaggeration: z and the view direction's
// vertical component scale by to/from, so the camera keeps looking at the same ground point.
CameraPose rescaleExaggeration(const CameraPose& pose, double fromExaggeration, double toExaggeration);

}  // namespace tb::briefing
