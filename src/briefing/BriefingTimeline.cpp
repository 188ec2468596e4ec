// BriefingTimeline: every transition planned once at construction (poses resolved through the
// World, flights built with terrain clearance), so at(t) is a cheap, pure lookup.
#include "briefing/BriefingTimeline.h"

#include <algorithm>
#include <cmath>

#include "camera/TerrainClearance.h"
#include "core/Error.h"

namespace tb::briefing {

namespace {

double wrap180(double d) {
  d = std::fmod(d, 360.0);
  if (d >= 180.0) d -= 360.0;
  if (d < -180.0) d += 360.0;
  return d;
}

Sun mixSun(const Sun& a, const Sun& b, double e) {
  return {a.azimuthDeg + wrap180(b.azimuthDeg - a.azimuthDeg) * e, a.elevationDeg + (b.elevationDeg - a.elevationDeg) * e};
}

// A layer's visibility and opacity blend as one "effective opacity" (hidden = 0), so a layer
// that a step turns off fades out during a flight instead of vanishing.
std::vector<LayerFrame> mixLayers(const std::vector<LayerFrame>& a, const std::vector<LayerFrame>& b, double e) {
  std::vector<LayerFrame> out = b;
  for (size_t i = 0; i < out.size() && i < a.size(); ++i) {
    const double ea = a[i].visible ? a[i].opacity : 0.0, eb = b[i].visible ? b[i].opacity : 0.0;
    const double o = ea + (eb - ea) * e;
    out[i].visible = o > 0.0;
    out[i].opacity = o > 0.0 ? o : b[i].opacity;
  }
  return out;
}

std::vector<LayerFrame> sceneLayers(const scene::Scene& s) {
  std::vector<LayerFrame> out;
  for (const auto& l : s.imagery) out.push_back({l.name, l.visible, l.opacity});
  for (const auto& o : s.overlays) out.push_back({o.name, o.visible, 1.0});
  return out;
}

void applyLayers(std::vector<LayerFrame>& state, const std::vector<LayerState>& changes) {
  for (const LayerState& c : changes)
    for (LayerFrame& l : state)
      if (l.name == c.name) {
        if (c.visible) l.visible = *c.visible;
        if (c.opacity) l.opacity = *c.opacity;
      }
}

CameraPose resolveView(const world::World& world, const StepView& v, double exaggeration) {
  switch (v.kind) {
    case StepView::Kind::Site: return world.sitePose(*world.scene.findSite(v.ref), exaggeration);
    case StepView::Kind::View: return world.viewPose(*world.scene.findView(v.ref), exaggeration);
    case StepView::Kind::LookAt:
    case StepView::Kind::Camera: return world.viewPose(v.spec, exaggeration);
  }
  return world.overviewPose(exaggeration);
}

}  // namespace

CameraPose rescaleExaggeration(const CameraPose& pose, double fromExaggeration, double toExaggeration) {
  if (fromExaggeration == toExaggeration) return pose;
  const double k = toExaggeration / fromExaggeration;
  CameraPose out = pose;
  out.eye.z *= k;
  if (std::abs(pose.pitchDeg) < 90.0) out.pitchDeg = glm::degrees(std::atan(std::tan(glm::radians(pose.pitchDeg)) * k));
  return out;
}

const terrain::HeightField* BriefingTimeline::field() const {
  return world_->heights.width() > 0 ? &world_->heights : nullptr;
}

BriefingTimeline::BriefingTimeline(const Briefing& briefing, const world::World& world, const TimelineOptions& options)
    : world_(&world), options_(options) {
  validateAgainst(briefing, world.scene);
  if (briefing.steps.empty()) throw Error(briefing.where("/steps"), "/steps: a briefing needs at least one step");
  std::vector<LayerFrame> layers = sceneLayers(world.scene);
  double exaggeration = world.scene.render.exaggeration;
  Sun sun{world.scene.render.sunAzimuthDeg, world.scene.render.sunElevationDeg};
  double t = 0.0;
  steps_.reserve(briefing.steps.size());
  for (size_t i = 0; i < briefing.steps.size(); ++i) {
    const Step& s = briefing.steps[i];
    Planned p;
    p.title = s.title;
    p.caption = s.caption;
    p.highlights = s.highlight;
    p.analyses = s.analyses;
    p.holdSeconds = s.holdSeconds;
    p.orbitDegPerSec = s.orbitDegPerSec.value_or(0.0);
    p.start = t;
    p.kind = s.transition.kind;
    p.easing = s.transition.easing;
    exaggeration = s.exaggeration.value_or(exaggeration);
    sun = s.sun.value_or(sun);
    applyLayers(layers, s.layers);
    p.exaggeration = exaggeration;
    p.sun = sun;
    p.layers = layers;
    p.pose = resolveView(world, s.view, exaggeration);

    const camera::LookAtView look = camera::lookAtViewOf(p.pose, field(), exaggeration);
    p.orbitTarget = look.target;
    const double ground = field() ? camera::groundZ(*field(), exaggeration, glm::dvec2(p.pose.eye)) : 0.0;
    p.orbitClearance0 = p.pose.eye.z - ground;

    if (i > 0) {
      const Planned& prev = steps_.back();
      switch (p.kind) {
        case TransitionKind::Flight: {
          camera::FlightOptions fo = options.flight;
          fo.easing = p.easing;
          fo.durationSeconds = s.transition.durationSeconds.value_or(0.0);
          // Flown in this step's render space; at(t) maps each pose to the blended exaggeration.
          const CameraPose from = rescaleExaggeration(prev.endPose, prev.exaggeration, exaggeration);
          if (!s.transition.durationSeconds || *s.transition.durationSeconds > 0.0) {
            p.flight.emplace(from, p.pose, fo, field(), exaggeration);
            p.transitionSeconds = p.flight->durationSeconds();
          }
          break;
        }
        case TransitionKind::Fade: p.transitionSeconds = s.transition.durationSeconds.value_or(kDefaultFadeSeconds); break;
        case TransitionKind::Cut: p.transitionSeconds = s.transition.durationSeconds.value_or(0.0); break;
      }
    }
    p.endPose = orbitPose(p, p.holdSeconds);
    t += p.transitionSeconds + p.holdSeconds;
    steps_.push_back(std::move(p));
  }
  total_ = t;
}

CameraPose BriefingTimeline::orbitPose(const Planned& p, double seconds) const {
  if (p.orbitDegPerSec == 0.0 || seconds <= 0.0) return p.pose;
  const double turn = p.orbitDegPerSec * seconds;
  const double a = glm::radians(turn);
  // Clockwise seen from above (x east, y north), so that heading grows with positive rates.
  const glm::dvec2 r = glm::dvec2(p.pose.eye - p.orbitTarget);
  const glm::dvec2 rr(r.x * std::cos(a) + r.y * std::sin(a), -r.x * std::sin(a) + r.y * std::cos(a));
  CameraPose out = p.pose;
  out.eye = glm::dvec3(glm::dvec2(p.orbitTarget) + rr, p.pose.eye.z);
  out.headingDeg = p.pose.headingDeg + turn;
  if (const terrain::HeightField* f = field()) {
    // The required clearance grows from the view's own (which may be lower) with the arc
    // travelled, so the orbit leaves its start pose continuously.
    const double arc = std::abs(a) * glm::length(r);
    const double need = std::min(options_.orbitClearance, p.orbitClearance0 + arc);
    const double floorZ = camera::groundZ(*f, p.exaggeration, glm::dvec2(out.eye)) + need;
    if (out.eye.z < floorZ) {
      out.eye.z = floorZ;  // lifted: keep looking at the target, pitch steepens
      const glm::dvec3 d = p.orbitTarget - out.eye;
      out.pitchDeg = glm::degrees(std::atan2(d.z, glm::length(glm::dvec2(d))));
    }
  }
  return out;
}

size_t BriefingTimeline::stepAt(double t) const {
  size_t i = 0;
  while (i + 1 < steps_.size() && steps_[i + 1].start <= t) ++i;
  return i;
}

void BriefingTimeline::fillStepState(FrameState& f, const Planned& p) const {
  f.highlights = p.highlights;
  f.analyses = p.analyses;
  f.layers = p.layers;
  f.exaggeration = p.exaggeration;
  f.sun = p.sun;
}

double captionBlend(TransitionKind kind, double transitionSeconds, double sinceStart) {
  // A cut (a flight of no length is one) changes the picture at once, and the caption with it.
  if (kind == TransitionKind::Cut || transitionSeconds <= 0) return 1.0;
  if (kind == TransitionKind::Fade) return sinceStart < 0.5 * transitionSeconds ? 0.0 : 1.0;
  return std::clamp(sinceStart / std::min(kCaptionCrossfadeSeconds, transitionSeconds), 0.0, 1.0);
}

FrameState BriefingTimeline::at(double t) const {
  t = std::clamp(t, 0.0, total_);
  return atStep(stepAt(t), t);
}

double BriefingTimeline::stillTime(size_t i) const {
  const double hold = holdStart(i);
  const double end = i + 1 < steps_.size() ? steps_[i + 1].start : total_;
  // Half a second into the hold: the flight has landed, an orbit has barely moved.
  return hold + std::min(0.5, std::max(0.0, end - hold) * 0.25);
}

FrameState BriefingTimeline::atStep(size_t i, double t) const {
  const Planned& p = steps_.at(i);
  t = std::clamp(t, p.start, i + 1 < steps_.size() ? steps_[i + 1].start : total_);
  FrameState f;
  f.step = i;
  f.title = p.title;
  f.caption = p.caption;
  f.transition = p.kind;
  f.stepStartTime = p.start;
  f.holdStartTime = p.start + p.transitionSeconds;
  const double local = t - p.start;
  if (i > 0) {
    f.captionBlend = captionBlend(p.kind, p.transitionSeconds, local);
    if (f.captionBlend < 1.0) {
      f.previousTitle = steps_[i - 1].title;
      f.previousCaption = steps_[i - 1].caption;
    }
  }

  if (i == 0 || t >= p.start + p.transitionSeconds) {  // as holdStart(i), to the last bit
    fillStepState(f, p);
    f.camera = orbitPose(p, local - p.transitionSeconds);
    return f;
  }

  const Planned& prev = steps_[i - 1];
  const double u = local / p.transitionSeconds;  // transitionSeconds > 0 here
  f.inTransition = true;
  f.transitionProgress = u;
  switch (p.kind) {
    case TransitionKind::Cut:
      fillStepState(f, p);
      f.camera = p.pose;
      break;
    case TransitionKind::Fade: {
      const bool before = u < 0.5;  // the cut happens under full black, at the midpoint
      fillStepState(f, before ? prev : p);
      f.camera = before ? prev.endPose : p.pose;
      f.fadeAlpha = camera::ease(p.easing, before ? 2.0 * u : 2.0 * (1.0 - u));
      break;
    }
    case TransitionKind::Flight: {
      const double e = camera::ease(p.easing, u);
      f.highlights = p.highlights;
      f.analyses = p.analyses;
      f.layers = mixLayers(prev.layers, p.layers, e);
      f.exaggeration = prev.exaggeration + (p.exaggeration - prev.exaggeration) * e;
      f.sun = mixSun(prev.sun, p.sun, e);
      f.camera = rescaleExaggeration(p.flight->at(u), p.exaggeration, f.exaggeration);
      break;
    }
  }
  return f;
}

}  // namespace tb::briefing
