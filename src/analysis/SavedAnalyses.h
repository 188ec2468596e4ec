// Analyses kept with a scene: a GeoJSON FeatureCollection beside the scene file (geometry in
// lon/lat; properties kind, name, parameters), read back with one-line errors naming the file and
// the feature. The format is documented in docs/analysis-format.md. No GL.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include <glm/glm.hpp>

#include "analysis/LineOfSight.h"
#include "analysis/Viewshed.h"

namespace tb::analysis {

enum class AnalysisKind { Measure, Profile, LineOfSight, Viewshed, RangeRings };

const char* analysisKindName(AnalysisKind kind);  // "measure", "profile", "los", "viewshed", "rings"
std::optional<AnalysisKind> analysisKindFromName(const std::string& name);

struct SavedAnalysis {
  AnalysisKind kind = AnalysisKind::Measure;
  std::string name;
  // lon/lat (x = lon): measure/profile: the vertices; los: observer, target; viewshed/rings: the centre.
  std::vector<glm::dvec2> points;
  bool closed = false;        // measure: a polygon
  double spacing = 0;         // profile: metres between samples, 0 = the DEM's native cell
  SightOptions sight;         // los
  ViewshedOptions viewshed;   // viewshed
  std::vector<double> radii;  // rings, metres
  std::string site;           // rings: the site they are around, by name ("" = a point)
  bool operator==(const SavedAnalysis&) const = default;
};

// "<dir>/<scene stem>.analyses.geojson" for "<dir>/<scene stem>.json".
std::string savedAnalysesPathFor(const std::string& scenePath);

// Throws tb::Error(path, "feature N (\"name\"): problem") on anything malformed.
std::vector<SavedAnalysis> readSavedAnalyses(const std::string& path);
// The analyses `names` picks from `saved` (read from `path`), in that order ("all": every one;
// empty: none). Throws tb::Error(path, ...) naming a name the file does not have.
std::vector<SavedAnalysis> savedByNames(const std::string& path, const std::vector<SavedAnalysis>& saved,
                                        const std::vector<std::string>& names);
// Written atomically (core/AtomicFile); throws tb::Error(path, ...).
void writeSavedAnalyses(const std::string& path, const std::vector<SavedAnalysis>& analyses);

}  // namespace tb::analysis
