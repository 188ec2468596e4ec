// Editing a path or polygon with the mouse: its vertices and edge midpoints as handles on screen,
// which of them is under the cursor, and whether the cursor is on the shape itself (an edge, or
// inside a polygon). Screen positions in window units; no GL, so the hit tests are unit-tested.
#pragma once
#include <optional>
#include <vector>

#include <glm/glm.hpp>

#include "render/SceneRenderer.h"
#include "world/World.h"

namespace tb::viewer {

struct DrawingHandle {
  enum class Kind { Vertex, Midpoint } kind = Kind::Vertex;
  int index = 0;  // Vertex: the vertex; Midpoint: the vertex a click inserts before (the edge's end)
  glm::vec2 at{0.0f};
};

// Handles of `screen` (a drawing's vertices, ring unclosed; nullopt = behind the camera): one per
// vertex and one at the middle of each edge, the closing edge too for a polygon. `midpoints`, when
// given, are where the edges' middles on the ground appear (edge i runs from vertex i to i+1);
// otherwise the middle of the edge on screen.
std::vector<DrawingHandle> drawingHandles(const std::vector<std::optional<glm::vec2>>& screen, bool polygon,
                                          const std::vector<std::optional<glm::vec2>>& midpoints = {});

// The handle within `radius` of the cursor; vertices win over midpoints, then the nearest.
std::optional<DrawingHandle> handleAt(const std::vector<DrawingHandle>& handles, glm::vec2 cursor, float radius);

// Whether the cursor is within `tolerance` of an edge, or inside the polygon.
bool cursorOnShape(const std::vector<std::optional<glm::vec2>>& screen, bool polygon, glm::vec2 cursor, float tolerance);

// Local points (x, y; their height is the terrain's) on screen, as drawn with `settings` (see
// projectPins for pixelsPerUnit and viewOrigin).
std::vector<std::optional<glm::vec2>> projectGroundPoints(const world::World& world, const render::FrameSettings& settings,
                                                          float pixelsPerUnit, glm::vec2 viewOrigin,
                                                          const std::vector<glm::dvec2>& local);

// The handles drawn on the terrain for a drawing whose vertices (ring unclosed) are `local`: a
// white disc per vertex, a fainter, smaller one at the middle of each edge.
void appendHandleMarkers(const std::vector<glm::dvec2>& local, bool polygon, render::OverlayGeometry& out);
// The middles of a drawing's edges (edge i runs from vertex i to i+1; the closing edge last).
std::vector<glm::dvec2> edgeMiddles(const std::vector<glm::dvec2>& points, bool polygon);

// Where a click on the midpoint handle inserting before vertex `before` puts the new vertex: the
// mean of its edge's ends.
glm::dvec2 midpointLonLat(const std::vector<glm::dvec2>& lonLat, int before);

}  // namespace tb::viewer
