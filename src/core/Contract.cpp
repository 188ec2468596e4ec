#include "core/Contract.h"

#include <cstdio>
#include <cstdlib>

namespace tb::detail {

void preconditionFailed(const char* function, const char* condition, const char* file, int line) noexcept {
  // stderr directly, not the log: it may be held back (DeferredLog) or not set up yet.
  std::fprintf(stderr, "terrabrief: internal error: %s(): precondition failed: %s (%s:%d)\n", function, condition,
               file, line);
  std::fflush(stderr);
  std::abort();
}

}  // namespace tb::detail
