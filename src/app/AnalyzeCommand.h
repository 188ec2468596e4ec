// `terrabrief analyze measure|profile|los|viewshed|rings`: the terrain analyses run headless on a
// scene, written as JSON / CSV / GeoJSON / GeoTIFF with a short summary on stdout.
#pragma once
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace tb::app {

class AnalyzeCommand {
 public:
  explicit AnalyzeCommand(CLI::App& parent);
  bool selected() const { return command_->parsed(); }
  int run();  // throws tb::Error

 private:
  int runMeasure();  // AnalyzeMeasure.cpp
  int runProfile();
  int runLos();
  int runViewshed();
  int runRings();

  CLI::App* command_ = nullptr;
  CLI::App *measure_ = nullptr, *profile_ = nullptr, *los_ = nullptr, *viewshed_ = nullptr, *rings_ = nullptr;
  std::string scene_;
  std::string out_;
  std::string save_;                 // name under which to keep the analysis in the scene's analyses file
  std::vector<std::string> points_;  // measure / profile vertices
  bool area_ = false;                // measure: a closed polygon, with its area
  std::string from_, to_, at_;       // los ends; viewshed / rings centre
  std::string site_;                 // rings: centred on this site instead of --at
  double spacing_ = 0;
  double observerHeight_ = 2, targetHeight_ = 0, refraction_ = 0.13;
  double radius_ = 0;
  std::vector<double> radii_;
  std::string sector_;  // "FROM,TO" degrees from true north, clockwise
};

}  // namespace tb::app
