// The status line's camera and cursor readouts. Far from the data a point may have no geographic
// coordinate at all (PROJ refuses it): the readout then says so instead of ending the session.
#pragma once
#include <optional>

#include <glm/glm.hpp>

#include "core/Camera.h"
#include "ui/UiState.h"
#include "world/World.h"

namespace tb::viewer {

// exaggeration: the render-space z scale of `pose`.
ui::CameraReadout cameraReadout(const world::World& world, const CameraPose& pose, double exaggeration);
// The cursor readout for a terrain point (render space); onTerrain false when it has no lon/lat.
ui::CursorReadout cursorReadout(const world::World& world, const glm::dvec3& hit, double exaggeration);
// Degrees from grid north to true north at a local point, or nothing where PROJ has no answer.
std::optional<double> trueNorthBearing(const world::World& world, glm::dvec2 local);

}  // namespace tb::viewer
