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

namespace tb {

std::string defaultBriefingPath() {
  return (fs::path(dataDirectory()) / "kyongsong" / "kyongsong-briefing.json").string();
}

std::string resolveDataArgument(const std::string& path) {
  std::error_code ec;
  const fs::path p(path);
  if (path.empty() || fs::exists(p, ec) || p.is_absolute()) return path;
  auto it = p.begin();
  if (it == p.end() || *it != "assets") return path;
  fs::path rest;
  for (++it; it != p.end(); ++it) rest /= *it;
  try {
    const fs::path copy = fs::path(dataDirectory()) / rest;
    if (fs::exists(copy, ec)) return copy.string();
  } catch (const Error&) {
  }
  return path;  // errors name what the user typed
}

std::string generatedDataFile(const std::string& sceneFile, const std::string& relativePath) {
  std::error_code ec;
  const fs::path scene = fs::absolute(sceneFile, ec);
  if (ec || fs::path(relativePath).is_absolute()) return {};
  try {
    const fs::path twin = fs::path(dataDirectory()) / scene.parent_path().filename();
    if (fs::equivalent(twin, scene.parent_path(), ec) || !fs::exists(twin / scene.filename(), ec)) return {};
    const fs::path file = twin / relativePath;
    if (fs::exists(file, ec)) return file.lexically_normal().string();
  } catch (const Error&) {
  }
  return {};
}

}  // namespace tb
