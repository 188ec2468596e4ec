// keepLargeBlocksMapped and tuneHeapForBatchCommand (see HeapPolicy.h).
#include "core/HeapPolicy.h"

#include <cstdlib>  // defines __GLIBC__ where it is glibc
#include <cstring>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace tb {

namespace {

#if defined(__GLIBC__)
bool userSet(const char* tunable, const char* variable) {
  const char* tunables = std::getenv("GLIBC_TUNABLES");
  return (tunables && std::strstr(tunables, tunable)) || std::getenv(variable);
}
#endif

}  // namespace

bool keepLargeBlocksMapped() {
#if defined(__GLIBC__)
  if (userSet("glibc.malloc.mmap_threshold", "MALLOC_MMAP_THRESHOLD_")) return false;
  return mallopt(M_MMAP_THRESHOLD, static_cast<int>(kLargeBlockBytes)) == 1;
#else
  return false;
#endif
}

int tuneHeapForBatchCommand() {
  int set = 0;
#if defined(__GLIBC__)
  const auto apply = [&set](const char* tunable, const char* variable, int param, int value) {
    if (!userSet(tunable, variable) && mallopt(param, value) == 1) ++set;
  };
  apply("glibc.malloc.arena_max", "MALLOC_ARENA_MAX", M_ARENA_MAX, 1);
  apply("glibc.malloc.mmap_threshold", "MALLOC_MMAP_THRESHOLD_", M_MMAP_THRESHOLD, 32 << 20);
  apply("glibc.malloc.trim_threshold", "MALLOC_TRIM_THRESHOLD_", M_TRIM_THRESHOLD, 1 << 30);
  apply("glibc.malloc.top_pad", "MALLOC_TOP_PAD_", M_TOP_PAD, 64 << 20);
#endif
  return set;
}

}  // namespace tb
