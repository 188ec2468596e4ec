// `terrabrief bench --streaming`: the streaming targets on big data that the bench makes once with
// GDAL's tools (a 16384² DEM, 32768² JPEG imagery, a 65536² VRT mosaic) and keeps in its cache.
#pragma once
#include <string>

namespace tb::bench {

// Prints the rows named in `rows` (letters of "efghijk"; e, f, g and h are measured together)
// under the bench table's header; returns the exit code. Throws tb::Error.
int benchStreaming(int processRuns, const std::string& rows);

}  // namespace tb::bench
