#include "core/DataPaths.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "core/Error.h"

namespace tb {
namespace fs = std::filesystem;

static fs::path executableDirectory() {
  char buf[4096];
  const ssize_t n = ::readlink("/proc/self/exe", buf, sizeof(buf) - 1);
  if (n <= 0) return {};
  buf[n] = '\0';
  return fs::path(buf).parent_path();
}

std::string dataDirectory() {
  std::error_code ec;
  if (const char* env = std::getenv("TERRABRIEF_DATA"); env && *env) {
    if (fs::is_directory(env, ec)) return env;
    throw Error(env, "TERRABRIEF_DATA names a directory that does not exist");
  }
  const fs::path exeDir = executableDirectory();
  for (const fs::path& candidate : {exeDir / ".." / "share" / "terrabrief", exeDir / "share" / "terrabrief",
                                    fs::path(TB_BUILD_DATA_DIR)}) {
    if (fs::is_directory(candidate / "kyongsong", ec)) return fs::weakly_canonical(candidate).string();
  }
  throw Error(TB_BUILD_DATA_DIR, "terrabrief's data directory was not found (build the project first)");
}

std::string defaultScenePath() { return (fs::path(dataDirectory()) / "kyongsong" / "kyongsong.json").string(); }

}  // namespace tb
