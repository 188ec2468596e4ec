#include "core/AtomicFile.h"

#include <unistd.h>

#include <signal.h>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <random>

#include "core/Error.h"

namespace tb {
namespace fs = std::filesystem;

namespace {

// [SECTION] temporary files removed on interruption. The handler may only use async-signal-safe
// calls, so the paths live in a fixed table of C strings filled and emptied outside it.
constexpr int kMaxTempFiles = 4096;
std::atomic<char*> gTempFiles[kMaxTempFiles];
constexpr int kSignals[] = {SIGINT, SIGTERM, SIGHUP};

extern "C" void removeTempFilesAndReraise(int sig) {
  for (auto& slot : gTempFiles)
    if (char* path = slot.load()) ::unlink(path);
  std::signal(sig, SIG_DFL);
  std::raise(sig);
}

void installHandlersOnce() {
  static const bool installed = [] {
    for (int sig : kSignals) {
      struct sigaction old {};
      // A signal the process ignores (nohup) or handles itself stays as it is.
      if (::sigaction(sig, nullptr, &old) != 0 || old.sa_handler != SIG_DFL) continue;
      struct sigaction sa {};
      sa.sa_handler = removeTempFilesAndReraise;
      sigemptyset(&sa.sa_mask);
      ::sigaction(sig, &sa, nullptr);
    }
    return true;
  }();
  (void)installed;
}

int registerTempFile(const std::string& path) {
  installHandlersOnce();
  char* copy = ::strdup(path.c_str());
  if (!copy) return -1;
  for (int i = 0; i < kMaxTempFiles; ++i) {
    char* expected = nullptr;
    if (gTempFiles[i].compare_exchange_strong(expected, copy)) return i;
  }
  std::free(copy);  // table full: this file is only removed by the destructor
  return -1;
}

void unregisterTempFile(int slot) {
  if (slot < 0) return;
  std::free(gTempFiles[slot].exchange(nullptr));
}

}  // namespace

void checkWritableOutput(const std::string& path) {
  if (path.empty()) throw Error("(output)", "empty output path");
  fs::path p(path);
  fs::path dir = p.parent_path().empty() ? fs::path(".") : p.parent_path();
  std::error_code ec;
  const fs::file_status existing = fs::status(p, ec);  // follows links: a link to a file is fine
  if (fs::exists(existing) && fs::is_directory(existing)) throw Error(path, "output path is a directory");
  if (fs::exists(existing) && !fs::is_regular_file(existing))
    throw Error(path, "exists and is not a regular file (a device, FIFO or socket is never replaced)");
  if (!fs::is_directory(dir, ec))
    throw Error(path, "output directory " + dir.string() + " does not exist");
  if (::access(dir.c_str(), W_OK) != 0)
    throw Error(path, "output directory " + dir.string() + " is not writable");
}

AtomicFile::AtomicFile(std::string finalPath) : finalPath_(std::move(finalPath)) {
  checkWritableOutput(finalPath_);
  fs::path p(finalPath_);
  std::random_device rd;
  tempPath_ = (p.parent_path() / ("." + p.filename().string() + ".tmp" + std::to_string(::getpid()) +
                                  "-" + std::to_string(rd() % 100000)))
                  .string();
  slot_ = registerTempFile(tempPath_);
}

AtomicFile::~AtomicFile() {
  if (!committed_) std::remove(tempPath_.c_str());
  unregisterTempFile(slot_);
}

void AtomicFile::commit() {
  if (std::rename(tempPath_.c_str(), finalPath_.c_str()) != 0)
    throw Error(finalPath_, std::string("cannot move the finished file into place: ") + std::strerror(errno));
  committed_ = true;
  unregisterTempFile(slot_);
  slot_ = -1;
}

}  // namespace tb
