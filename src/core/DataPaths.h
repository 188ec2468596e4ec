// Where terrabrief finds its data (the default scene and its generated rasters).
// Order: $TERRABRIEF_DATA, then <directory of the executable>/../share/terrabrief, then the
// build tree's share/terrabrief (compiled in), so the binary runs from any working directory.
#pragma once
#include <string>

namespace tb {
std::string dataDirectory();          // throws tb::Error if none of the candidates exists
std::string defaultScenePath();       // dataDirectory()/kyongsong/kyongsong.json
std::string defaultBriefingPath();    // dataDirectory()/kyongsong/kyongsong-briefing.json

// A scene or briefing argument as the user typed it, or, when that does not exist and it starts
// with assets/ (the source form of the data directory, as the documentation names the default
// files), the data directory's copy: the documented paths work from any directory and install.
std::string resolveDataArgument(const std::string& path);

// A file a scene names beside itself that the build generates (the default scene's rasters) is
// missing from a source-tree copy of the scene: the data directory's copy of the same scene folder
// holds it. Returns that copy when `sceneDir` has a twin in the data directory (same folder name,
// same scene file name) that holds `relativePath`; nothing otherwise.
std::string generatedDataFile(const std::string& sceneFile, const std::string& relativePath);
}  // namespace tb
