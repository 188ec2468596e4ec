// How analyses look in a frame: each result becomes lines, markers, labels or a draped raster of
// an OverlayGeometry (the viewer's live tools, saved analyses in stills and videos alike).
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "analysis/Geodesy.h"
#include "analysis/GridLines.h"
#include "analysis/LineOfSight.h"
#include "analysis/Profile.h"
#include "analysis/RangeRings.h"
#include "analysis/SavedAnalyses.h"
#include "analysis/Viewshed.h"
#include "render/OverlayGeometry.h"

namespace tb::analysis {
class Elevation;
}

namespace tb::render {

namespace analysis_colors {
inline constexpr glm::vec4 kMeasure{1.0f, 0.84f, 0.18f, 1.0f};
inline constexpr glm::vec4 kProfile{0.30f, 0.88f, 1.0f, 1.0f};
inline constexpr glm::vec4 kVisible{0.20f, 0.95f, 0.35f, 1.0f};
inline constexpr glm::vec4 kBlocked{1.0f, 0.26f, 0.20f, 1.0f};
inline constexpr glm::vec4 kRings{1.0f, 0.55f, 0.15f, 1.0f};
inline constexpr glm::vec4 kGrid{0.95f, 0.95f, 0.95f, 0.75f};
}  // namespace analysis_colors

// A measurement: the path (a polygon when closed), its vertices, and its figures at the end.
void addMeasurement(OverlayGeometry& g, const analysis::Measurement& m, const std::string& title = {});
// A profile's path; `hover` (a sample index) marks that place with its height.
void addProfilePath(OverlayGeometry& g, const analysis::Profile& p, int hover = -1, const std::string& title = {});
// A line of sight: the sight line green up to the first obstruction and red after it (also where
// the terrain hides it), observer and target, the obstruction marked.
void addLineOfSight(OverlayGeometry& g, const analysis::LineOfSight& los, const std::string& title = {});
// A viewshed: visible ground green, hidden ground red, translucent, plus the observer.
void addViewshed(OverlayGeometry& g, const analysis::Viewshed& v, const std::string& title = {});
void addRangeRings(OverlayGeometry& g, const std::vector<analysis::RangeRing>& rings, glm::dvec2 centre,
                   const std::string& title = {});
void addGridLines(OverlayGeometry& g, const analysis::GridLines& grid);

// Computes saved analyses on `elevation` and adds them; returns one message per analysis that
// could not be computed ("<name>: <problem>") instead of throwing.
std::vector<std::string> addSavedAnalyses(OverlayGeometry& g, const analysis::Elevation& elevation,
                                          const std::vector<analysis::SavedAnalysis>& saved);

// Short figures for labels and panels (lengths: analysis::formatDistance): "+120 m", "3.2 km²".
std::string formatSignedHeight(double metres);
std::string formatArea(double squareMetres);

}  // namespace tb::render
