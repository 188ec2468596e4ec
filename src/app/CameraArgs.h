// The --camera option (lat,lon,height,heading,pitch) and its inverse: a pose described in the
// same five numbers, for the PNG's "Camera" text chunk and for messages.
#pragma once
#include <string>

#include "core/Camera.h"
#include "scene/Scene.h"
#include "world/World.h"

namespace tb::app {

// "41.6,129.7,3000,300,-25": WGS84 degrees, eye height above sea level in metres (real, not
// exaggerated), heading clockwise from true north, pitch (-90 straight down .. 90).
// Returns a camera view named "camera". Throws tb::Error("--camera", ...).
scene::ViewSpec parseCameraArg(const std::string& text);

struct PoseDescription {
  double latDeg = 0, lonDeg = 0, heightM = 0, headingDeg = 0, pitchDeg = 0;
  std::string text() const;  // "lat,lon,height,heading,pitch" (the --camera syntax)
};

// The pose's eye in WGS84 through PROJ, its real height, and its heading from true north.
PoseDescription describePose(const world::World& world, const CameraPose& pose);

}  // namespace tb::app
