// core::Error — the one runtime-failure type: a file (or other subject) and a one-line problem.
// main() catches it, prints what(), and exits with exitCode() (2 = bad input, 1 = internal).
#pragma once
#include <stdexcept>
#include <string>

namespace tb {

enum ExitCode : int { kExitOk = 0, kExitInternal = 1, kExitBadInput = 2 };

class Error : public std::runtime_error {
 public:
  Error(std::string file, std::string problem, int exitCode = kExitBadInput);
  const std::string& file() const noexcept { return file_; }
  const std::string& problem() const noexcept { return problem_; }
  int exitCode() const noexcept { return exitCode_; }

 private:
  std::string file_;
  std::string problem_;
  int exitCode_;
};

// An internal failure (exit code 1): the program, not the input, is at fault.
inline Error internalError(std::string subject, std::string problem) {
  return Error(std::move(subject), std::move(problem), kExitInternal);
}

}  // namespace tb
