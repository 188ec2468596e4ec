// Interactive camera navigation for the viewer, driven by plain input events so it runs (and is
// tested) without a window. Orbit mode: left-drag rotates about the picked terrain point, right-
// or middle-drag pans with the grabbed point under the cursor, the wheel zooms toward the cursor,
// with gentle inertia after release. Fly mode: WASD/QE moves, dragging looks around, speed scales
// with height above ground (up to a cap). The eye never goes below terrain + clearance, nor out of
// a box around the terrain (beyond it nothing is drawn, and far enough out no coordinate exists).
// Animated flights (Home, flyTo) run until direct manipulation cancels them.
#pragma once
#include <functional>
#include <optional>

#include <glm/glm.hpp>

#include "camera/CameraFlight.h"
#include "core/Camera.h"
#include "terrain/GroundDetail.h"
#include "terrain/HeightField.h"

namespace tb::camera {

enum class NavigationMode { Orbit, Fly };
enum class MouseButton { Left, Right, Middle };
// Semantic keys: the window layer maps W/A/S/D/Q/E/Shift/Home onto these.
enum class NavKey { Forward, Left, Back, Right, Down, Up, Faster, Home };

// Render-space point under image point (px, py) (top-left origin), or nothing (sky).
using PickFunction = std::function<std::optional<glm::dvec3>(double px, double py)>;

struct NavigationOptions {
  double clearance = 5.0;              // render-space metres between the eye and the ground
  double rotateDegPerPixel = 0.25;     // orbit drag
  double lookDegPerPixel = 0.15;       // fly-mode mouse look
  double wheelZoomPerNotch = 0.15;     // fraction of the distance to the cursor point per notch
  double minZoomDistance = 20.0;       // the wheel never gets closer than this to the cursor point
  double inertiaSeconds = 0.25;        // time constant of the velocity's exponential decay
  double flySpeedPerMetre = 0.8;       // fly speed (m/s) per metre of height above ground
  double minFlySpeed = 30.0;           // m/s
  double fasterFactor = 4.0;           // while Faster is held
  // With terrain, the eye stays within the terrain's extent widened by this many extent sizes
  // (the larger side) on each side, and below its highest point plus this many sizes.
  double boundsMarginSizes = 1.0;
  double ceilingSizes = 2.0;
  double maxFlySecondsPerSize = 8.0;   // fly speed is capped at one extent size in this many seconds
  FlightOptions flight;                // for flyTo and Home
};

class NavigationController {
 public:
  explicit NavigationController(const CameraPose& initial, NavigationOptions options = {});

  // In the same units as the event coordinates (window coordinates with HiDPI, not framebuffer).
  void setViewport(int width, int height);
  // The terrain used for clearance and for the default pick (a ray through the height field).
  // field may be null; it must outlive the controller or be replaced first.
  void setTerrain(const terrain::HeightField* field, double exaggeration);
  // Finer heights than the field where at hand (a streamed scene's resident tiles; may be null):
  // clearance and flights use them first. Same lifetime rule as the field.
  void setGroundDetail(const terrain::GroundDetail* detail) { detail_ = detail; }
  // Replaces the default pick (e.g. with the renderer's own).
  void setPick(PickFunction pick);
  void setMode(NavigationMode mode);
  NavigationMode mode() const { return mode_; }
  void setHome(const CameraPose& home) { home_ = home; }

  // Direct manipulation: each cancels a running flight and any inertia.
  void mouseDown(MouseButton button, double px, double py);
  void mouseUp(MouseButton button, double px, double py);
  void mouseMove(double px, double py);
  void wheel(double notches, double px, double py);  // > 0 zooms in
  void keyDown(NavKey key);
  void keyUp(NavKey key);

  // Advances flights, inertia and fly-mode movement by dt seconds.
  void update(double dt);

  void flyTo(const CameraPose& target, double durationSeconds = 0.0);  // 0: automatic duration
  void goHome() { flyTo(home_); }
  // Jumps without animation (e.g. after loading a scene); clamps above the terrain.
  void setPose(const CameraPose& pose);
  void stop();  // cancels flight and inertia

  const CameraPose& pose() const { return pose_; }
  // Where the eye may be (render space); unbounded without terrain.
  struct Bounds {
    glm::dvec3 lo{-1e300}, hi{1e300};
    bool contains(const glm::dvec3& p) const {
      return p.x >= lo.x && p.x <= hi.x && p.y >= lo.y && p.y <= hi.y && p.z <= hi.z;
    }
  };
  const Bounds& bounds() const { return bounds_; }
  bool isFlying() const { return flight_.has_value(); }
  // True while the pose changes without input (flight, inertia, held keys): keep redrawing.
  bool isAnimating() const;

 private:
  enum class Drag { None, Rotate, Pan, Look };
  std::optional<glm::dvec3> pick(double px, double py) const;
  glm::dvec3 pivotFallback() const;
  double groundZAt(glm::dvec2 xy) const;
  // Clear of the ground and inside the bounds.
  bool allowed(const CameraPose& pose) const;
  void keepInBounds(CameraPose& pose) const;
  void rotateAboutPivot(double headingDeg, double pitchDeg);
  bool panTo(double px, double py);
  void look(double headingDeg, double pitchDeg);
  void cancelAnimation();
  void updateFly(double dt);
  void updateInertia(double dt);

  CameraPose pose_, home_;
  NavigationOptions opt_;
  NavigationMode mode_ = NavigationMode::Orbit;
  int vpW_ = 1280, vpH_ = 720;
  const terrain::HeightField* field_ = nullptr;
  const terrain::GroundDetail* detail_ = nullptr;
  double exaggeration_ = 1.0;
  Bounds bounds_;
  double maxFlySpeed_ = 1e300;
  PickFunction pick_;

  Drag drag_ = Drag::None;
  MouseButton dragButton_ = MouseButton::Left;
  glm::dvec2 lastMouse_{0.0};
  glm::dvec3 pivot_{0.0};  // rotate: the point rotated about; pan: the grabbed point

  // Motion accumulated since the last update(), turned into velocities for inertia.
  glm::dvec2 pendingRotate_{0.0}, pendingPan_{0.0};
  glm::dvec2 rotateVelocity_{0.0};  // deg/s (heading, pitch)
  glm::dvec2 panVelocity_{0.0};     // m/s (x, y)
  double sinceMotion_ = 0.0;        // seconds since the last drag motion
  bool inertia_ = false;

  bool keys_[8] = {};
  std::optional<CameraFlight> flight_;
  double flightTime_ = 0.0;
};

}  // namespace tb::camera
