// Status readouts that never throw: PROJ's refusal far from the data becomes "no coordinate".
#include "viewer/StatusReadout.h"

#include <algorithm>
#include <cmath>

#include "core/Error.h"

namespace tb::viewer {
namespace {

double wrap360(double deg) {
  const double d = std::fmod(deg, 360.0);
  return d < 0 ? d + 360.0 : d;
}

std::optional<glm::dvec2> lonLatOf(const world::World& world, glm::dvec2 local) {
  if (!std::isfinite(local.x) || !std::isfinite(local.y)) return std::nullopt;
  try {
    return world.toLonLat(local);
  } catch (const Error&) {
    return std::nullopt;
  }
}

}  // namespace

std::optional<double> trueNorthBearing(const world::World& world, glm::dvec2 local) {
  if (!lonLatOf(world, local)) return std::nullopt;
  try {
    return world.trueNorthBearing(local);
  } catch (const Error&) {
    return std::nullopt;
  }
}

ui::CameraReadout cameraReadout(const world::World& world, const CameraPose& pose, double exaggeration) {
  ui::CameraReadout cam;
  const glm::dvec2 eye(pose.eye);
  cam.heightM = pose.eye.z;  // exaggeration raises the terrain, not the camera
  cam.pitchDeg = pose.pitchDeg;
  if (!std::isfinite(eye.x) || !std::isfinite(eye.y)) {
    cam.located = false;
    return cam;
  }
  cam.groundHeightM = cam.heightM - std::max(0.0, world.heights.sample(eye)) * exaggeration;  // the ground drawn
  const std::optional<glm::dvec2> ll = lonLatOf(world, eye);
  const std::optional<double> north = trueNorthBearing(world, eye);
  cam.located = ll && north;
  if (cam.located) {
    cam.lonDeg = ll->x;
    cam.latDeg = ll->y;
    cam.headingDeg = wrap360(pose.headingDeg - *north);
  }
  return cam;
}

ui::CursorReadout cursorReadout(const world::World& world, const glm::dvec3& hit, double exaggeration) {
  ui::CursorReadout cur;
  if (const std::optional<glm::dvec2> ll = lonLatOf(world, glm::dvec2(hit))) {
    cur.onTerrain = true;
    cur.lonDeg = ll->x;
    cur.latDeg = ll->y;
    cur.elevationM = hit.z / exaggeration;
  }
  return cur;
}

}  // namespace tb::viewer
