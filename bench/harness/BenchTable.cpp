#include "harness/BenchTable.h"

#include <stdlib.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include <fmt/format.h>

#include "core/Error.h"

namespace tb::bench {
namespace fs = std::filesystem;

ScratchDir::ScratchDir(const std::string& tag) {
  std::string pattern = (fs::temp_directory_path() / ("terrabrief-" + tag + "-XXXXXX")).string();
  if (!::mkdtemp(pattern.data())) throw internalError(pattern, "cannot create a scratch directory");
  path = pattern;
}

ScratchDir::~ScratchDir() {
  std::error_code ec;
  fs::remove_all(path, ec);
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n == 0 ? 0.0 : n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

void benchRow(const std::string& name, const std::string& value, const std::string& target,
              std::optional<double> ratio, std::optional<double> limit) {
  const std::string ratioText = ratio ? fmt::format("{:.2f}", *ratio) : "-";
  const std::string verdict = ratio && limit ? (*ratio <= *limit ? "PASS" : "over") : "-";
  std::printf("%-38s %-34s %-10s %-7s %s\n", name.c_str(), value.c_str(), target.c_str(), ratioText.c_str(),
              verdict.c_str());
  std::fflush(stdout);
}

void benchHeader() {
  std::printf("%-38s %-34s %-10s %-7s %s\n", "measure", "value (baseline)", "target", "ratio", "result");
}

std::string benchExecutable() {
  std::error_code ec;
  const fs::path self = fs::read_symlink("/proc/self/exe", ec);
  if (ec) throw internalError("/proc/self/exe", "cannot find the bench program's own executable");
  return self.string();
}

std::string launcherExecutable() {
  const fs::path launcher = fs::path(benchExecutable()).parent_path() / "terrabrief";
  std::error_code ec;
  if (!fs::is_regular_file(launcher, ec))
    throw internalError(launcher.string(), "the terrabrief command is not beside the bench program");
  return launcher.string();
}

void viewerBenchResult(const std::string& key, const std::string& value) {
  std::printf("tb-viewer-bench %s %s\n", key.c_str(), value.c_str());
  std::fflush(stdout);
}

}  // namespace tb::bench
