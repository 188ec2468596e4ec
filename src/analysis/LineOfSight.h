// Line of sight between two points over the terrain, with the earth's curvature and atmospheric
// refraction (effective radius R / (1 - k)). No GL.
#pragma once
#include <optional>
#include <vector>

#include <glm/glm.hpp>

namespace tb::analysis {

class Elevation;

constexpr double kEarthRadius = 6371008.8;   // mean radius of WGS 84, metres
constexpr double kDefaultRefraction = 0.13;  // the usual coefficient for visible light

struct SightOptions {
  double observerHeight = 2;  // metres above ground
  double targetHeight = 0;
  double refraction = kDefaultRefraction;  // k; 0 = none
  bool curvature = true;
  bool operator==(const SightOptions&) const = default;
};

// Drop of the surface below a tangent plane at `distance`, for refraction k: d² / (2 R / (1 - k)).
double curvatureDrop(double distance, double refraction = kDefaultRefraction);

struct SightSegment {
  glm::dvec3 from{0.0}, to{0.0};  // local xyz, real metres (heights as drawn over a flat frame)
  bool visible = false;
};

struct LineOfSight {
  bool visible = false;
  glm::dvec3 observer{0.0}, target{0.0};  // eye and target points (ground + heights above it)
  double distance = 0;                    // horizontal, metres
  // The sight line: visible up to the first obstruction, blocked after it (one segment when clear).
  // Heights include the curvature bulge so a drawn line grazes the obstruction in the flat frame.
  std::vector<SightSegment> sightLine;
  // The ground along the line, split where it turns visible / hidden from the observer's eye.
  std::vector<SightSegment> ground;
  std::optional<glm::dvec3> firstObstruction;  // ground point that first blocks the line
  double minClearance = 0;                     // smallest (line - ground) over the path, metres; < 0 when blocked
};

// Throws tb::Error("observer"/"target", ...) outside the data or on nodata, ("target", ...) when
// both are the same point, and ("observer height"/"target height", ...) for a negative height.
LineOfSight lineOfSight(const Elevation& elevation, glm::dvec2 observer, glm::dvec2 target,
                        const SightOptions& options = {});

}  // namespace tb::analysis
