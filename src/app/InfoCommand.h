// `terrabrief info`: what a scene holds, in plain stable text (CRS, extent, rasters, sites by
// honesty class with precision and source, views, facts).
#pragma once
#include <string>

#include <CLI/CLI.hpp>

namespace tb::app {

class InfoCommand {
 public:
  explicit InfoCommand(CLI::App& parent);
  bool selected() const { return command_->parsed(); }
  int run();  // throws tb::Error

 private:
  CLI::App* command_ = nullptr;
  std::string scene_;
};

}  // namespace tb::app
