// Whether OGR opens a file as vector data, without reading it (what a dropped file is).
#pragma once
#include <string>

namespace tb::geo {

// Whether OGR opens `path` as vector data with at least one layer (nothing is read); throws
// tb::Error naming the file, like loadVectors, when it does not.
void probeVectors(const std::string& path);

}  // namespace tb::geo
