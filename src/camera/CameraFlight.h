// A smooth animated flight between two camera poses: the look-at target travels the ground path
// while the view width follows van Wijk & Nuij's optimal zoom-and-pan curve (zooming out between
// distant views), heading turns the short way, and the eye is lifted smoothly over terrain.
// Used by the viewer (fly to a site, a view, Home) and the briefing timeline (smooth transitions).
#pragma once
#include <vector>

#include <glm/glm.hpp>

#include "core/Camera.h"
#include "camera/ZoomPanPath.h"
#include "terrain/GroundDetail.h"
#include "terrain/HeightField.h"

namespace tb::camera {

enum class Easing { Linear, EaseInOutCubic, Smoothstep };

// Maps [0,1] onto [0,1], monotone, with ease(0) = 0 and ease(1) = 1; input is clamped.
double ease(Easing easing, double t);

struct FlightOptions {
  double rho = 1.4;                  // van Wijk & Nuij's zoom/pan trade-off
  double pathSpeed = 1.1;            // path length units (S) per second when the duration is automatic
  double turnSpeedDegPerSec = 60.0;  // a flight is at least long enough to turn at this rate
  double minSeconds = 1.0, maxSeconds = 8.0;
  double durationSeconds = 0.0;      // > 0: use exactly this duration
  Easing easing = Easing::EaseInOutCubic;
  double clearance = 30.0;           // render-space metres kept between the eye and the ground
  double liftSmoothing = 0.08;       // fraction of the flight over which a terrain lift fades in/out
};

// A camera described by what it looks at: the basis of the interpolation (targets move along
// the ground, ranges follow the zoom curve).
struct LookAtView {
  glm::dvec3 target{0.0};
  double range = 1000.0;
  double headingDeg = 0.0, pitchDeg = -30.0, fovYDeg = 40.0;
  CameraPose pose() const { return lookAtPose(target, range, headingDeg, pitchDeg, fovYDeg); }
};

// What a pose looks at: the terrain point on its view ray when there is one (field may be null),
// else a point on the ray at a distance that grows with the height above ground.
LookAtView lookAtViewOf(const CameraPose& pose, const terrain::HeightField* field, double exaggeration);

class CameraFlight {
 public:
  // field may be null (no terrain clearance); detail (finer heights where at hand, may be null)
  // refines its clearance. Both are used only while the flight is planned, here.
  CameraFlight(const CameraPose& from, const CameraPose& to, const FlightOptions& options,
               const terrain::HeightField* field, double exaggeration, const terrain::GroundDetail* detail = nullptr);

  // Pose at normalised time t01 (clamped to [0,1]); at(0) == from and at(1) == to exactly.
  CameraPose at(double t01) const;
  double durationSeconds() const { return duration_; }
  // The zoom-and-pan path length S (dimensionless; 0 for a pure rotation or no motion).
  double pathLength() const { return pathS_; }
  const LookAtView& fromView() const { return a_; }
  const LookAtView& toView() const { return b_; }

 private:
  struct RawPose {
    glm::dvec3 target;
    CameraPose pose;
  };
  struct Lift {  // one sample's required lift and the window over which it is blended in
    double e, lift, flat, fall;
  };
  RawPose rawAt(double e) const;
  double liftAt(double e) const;
  void planLift(const terrain::HeightField& field, const terrain::GroundDetail* detail, double exaggeration);

  CameraPose from_, to_;
  FlightOptions options_;
  LookAtView a_, b_;
  double headingDelta_ = 0.0;
  double pathS_ = 0.0, duration_ = 0.0;
  double groundDistance_ = 0.0;
  ZoomPanPath path_;
  std::vector<Lift> lifts_;  // only samples that need a lift
};

}  // namespace tb::camera
