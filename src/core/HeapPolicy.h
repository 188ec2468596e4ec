// How a long-running session's heap behaves. glibc raises its mmap threshold each time a large
// mapped block is freed, so after a while tile-sized blocks (decoded tiles, read buffers, the
// driver's copies) come from the heap, fragment it as they stream in and out, and the resident
// set drifts although the heap in use stays flat: the 10-minute streamed viewer soak grew 6.5 %.
// With the threshold fixed at 256 KiB they keep their own mappings and go back to the system when
// freed (6 minutes: within 1 %, and about 90 MiB lower).
#pragma once
#include <cstddef>

namespace tb {

inline constexpr std::size_t kLargeBlockBytes = 256 * 1024;

// Fixes the threshold at kLargeBlockBytes unless the user set one (GLIBC_TUNABLES
// glibc.malloc.mmap_threshold, or MALLOC_MMAP_THRESHOLD_). True when it set it. No-op off glibc.
bool keepLargeBlocksMapped();

// For a command that runs once and exits (render, info, brief, analyze), where fresh pages cost
// more than memory held a little longer (a 16k DEM render, side by side: page faults 39k -> 6k,
// wall time about a quarter less):
// - every thread allocates from the main heap: glibc's huge-page setting (the launcher's
//   glibc.malloc.hugetlb=1) reaches the main heap, not the per-thread ones, so tile workers'
//   decoded blocks cost one fault per 2 MB instead of per 4 KB;
// - blocks up to 32 MiB come from that heap and freed memory stays in it, so what GDAL's block
//   cache and the tile builds free is reused by the GL driver's buffers instead of faulted in anew.
// Each setting is left alone where the user set it (GLIBC_TUNABLES or MALLOC_*_). Must run before
// the first thread starts. Returns how many it set; 0 off glibc.
int tuneHeapForBatchCommand();

}  // namespace tb
