// `terrabrief render`: one headless frame of a scene, written as a PNG with text chunks.
#pragma once
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace tb::app {

class RenderCommand {
 public:
  explicit RenderCommand(CLI::App& parent);  // declares the subcommand and its options
  bool selected() const { return command_->parsed(); }
  int run();  // throws tb::Error

 private:
  CLI::App* command_ = nullptr;
  std::string scene_;
  std::string view_;
  std::string site_;
  std::string camera_;
  std::string size_ = "1920x1080";
  double exaggeration_ = 0;  // 0 = the scene's
  double tau_ = 0;           // 0 = the scene's
  bool noLabels_ = false;
  bool noPins_ = false;
  double fov_ = 0;  // 0: the scene's render.fov
  std::vector<std::string> analyses_;  // saved analyses to show ("all": every one)
  std::string grid_;                   // "", "degrees" or "utm"
  std::string out_;
  int compression_ = 1;  // zlib level: fast by default, 9 for files kept in the repository
};

}  // namespace tb::app
