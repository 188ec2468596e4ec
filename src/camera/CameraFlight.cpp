// CameraFlight: interpolation in look-at space along van Wijk & Nuij's path, plus a terrain lift
// planned once per flight so that the eye clears the ground without per-frame clamping jumps.
#include "camera/CameraFlight.h"

#include <algorithm>
#include <cmath>

#include "camera/TerrainClearance.h"
#include "terrain/TerrainRay.h"

namespace tb::camera {

namespace {

constexpr int kLiftSamples = 1024;

double smoothstep01(double x) {
  x = std::clamp(x, 0.0, 1.0);
  return x * x * (3.0 - 2.0 * x);
}

double wrapDegrees180(double d) {
  d = std::fmod(d, 360.0);
  if (d >= 180.0) d -= 360.0;
  if (d < -180.0) d += 360.0;
  return d;
}

double visibleWidth(const LookAtView& v) { return 2.0 * v.range * std::tan(glm::radians(v.fovYDeg) * 0.5); }

}  // namespace

double ease(Easing easing, double t) {
  t = std::clamp(t, 0.0, 1.0);
  switch (easing) {
    case Easing::Linear:
      return t;
    case Easing::Smoothstep:
      return smoothstep01(t);
    case Easing::EaseInOutCubic:
      return t < 0.5 ? 4.0 * t * t * t : 1.0 - std::pow(-2.0 * t + 2.0, 3.0) * 0.5;
  }
  return t;
}

LookAtView lookAtViewOf(const CameraPose& pose, const terrain::HeightField* field, double exaggeration) {
  LookAtView v;
  v.headingDeg = pose.headingDeg;
  v.pitchDeg = pose.pitchDeg;
  v.fovYDeg = pose.fovYDeg;
  const glm::dvec3 fwd = pose.forward();
  double distance = -1.0;
  if (field) {
    if (auto hit = terrain::intersectRay(*field, pose.eye, fwd, exaggeration)) distance = glm::dot(*hit - pose.eye, fwd);
  } else if (fwd.z < -1e-3) {
    distance = -pose.eye.z / fwd.z;  // the z = 0 plane stands in for missing terrain
  }
  if (!(distance > 1e-3)) {
    // Looking at the sky or the horizon: orbit a point whose distance grows with altitude.
    const double ground = field ? groundZ(*field, exaggeration, glm::dvec2(pose.eye)) : 0.0;
    distance = std::max(1000.0, 3.0 * (pose.eye.z - ground));
  }
  v.range = distance;
  // Rebuilt from the ray (not the hit itself) so that v.pose() reproduces the eye to rounding.
  v.target = pose.eye + fwd * distance;
  return v;
}

CameraFlight::CameraFlight(const CameraPose& from, const CameraPose& to, const FlightOptions& options,
                           const terrain::HeightField* field, double exaggeration,
                           const terrain::GroundDetail* detail)
    : from_(from), to_(to), options_(options) {
  a_ = lookAtViewOf(from, field, exaggeration);
  b_ = lookAtViewOf(to, field, exaggeration);
  headingDelta_ = wrapDegrees180(b_.headingDeg - a_.headingDeg);
  groundDistance_ = glm::length(glm::dvec2(b_.target - a_.target));
  path_ = ZoomPanPath(groundDistance_, visibleWidth(a_), visibleWidth(b_), options.rho);
  pathS_ = path_.length();

  const double turn = std::max({std::abs(headingDelta_), std::abs(b_.pitchDeg - a_.pitchDeg),
                                std::abs(b_.fovYDeg - a_.fovYDeg)});
  const bool still = pathS_ < 1e-9 && turn < 1e-9 && glm::length(to.eye - from.eye) < 1e-9;
  if (options.durationSeconds > 0.0) {
    duration_ = options.durationSeconds;
  } else if (!still) {
    const double wanted = std::max(pathS_ / options.pathSpeed, turn / options.turnSpeedDegPerSec);
    duration_ = std::clamp(wanted, options.minSeconds, options.maxSeconds);
  }
  if (field && field->width() > 0 && duration_ > 0.0) planLift(*field, detail, exaggeration);
}

CameraFlight::RawPose CameraFlight::rawAt(double e) const {
  const double fov = glm::mix(a_.fovYDeg, b_.fovYDeg, e);
  double f = e, range;
  if (pathS_ > 1e-12) {
    const double s = e * pathS_;
    if (!path_.pureZoom() && groundDistance_ > 0.0) f = path_.u(s) / groundDistance_;
    range = path_.w(s) / (2.0 * std::tan(glm::radians(fov) * 0.5));
  } else {
    range = a_.range * std::pow(b_.range / a_.range, e);
  }
  const glm::dvec3 target = glm::mix(a_.target, b_.target, std::clamp(f, 0.0, 1.0));
  const double heading = a_.headingDeg + headingDelta_ * e;
  const double pitch = glm::mix(a_.pitchDeg, b_.pitchDeg, e);
  return {target, lookAtPose(target, range, heading, pitch, fov)};
}

void CameraFlight::planLift(const terrain::HeightField& field, const terrain::GroundDetail* detail,
                            double exaggeration) {
  const int n = kLiftSamples;
  std::vector<glm::dvec3> eye(n);
  std::vector<double> arc(n, 0.0);
  for (int i = 0; i < n; ++i) {
    eye[i] = rawAt(double(i) / (n - 1)).pose.eye;
    if (i > 0) arc[i] = arc[i - 1] + glm::length(eye[i] - eye[i - 1]);
  }
  const double total = arc[n - 1];
  // An end pose closer to the ground than the clearance is the user's choice: the required
  // clearance grows from it with distance travelled, so the flight still ends exactly there.
  const double clear0 = from_.eye.z - groundZ(field, detail, exaggeration, glm::dvec2(from_.eye));
  const double clear1 = to_.eye.z - groundZ(field, detail, exaggeration, glm::dvec2(to_.eye));
  const double spacing = 1.0 / (n - 1);
  const double window = spacing + std::max(0.0, options_.liftSmoothing);
  for (int i = 1; i < n - 1; ++i) {
    const glm::dvec2 p(eye[i]);
    const double step = std::max(glm::length(p - glm::dvec2(eye[i - 1])), glm::length(glm::dvec2(eye[i + 1]) - p));
    // Bounds over the whole neighbourhood, so that the eye clears the ground between samples too.
    const double ground = maxGroundZNear(field, detail, exaggeration, p, step);
    const double lowestEye = std::min({eye[i - 1].z, eye[i].z, eye[i + 1].z});
    const double clearance = std::min({options_.clearance, clear0 + arc[i], clear1 + (total - arc[i])});
    const double lift = ground + clearance - lowestEye;
    if (lift <= 0.0) continue;
    const double e = double(i) * spacing;
    // The window never reaches an end of the flight, so at(0) and at(1) stay exact.
    const double reach = std::min({window, e, 1.0 - e});
    const double flat = reach * spacing / window;
    lifts_.push_back({e, lift, flat, reach - flat});
  }
}

double CameraFlight::liftAt(double e) const {
  double best = 0.0;
  for (const Lift& l : lifts_) {
    if (l.lift <= best) continue;
    const double d = std::abs(e - l.e);
    if (d >= l.flat + l.fall) continue;
    const double k = d <= l.flat ? 1.0 : 1.0 - smoothstep01((d - l.flat) / l.fall);
    best = std::max(best, l.lift * k);
  }
  return best;
}

CameraPose CameraFlight::at(double t01) const {
  if (duration_ <= 0.0 || t01 >= 1.0) return to_;
  if (t01 <= 0.0) return from_;
  const double e = ease(options_.easing, t01);
  RawPose raw = rawAt(e);
  const double lift = liftAt(e);
  if (lift > 0.0) {
    // Keep looking at the interpolated target from the lifted eye (heading is unchanged because
    // the lift is vertical); only the pitch steepens.
    raw.pose.eye.z += lift;
    const glm::dvec3 d = raw.target - raw.pose.eye;
    raw.pose.pitchDeg = glm::degrees(std::atan2(d.z, glm::length(glm::dvec2(d))));
  }
  return raw.pose;
}

}  // namespace tb::camera
