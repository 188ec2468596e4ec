// `terrabrief view` (also what `terrabrief` alone runs): the interactive viewer in a window.
#pragma once
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace tb::app {

class ViewCommand {
 public:
  explicit ViewCommand(CLI::App& parent);  // declares the subcommand and its options
  bool selected() const { return command_->parsed(); }
  int run();  // throws tb::Error (no display: one line pointing to `terrabrief render`)

 private:
  CLI::App* command_ = nullptr;
  std::string scene_;
  std::string size_ = "1280x720";
  double exitAfter_ = 0;
  std::string briefing_;
  bool present_ = false;
  int monitor_ = 1;
  std::vector<std::string> testDrop_;
  bool autoAdvance_ = false;
};

}  // namespace tb::app
