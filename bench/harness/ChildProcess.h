// Runs another program to completion (for `terrabrief bench`: the whole-process render and the
// GDAL command-line baseline), with its output discarded, and says how long it took.
#pragma once
#include <string>
#include <vector>

namespace tb::bench {

struct ChildResult {
  int exitCode = -1;  // -1 if it did not exit normally (killed by a signal)
  double seconds = 0;
  double peakMiB = 0;  // the child's peak resident set
};

// argv[0] is looked up in PATH unless it contains a '/'. Throws tb::Error(argv[0], ...) if the
// program cannot be started at all.
// `environment` ("NAME=value" entries) replaces the inherited one when not empty.
ChildResult runChild(const std::vector<std::string>& argv, const std::vector<std::string>& environment = {});

// Same, but throws tb::internalError naming the program when it exits non-zero.
double runChildOrThrow(const std::vector<std::string>& argv, const std::vector<std::string>& environment = {});

// This process's environment as the user set it: without the huge-page tunable the terrabrief
// launcher added (src/launcher), so that baselines run the way the user would run them.
std::vector<std::string> userEnvironment();

}  // namespace tb::bench
