// Google Earth tours (KML gx:Tour) into briefings: each gx:FlyTo becomes a step looking where its
// LookAt or Camera looks, gx:Wait becomes that step's hold. What a briefing cannot express
// (gx:AnimatedUpdate, gx:SoundCue, camera roll, altitudes that need the terrain...) is refused
// with one line naming the file, the line and the element. Mapping: docs/briefing-format.md.
#pragma once
#include <string>

#include "briefing/Briefing.h"

namespace tb::briefing {

// The first gx:Tour of `kmlPath` as a briefing for the scene `scenePath` (stored as given).
// Throws tb::Error("tour.kml:LINE", "...") for malformed XML and for what it cannot convert.
Briefing importKmlTour(const std::string& kmlPath, const std::string& scenePath);

// importKmlTour, then written atomically to `outPath` with the scene path made relative to the
// output file's directory (the briefing file format's rule). Returns the briefing written.
Briefing importKmlTourToFile(const std::string& kmlPath, const std::string& scenePath, const std::string& outPath);

}  // namespace tb::briefing
