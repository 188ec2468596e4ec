// `terrabrief scene new`: a working scene file for the user's own DEM (and imagery, overlays),
// written from the rasters' metadata alone: CRS, a fitted overview view, paths relative to it.
#pragma once
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace tb::app {

class SceneNewCommand {
 public:
  explicit SceneNewCommand(CLI::App& parent);
  bool selected() const { return new_->parsed(); }
  int run();  // throws tb::Error

 private:
  CLI::App* new_ = nullptr;
  std::string dem_;
  std::vector<std::string> imagery_;
  std::vector<std::string> overlays_;
  std::string name_;
  std::string out_;
};

}  // namespace tb::app
