// NavigationController: turns mouse/keyboard events into camera motion. The orbit operations are
// exact rigid motions (rotation about the pivot, translation in the grabbed point's plane, motion
// along the cursor ray), which is what keeps the picked point under the cursor.
#include "camera/CameraNavigation.h"

#include <algorithm>
#include <cmath>

#include <glm/gtc/matrix_transform.hpp>

#include "camera/CameraRay.h"
#include "camera/TerrainClearance.h"
#include "terrain/TerrainRay.h"

namespace tb::camera {

namespace {

constexpr double kOrbitPitchMin = -89.9, kOrbitPitchMax = 0.0;
constexpr double kFlyPitchLimit = 89.9;
// A drag released after the mouse rested this long gets no inertia.
constexpr double kInertiaRestSeconds = 0.08;

glm::dvec3 rotateAbout(const glm::dvec3& p, const glm::dvec3& pivot, double angleDeg, const glm::dvec3& axis) {
  const glm::dmat4 r = glm::rotate(glm::dmat4(1.0), glm::radians(angleDeg), axis);
  return pivot + glm::dvec3(r * glm::dvec4(p - pivot, 0.0));
}

double wrapHeading(double h) {
  h = std::fmod(h, 360.0);
  return h < 0.0 ? h + 360.0 : h;
}

}  // namespace

NavigationController::NavigationController(const CameraPose& initial, NavigationOptions options)
    : pose_(initial), home_(initial), opt_(std::move(options)) {}

void NavigationController::setViewport(int width, int height) {
  vpW_ = std::max(1, width);
  vpH_ = std::max(1, height);
}

void NavigationController::setTerrain(const terrain::HeightField* field, double exaggeration) {
  // Same terrain, new exaggeration: the ground point looked at (the view's centre) rises or falls
  // with the terrain and the eye moves with it, same range and angles, so the view stays on it.
  // Looking at the sky, keep the height above ground instead.
  const bool rescale = field && field == field_ && exaggeration != exaggeration_;
  const double agl = rescale ? pose_.eye.z - groundZAt(glm::dvec2(pose_.eye)) : 0.0;
  std::optional<glm::dvec3> looked;
  if (rescale) looked = terrain::intersectRay(*field, pose_.eye, pose_.forward(), exaggeration_);
  const double previousExaggeration = exaggeration_;
  field_ = field;
  exaggeration_ = exaggeration;
  bounds_ = Bounds{};
  maxFlySpeed_ = 1e300;
  if (field) {
    const glm::dvec2 nw = field->originNW();
    const double w = field->cellSize() * (field->width() - 1), h = field->cellSize() * (field->height() - 1);
    const double size = std::max({w, h, 1000.0});
    const double margin = opt_.boundsMarginSizes * size;
    bounds_.lo = glm::dvec3(nw.x - margin, nw.y - h - margin, -1e300);
    bounds_.hi = glm::dvec3(nw.x + w + margin, nw.y + margin,
                            std::max(0.0, double(field->maxHeight())) * exaggeration + opt_.ceilingSizes * size);
    maxFlySpeed_ = size / std::max(1e-3, opt_.maxFlySecondsPerSize);
  }
  if (rescale) {
    stop();
    if (looked)
      pose_.eye.z += looked->z * (exaggeration / previousExaggeration - 1.0);
    else
      pose_.eye.z = groundZAt(glm::dvec2(pose_.eye)) + agl;
  }
  keepInBounds(pose_);
}

void NavigationController::setPick(PickFunction pick) { pick_ = std::move(pick); }

void NavigationController::setMode(NavigationMode mode) {
  mode_ = mode;
  drag_ = Drag::None;
  if (mode == NavigationMode::Orbit && pose_.pitchDeg > kOrbitPitchMax) {
    CameraPose level = pose_;
    level.pitchDeg = kOrbitPitchMax;
    flyTo(level);
  }
}

std::optional<glm::dvec3> NavigationController::pick(double px, double py) const {
  if (pick_) return pick_(px, py);
  const glm::dvec3 d = rayDirection(pose_, vpW_, vpH_, px, py);
  if (field_)
    if (auto hit = terrain::intersectRay(*field_, pose_.eye, d, exaggeration_)) return hit;
  // Off the grid (or no terrain) the ground is taken to continue at its lowest height, so the
  // sea beyond the data's edge can still be grabbed and zoomed toward.
  const double floorZ = field_ ? field_->minHeight() * exaggeration_ : 0.0;
  if (d.z < 0.0 && pose_.eye.z > floorZ) return pose_.eye + d * ((floorZ - pose_.eye.z) / d.z);
  return std::nullopt;
}

glm::dvec3 NavigationController::pivotFallback() const {
  // Nothing under the cursor (sky, off the grid): use the point ahead at ground level, or a
  // point ahead at a distance that grows with altitude when looking level.
  const glm::dvec3 f = pose_.forward();
  const double ground = groundZAt(glm::dvec2(pose_.eye));
  const double agl = std::max(1.0, pose_.eye.z - ground);
  if (f.z < -0.05) return pose_.eye + f * std::min((ground - pose_.eye.z) / f.z, 50.0 * agl);
  return pose_.eye + f * std::max(1000.0, 3.0 * agl);
}

double NavigationController::groundZAt(glm::dvec2 xy) const {
  return field_ ? groundZ(*field_, detail_, exaggeration_, xy) : 0.0;
}

bool NavigationController::allowed(const CameraPose& pose) const {
  return !field_ || (bounds_.contains(pose.eye) && pose.eye.z >= groundZAt(glm::dvec2(pose.eye)) + opt_.clearance);
}

void NavigationController::keepInBounds(CameraPose& pose) const {
  if (!field_) return;
  // A NaN from a degenerate ray must not survive either: it would poison every later pose.
  if (!std::isfinite(pose.eye.x) || !std::isfinite(pose.eye.y) || !std::isfinite(pose.eye.z))
    pose.eye = glm::dvec3(0.5 * (bounds_.lo.x + bounds_.hi.x), 0.5 * (bounds_.lo.y + bounds_.hi.y), bounds_.hi.z);
  pose.eye.x = std::clamp(pose.eye.x, bounds_.lo.x, bounds_.hi.x);
  pose.eye.y = std::clamp(pose.eye.y, bounds_.lo.y, bounds_.hi.y);
  pose.eye.z = std::max(std::min(pose.eye.z, bounds_.hi.z), groundZAt(glm::dvec2(pose.eye)) + opt_.clearance);
}

void NavigationController::cancelAnimation() {
  flight_.reset();
  inertia_ = false;
  rotateVelocity_ = panVelocity_ = glm::dvec2(0.0);
}

void NavigationController::stop() {
  cancelAnimation();
  drag_ = Drag::None;
}

bool NavigationController::isAnimating() const {
  const bool moving = mode_ == NavigationMode::Fly &&
                      (keys_[int(NavKey::Forward)] || keys_[int(NavKey::Back)] || keys_[int(NavKey::Left)] ||
                       keys_[int(NavKey::Right)] || keys_[int(NavKey::Up)] || keys_[int(NavKey::Down)]);
  return flight_.has_value() || inertia_ || moving;
}

// [SECTION] mouse

void NavigationController::mouseDown(MouseButton button, double px, double py) {
  cancelAnimation();
  if (drag_ != Drag::None) return;  // a second button during a drag does not start another
  lastMouse_ = {px, py};
  dragButton_ = button;
  pendingRotate_ = pendingPan_ = glm::dvec2(0.0);
  sinceMotion_ = 0.0;
  if (mode_ == NavigationMode::Fly) {
    drag_ = Drag::Look;
    return;
  }
  const std::optional<glm::dvec3> hit = pick(px, py);
  if (button == MouseButton::Left) {
    drag_ = Drag::Rotate;
    pivot_ = hit ? *hit : pivotFallback();
    return;
  }
  if (hit) {
    pivot_ = *hit;
  } else {
    // Grab the cursor ray's crossing of the horizontal plane through the view's ground point.
    const glm::dvec3 d = rayDirection(pose_, vpW_, vpH_, px, py);
    const double planeZ = pivotFallback().z;
    const double t = (planeZ - pose_.eye.z) / d.z;
    if (!(t > 0.0) || !std::isfinite(t)) return;  // nothing to hold on to
    pivot_ = pose_.eye + d * t;
  }
  drag_ = Drag::Pan;
}

void NavigationController::mouseUp(MouseButton button, double, double) {
  if (drag_ == Drag::None || button != dragButton_) return;
  const bool released = drag_ == Drag::Rotate || drag_ == Drag::Pan;
  // Inertia only when the mouse was still moving at release (not after resting).
  if (released && sinceMotion_ < kInertiaRestSeconds &&
      (glm::length(rotateVelocity_) > 0.0 || glm::length(panVelocity_) > 0.0)) {
    inertia_ = true;
    if (drag_ == Drag::Rotate) panVelocity_ = glm::dvec2(0.0);
    if (drag_ == Drag::Pan) rotateVelocity_ = glm::dvec2(0.0);
  }
  drag_ = Drag::None;
}

void NavigationController::mouseMove(double px, double py) {
  const glm::dvec2 delta = glm::dvec2(px, py) - lastMouse_;
  lastMouse_ = {px, py};
  switch (drag_) {
    case Drag::None:
      return;
    case Drag::Rotate:
      rotateAboutPivot(-delta.x * opt_.rotateDegPerPixel, -delta.y * opt_.rotateDegPerPixel);
      return;
    case Drag::Pan:
      panTo(px, py);
      return;
    case Drag::Look:
      look(delta.x * opt_.lookDegPerPixel, -delta.y * opt_.lookDegPerPixel);
      return;
  }
}

void NavigationController::rotateAboutPivot(double headingDeg, double pitchDeg) {
  // Rigid rotation of the whole camera about the pivot: first about the camera's right axis
  // (pitch), then about the vertical through the pivot (heading). A rigid motion of camera and
  // pivot together leaves the pivot's image where it was.
  const double newPitch = std::clamp(pose_.pitchDeg + pitchDeg, kOrbitPitchMin, kOrbitPitchMax);
  auto rotated = [&](double dp) {
    CameraPose p = pose_;
    p.eye = rotateAbout(p.eye, pivot_, dp, pose_.right());
    p.pitchDeg = pose_.pitchDeg + dp;
    p.eye = rotateAbout(p.eye, pivot_, -headingDeg, glm::dvec3(0, 0, 1));
    p.headingDeg = wrapHeading(p.headingDeg + headingDeg);
    return p;
  };
  double dp = newPitch - pose_.pitchDeg;
  CameraPose next = rotated(dp);
  if (!allowed(next)) {
    // Tilting this far would dive into the ground (or leave the bounds): tilt as far as stays
    // clear (bisection), and if even turning alone collides, lift the eye (the pivot then drifts
    // a little in the image).
    double ok = 0.0, bad = dp;
    for (int i = 0; i < 40; ++i) {
      const double mid = 0.5 * (ok + bad);
      (allowed(rotated(mid)) ? ok : bad) = mid;
    }
    dp = ok;
    next = rotated(dp);
    keepInBounds(next);
  }
  pose_ = next;
  pendingRotate_ += glm::dvec2(headingDeg, dp);
}

bool NavigationController::panTo(double px, double py) {
  // Translate horizontally so the cursor ray meets the grabbed point's height plane at the
  // grabbed point itself.
  const glm::dvec3 d = rayDirection(pose_, vpW_, vpH_, px, py);
  const double t = (pivot_.z - pose_.eye.z) / d.z;
  const double grabDistance = glm::length(pivot_ - pose_.eye);
  // Near the horizon the crossing runs off to infinity; such a move is ignored, not obeyed.
  if (!(t > 0.0) || !std::isfinite(t) || t > 50.0 * std::max(grabDistance, 1.0)) return false;
  const glm::dvec2 shift = glm::dvec2(pivot_) - glm::dvec2(pose_.eye + d * t);
  pose_.eye.x += shift.x;
  pose_.eye.y += shift.y;
  keepInBounds(pose_);
  pendingPan_ += shift;
  return true;
}

void NavigationController::look(double headingDeg, double pitchDeg) {
  pose_.headingDeg = wrapHeading(pose_.headingDeg + headingDeg);
  pose_.pitchDeg = std::clamp(pose_.pitchDeg + pitchDeg, -kFlyPitchLimit, kFlyPitchLimit);
}

void NavigationController::wheel(double notches, double px, double py) {
  cancelAnimation();
  if (notches == 0.0) return;
  glm::dvec3 d = rayDirection(pose_, vpW_, vpH_, px, py);
  const std::optional<glm::dvec3> hit = pick(px, py);
  if (!hit && d.z > 0.0) {
    // Over the sky there is nothing to zoom toward; following the ray would climb away from the
    // terrain. Move level toward the horizon under the cursor instead.
    d.z = 0.0;
    if (glm::length(d) < 1e-6) return;
    d = glm::normalize(d);
  }
  const glm::dvec3 target = hit ? *hit : pose_.eye + d * std::max(1000.0, 3.0 * (pose_.eye.z - groundZAt(glm::dvec2(pose_.eye))));
  const double distance = glm::length(target - pose_.eye);
  if (!(distance > 0.0)) return;
  const glm::dvec3 toTarget = (target - pose_.eye) / distance;
  double wanted = distance * std::pow(1.0 - opt_.wheelZoomPerNotch, notches);
  if (notches > 0.0) wanted = std::max(wanted, std::min(distance, opt_.minZoomDistance));
  wanted = std::min(wanted, 2e6);
  // Moving along the ray through the cursor keeps the target at its pixel; if the full step
  // would hit the ground or leave the bounds, take the largest part of it that does not (bisection).
  auto at = [&](double dist) {
    CameraPose p = pose_;
    p.eye = target - toTarget * dist;
    return p;
  };
  CameraPose next = at(wanted);
  if (!allowed(next)) {
    double ok = distance, bad = wanted;
    for (int i = 0; i < 40; ++i) {
      const double mid = 0.5 * (ok + bad);
      (allowed(at(mid)) ? ok : bad) = mid;
    }
    next = at(ok);
    keepInBounds(next);
  }
  pose_ = next;
}

// [SECTION] keys, flights and time

void NavigationController::keyDown(NavKey key) {
  if (key == NavKey::Home) {
    goHome();
    return;
  }
  keys_[int(key)] = true;
  if (mode_ == NavigationMode::Fly && key != NavKey::Faster) cancelAnimation();
}

void NavigationController::keyUp(NavKey key) { keys_[int(key)] = false; }

void NavigationController::flyTo(const CameraPose& target, double durationSeconds) {
  stop();
  CameraPose goal = target;
  keepInBounds(goal);
  FlightOptions options = opt_.flight;
  if (durationSeconds > 0.0) options.durationSeconds = durationSeconds;
  flight_.emplace(pose_, goal, options, field_, exaggeration_, detail_);
  flightTime_ = 0.0;
  if (flight_->durationSeconds() <= 0.0) {
    pose_ = goal;
    flight_.reset();
  }
}

void NavigationController::setPose(const CameraPose& pose) {
  stop();
  pose_ = pose;
  keepInBounds(pose_);
}

void NavigationController::update(double dt) {
  if (!(dt > 0.0)) return;
  if (flight_) {
    flightTime_ += dt;
    const double t = flightTime_ / flight_->durationSeconds();
    pose_ = flight_->at(t);
    keepInBounds(pose_);  // the zoom-out arc between far-apart views may reach above the ceiling
    if (t >= 1.0) flight_.reset();
    return;
  }
  if (drag_ == Drag::Rotate || drag_ == Drag::Pan) {
    // Velocity of the drag, smoothed over a few frames, so a release can hand it to inertia.
    if (pendingRotate_ != glm::dvec2(0.0) || pendingPan_ != glm::dvec2(0.0)) {
      rotateVelocity_ = 0.5 * rotateVelocity_ + 0.5 * pendingRotate_ / dt;
      panVelocity_ = 0.5 * panVelocity_ + 0.5 * pendingPan_ / dt;
      sinceMotion_ = 0.0;
    } else {
      sinceMotion_ += dt;
    }
    pendingRotate_ = pendingPan_ = glm::dvec2(0.0);
  }
  if (inertia_) updateInertia(dt);
  if (mode_ == NavigationMode::Fly) updateFly(dt);
}

void NavigationController::updateInertia(double dt) {
  // v(t) = v0 exp(-t/tau): the distance covered over dt is v0 tau (1 - exp(-dt/tau)).
  const double tau = std::max(1e-3, opt_.inertiaSeconds);
  const double decay = std::exp(-dt / tau);
  const double gain = tau * (1.0 - decay);
  rotateVelocity_ = glm::clamp(rotateVelocity_, glm::dvec2(-720.0), glm::dvec2(720.0));
  if (rotateVelocity_ != glm::dvec2(0.0)) rotateAboutPivot(rotateVelocity_.x * gain, rotateVelocity_.y * gain);
  if (panVelocity_ != glm::dvec2(0.0)) {
    pose_.eye += glm::dvec3(panVelocity_ * gain, 0.0);
    keepInBounds(pose_);
  }
  rotateVelocity_ *= decay;
  panVelocity_ *= decay;
  const double agl = std::max(1.0, pose_.eye.z - groundZAt(glm::dvec2(pose_.eye)));
  if (glm::length(rotateVelocity_) < 0.2 && glm::length(panVelocity_) < 0.01 * agl) {
    inertia_ = false;
    rotateVelocity_ = panVelocity_ = glm::dvec2(0.0);
  }
}

void NavigationController::updateFly(double dt) {
  auto held = [&](NavKey k) { return keys_[int(k)] ? 1.0 : 0.0; };
  const glm::dvec3 dir = pose_.forward() * (held(NavKey::Forward) - held(NavKey::Back)) +
                         pose_.right() * (held(NavKey::Right) - held(NavKey::Left)) +
                         glm::dvec3(0, 0, 1) * (held(NavKey::Up) - held(NavKey::Down));
  if (glm::length(dir) < 1e-9) return;
  const double agl = pose_.eye.z - groundZAt(glm::dvec2(pose_.eye));
  double speed = std::clamp(opt_.flySpeedPerMetre * agl, opt_.minFlySpeed, std::max(opt_.minFlySpeed, maxFlySpeed_));
  if (keys_[int(NavKey::Faster)]) speed *= opt_.fasterFactor;
  pose_.eye += glm::normalize(dir) * speed * dt;
  // Flying into a slope slides the eye up it rather than through it.
  keepInBounds(pose_);
}

}  // namespace tb::camera
