// The Analysis panel's state and requests: which tool is active and its options (edited by the
// panel), the results the viewer hands in each frame (read-only), and what the user asked for.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include <glm/glm.hpp>

#include "analysis/Coordinates.h"
#include "analysis/Geodesy.h"
#include "analysis/LineOfSight.h"
#include "analysis/Profile.h"
#include "analysis/Viewshed.h"

namespace tb::ui {

enum class AnalysisMode { None, Measure, Area, Profile, LineOfSight, Viewshed, Rings };
enum class GridKind { None, Graticule, Utm };

struct AnalysisUiState {
  AnalysisMode mode = AnalysisMode::None;
  analysis::SightOptions sight;
  analysis::ViewshedOptions viewshed;
  bool sector = false;                 // viewshed limited to an azimuth sector
  float sectorFrom = 300, sectorTo = 60;
  std::string ringsKm = "5 10 17";     // radii typed by the user, km
  GridKind grid = GridKind::None;
  analysis::CoordinateFormat coordinates = analysis::CoordinateFormat::DecimalDegrees;
  std::string heightUnit = "m";        // "m EGM96", "m, datum of the DEM unknown" (set by the viewer)
  std::string csvPath = "profile.csv";
  std::string pngPath = "profile.png";
  std::string saveName = "analysis 1";

  // Set by the viewer every frame: the results to show (null: none) and the last problem.
  int pointsPlaced = 0;
  const analysis::Measurement* measurement = nullptr;
  const analysis::Profile* profile = nullptr;
  const analysis::LineOfSight* lineOfSight = nullptr;
  const analysis::Viewshed* viewshedResult = nullptr;
  int rings = 0;
  bool computing = false;  // a viewshed is being computed off the UI thread
  std::vector<std::string> savedComputing;  // saved analyses (viewsheds) not computed yet
  std::string error;
  std::string savedPath;  // the scene's analyses file (where Save writes)
  // Where the profile chart was drawn this frame (window units), for its PNG export.
  glm::vec2 chartMin{0.0f}, chartMax{0.0f};
};

struct AnalysisRequests {
  std::optional<AnalysisMode> setMode;
  bool finish = false, clear = false, recompute = false;
  std::optional<GridKind> grid;
  std::optional<int> profileHover;  // the chart's hovered sample (-1: left the chart)
  std::optional<std::string> exportCsv, exportPng, save;
};

// "5 10 17" / "5, 10.5" -> metres; nothing (and `error`) when a value is not a positive number.
std::optional<std::vector<double>> parseRadiiKm(const std::string& text, std::string& error);

}  // namespace tb::ui
