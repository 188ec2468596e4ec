// Where terrabrief finds its data (the default scene and its generated rasters).
// Order: $TERRABRIEF_DATA, then <directory of the executable>/../share/terrabrief, then the
// build tree's share/terrabrief (compiled in), so the binary runs from any working directory.
#pragma once
#include <string>

namespace tb {
std::string dataDirectory();          // throws tb::Error if none of the candidates exists
std::string defaultScenePath();       // dataDirectory()/kyongsong/kyongsong.json
}  // namespace tb
