// The table every `terrabrief bench` section prints (what, value (baseline), target, ratio,
// verdict), and what the sections share: medians and the command a timed child is started with.
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace tb::bench {

double median(std::vector<double> values);

// One row; the verdict is PASS or over when both a ratio and its limit are given, else "-".
void benchRow(const std::string& name, const std::string& value, const std::string& target = "-",
              std::optional<double> ratio = {}, std::optional<double> limit = {});
void benchHeader();

// The `terrabrief` command users run: the launcher beside this executable (src/launcher), so a
// timed child pays what a user's run pays; this executable itself when there is no launcher.
std::string launcherExecutable();

// This bench program itself (/proc/self/exe), for the children that run its own hidden modes.
std::string benchExecutable();

// A fresh directory under the system's temporary folder (terrabrief-TAG-XXXXXX), removed with
// everything in it when this goes, whatever happened. Throws tb::Error when it cannot be made.
class ScratchDir {
 public:
  explicit ScratchDir(const std::string& tag);
  ~ScratchDir();
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  std::filesystem::path path;
};

// One "tb-viewer-bench KEY VALUE" line on stdout (flushed): how a viewer child reports to its parent.
void viewerBenchResult(const std::string& key, const std::string& value);

}  // namespace tb::bench
