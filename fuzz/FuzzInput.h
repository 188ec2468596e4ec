// Shared by the libFuzzer targets: inputs that our loaders read by path go into a private temporary
// directory (one per fuzzing process), next to the small files they may refer to; and the
// contract every loader keeps, checked on each failure.
#pragma once
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include <spdlog/spdlog.h>

#include "core/Error.h"

namespace tb::fuzz {

inline const std::filesystem::path& workDir() {
  static const std::filesystem::path dir = [] {
    std::string tmpl = (std::filesystem::temp_directory_path() / "tb-fuzz-XXXXXX").string();
    if (!mkdtemp(tmpl.data())) std::abort();
    return std::filesystem::path(tmpl);
  }();
  return dir;
}

inline void writeFile(const std::string& name, const void* data, size_t size) {
  std::ofstream f(workDir() / name, std::ios::binary | std::ios::trunc);
  f.write(static_cast<const char*>(data), static_cast<std::streamsize>(size));
  if (!f) std::abort();
}

inline std::string inputFile(const std::string& name, const uint8_t* data, size_t size) {
  writeFile(name, data, size);
  return (workDir() / name).string();
}

// Log output would only slow the run down and bury libFuzzer's report.
inline void quietLogs() { spdlog::set_level(spdlog::level::off); }

inline void removeWorkDirAtExit() {
  std::atexit([] {
    std::error_code ec;
    std::filesystem::remove_all(workDir(), ec);
  });
}

// Bad input must end in tb::Error with exit code 2 and a one-line message; anything else
// (another exception type escapes the target and libFuzzer reports it) is a finding.
inline void checkError(const Error& e) {
  const std::string what = e.what();
  if (e.exitCode() != kExitBadInput || what.find('\n') != std::string::npos || what.find('\r') != std::string::npos) {
    std::fprintf(stderr, "fuzz: contract broken (exit code %d, want %d, or not one line): %s\n", e.exitCode(),
                 int(kExitBadInput), what.c_str());
    std::abort();
  }
}

}  // namespace tb::fuzz
