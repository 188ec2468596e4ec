// `terrabrief bench --streaming`: the streaming targets on big data that the bench makes once with
// GDAL's tools (a 16384² DEM, 32768² JPEG imagery, a 65536² VRT mosaic) and keeps in its cache.
#pragma once

namespace tb::bench {

// Prints rows (e) to (h) under the bench table's header; returns the exit code. Throws tb::Error.
int benchStreaming(int processRuns);

}  // namespace tb::bench
