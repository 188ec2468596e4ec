// keepLargeBlocksMapped and shareOneHeapAcrossThreads (see HeapPolicy.h).
#include "core/HeapPolicy.h"

#include <cstdlib>  // defines __GLIBC__ where it is glibc
#include <cstring>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace tb {

bool keepLargeBlocksMapped() {
#if defined(__GLIBC__)
  const char* tunables = std::getenv("GLIBC_TUNABLES");
  if ((tunables && std::strstr(tunables, "glibc.malloc.mmap_threshold")) || std::getenv("MALLOC_MMAP_THRESHOLD_"))
    return false;
  return mallopt(M_MMAP_THRESHOLD, static_cast<int>(kLargeBlockBytes)) == 1;
#else
  return false;
#endif
}

bool shareOneHeapAcrossThreads() {
#if defined(__GLIBC__)
  const char* tunables = std::getenv("GLIBC_TUNABLES");
  if ((tunables && std::strstr(tunables, "glibc.malloc.arena_max")) || std::getenv("MALLOC_ARENA_MAX")) return false;
  return mallopt(M_ARENA_MAX, 1) == 1;
#else
  return false;
#endif
}

}  // namespace tb
