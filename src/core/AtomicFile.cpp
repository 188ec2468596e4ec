#include "core/AtomicFile.h"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <random>

#include "core/Error.h"

namespace tb {
namespace fs = std::filesystem;

void checkWritableOutput(const std::string& path) {
  if (path.empty()) throw Error("(output)", "empty output path");
  fs::path p(path);
  fs::path dir = p.parent_path().empty() ? fs::path(".") : p.parent_path();
  std::error_code ec;
  if (!fs::is_directory(dir, ec))
    throw Error(path, "output directory " + dir.string() + " does not exist");
  if (::access(dir.c_str(), W_OK) != 0)
    throw Error(path, "output directory " + dir.string() + " is not writable");
  if (fs::is_directory(p, ec)) throw Error(path, "output path is a directory");
}

AtomicFile::AtomicFile(std::string finalPath) : finalPath_(std::move(finalPath)) {
  checkWritableOutput(finalPath_);
  fs::path p(finalPath_);
  std::random_device rd;
  tempPath_ = (p.parent_path() / ("." + p.filename().string() + ".tmp" + std::to_string(::getpid()) +
                                  "-" + std::to_string(rd() % 100000)))
                  .string();
}

AtomicFile::~AtomicFile() {
  if (!committed_) std::remove(tempPath_.c_str());
}

void AtomicFile::commit() {
  if (std::rename(tempPath_.c_str(), finalPath_.c_str()) != 0)
    throw Error(finalPath_, std::string("cannot move the finished file into place: ") + std::strerror(errno));
  committed_ = true;
}

}  // namespace tb
