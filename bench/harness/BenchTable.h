// The table every `terrabrief bench` section prints (what, value (baseline), target, ratio,
// verdict), and what the sections share: medians and the command a timed child is started with.
#pragma once
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

// One "tb-viewer-bench KEY VALUE" line on stdout (flushed): how a viewer child reports to its parent.
void viewerBenchResult(const std::string& key, const std::string& value);

}  // namespace tb::bench
