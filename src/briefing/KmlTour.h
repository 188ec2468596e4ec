// Google Earth tours (KML gx:Tour) into briefings: each gx:FlyTo becomes a step looking where its
// LookAt or Camera looks, gx:Wait becomes that step's hold. Altitudes relative to the ground are
// converted through the terrain height; gx:AnimatedUpdate and gx:SoundCue are skipped with one
// warning each. What a briefing cannot express (camera roll, time-dependent views, views far
// outside the scene...) is refused with one line naming the file, the line and the element.
// Mapping: docs/briefing-format.md.
#pragma once
#include <functional>
#include <optional>
#include <string>

#include "briefing/Briefing.h"
#include "scene/Scene.h"

namespace tb::briefing {

// What the import needs to know of the scene. Without an extent no view is refused for its place;
// without a ground height, views whose altitude needs the terrain are refused.
struct KmlSceneInfo {
  std::optional<scene::LonLatExtent> extent;
  std::function<double(double lonDeg, double latDeg)> groundHeight;  // metres above sea level
};

// The first gx:Tour of `kmlPath` as a briefing for the scene `scenePath` (stored as given).
// Throws tb::Error("tour.kml:LINE", "...") for malformed XML and for what it cannot convert.
Briefing importKmlTour(const std::string& kmlPath, const std::string& scenePath, const KmlSceneInfo& info = {});

// importKmlTour, then written atomically to `outPath` with the scene path made relative to the
// output file's directory (the briefing file format's rule). Returns the briefing written.
Briefing importKmlTourToFile(const std::string& kmlPath, const std::string& scenePath, const std::string& outPath,
                             const KmlSceneInfo& info = {});
// The second half of importKmlTourToFile, for a briefing already imported (and checked).
Briefing saveImportedBriefing(Briefing imported, const std::string& scenePath, const std::string& outPath);

}  // namespace tb::briefing
