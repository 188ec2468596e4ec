// keepLargeBlocksMapped (see HeapPolicy.h).
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

}  // namespace tb
