// Preconditions: the programmer-error channel (runtime failures throw tb::Error instead). A broken
// precondition is a bug in the caller, not bad input, so it stops the program at once with the
// function, the condition and the place, in release builds too (keep the conditions cheap).
#pragma once

namespace tb::detail {
[[noreturn]] void preconditionFailed(const char* function, const char* condition, const char* file, int line) noexcept;
}  // namespace tb::detail

#define TB_EXPECTS(condition)                                                                    \
  do {                                                                                           \
    if (!(condition)) ::tb::detail::preconditionFailed(__func__, #condition, __FILE__, __LINE__); \
  } while (0)
