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

// For a command that runs once and exits (render, info, brief, analyze): every thread allocates
// from the main heap instead of a heap of its own. glibc's huge-page setting (the launcher's
// glibc.malloc.hugetlb=1) reaches the main heap, not the per-thread ones; tile workers' decoded
// blocks then cost one fault per 2 MB instead of per 4 KB (16k DEM render: page faults 38k -> 13k,
// CPU time about a quarter less). Must run before the first thread starts. Unless the user set
// glibc.malloc.arena_max or MALLOC_ARENA_MAX; true when it set it. No-op off glibc.
bool shareOneHeapAcrossThreads();

}  // namespace tb
