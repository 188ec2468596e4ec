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

}  // namespace tb
