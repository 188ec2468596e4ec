// `terrabrief bench`: the performance targets measured side by side in one run, each
// against its baseline on the same machine in the same state.
#pragma once
#include <string>

#include <CLI/CLI.hpp>

namespace tb::bench {

// The options of `terrabrief bench` (= terrabrief-bench), declared on the program's own CLI::App.
class BenchCommand {
 public:
  explicit BenchCommand(CLI::App& app);
  int run();  // throws tb::Error

 private:
  CLI::App* command_ = nullptr;
  std::string scene_;
  int frames_ = 5;
  bool viewer_ = false;  // --viewer: the interactive viewer's targets instead (ViewerBench.cpp)
  bool streaming_ = false;  // --streaming: the streaming targets on big data (BenchStreaming.cpp)
  std::string rows_ = "efghijk";  // --rows: which of the streaming rows to measure
  double soakMinutes_ = 0;  // --soak [MINUTES]: a scripted flight in the viewer, RSS and GL objects
  double soakVideoMinutes_ = 0;  // --soak-video [MINUTES]: a long briefing video export, RSS and GL objects
  int viewerChild_ = 0;  // internal: this process is the viewer that --viewer times
  int flightChild_ = 0;  // internal: the viewer flown for row (j)
  double soakChild_ = 0;  // internal: the viewer flown for --soak
};

}  // namespace tb::bench
