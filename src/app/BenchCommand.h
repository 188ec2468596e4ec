// `terrabrief bench`: the performance targets measured side by side in one run, each
// against its baseline on the same machine in the same state.
#pragma once
#include <string>

#include <CLI/CLI.hpp>

namespace tb::app {

class BenchCommand {
 public:
  explicit BenchCommand(CLI::App& parent);
  bool selected() const { return command_->parsed(); }
  int run();  // throws tb::Error

 private:
  CLI::App* command_ = nullptr;
  std::string scene_;
  int frames_ = 5;
  bool viewer_ = false;  // --viewer: the interactive viewer's targets instead (ViewerBench.cpp)
  bool streaming_ = false;  // --streaming: the streaming targets on big data (BenchStreaming.cpp)
};

}  // namespace tb::app
