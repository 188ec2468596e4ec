// `terrabrief brief`: a briefing exported headless (stills per step, an H.264 video) and Google
// Earth tours imported as briefings.
#pragma once
#include <string>

#include <CLI/CLI.hpp>

namespace tb::app {

class BriefCommand {
 public:
  explicit BriefCommand(CLI::App& parent);  // declares `brief` and its three subcommands
  bool selected() const { return command_->parsed(); }
  int run();  // throws tb::Error

 private:
  int runStills();
  int runVideo();
  int runImportKml();

  CLI::App* command_ = nullptr;
  CLI::App* stills_ = nullptr;
  CLI::App* video_ = nullptr;
  CLI::App* importKml_ = nullptr;

  std::string briefing_;
  std::string size_;
  std::string out_;
  bool noCaptions_ = false;
  int fps_ = 30;
  std::string framesDir_;
  std::string kml_;
  std::string scene_;
};

}  // namespace tb::app
