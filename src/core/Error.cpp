#include "core/Error.h"

namespace tb {

static std::string joinMessage(const std::string& file, const std::string& problem) {
  return file.empty() ? problem : file + ": " + problem;
}

Error::Error(std::string file, std::string problem, int exitCode)
    : std::runtime_error(joinMessage(file, problem)),
      file_(std::move(file)),
      problem_(std::move(problem)),
      exitCode_(exitCode) {}

}  // namespace tb
