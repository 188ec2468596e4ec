// The --scene option shared by every subcommand: the default scene when omitted.
#pragma once
#include <string>

#include <CLI/CLI.hpp>

#include "core/DataPaths.h"

namespace tb::app {

inline void addSceneOption(CLI::App& command, std::string& path) {
  command.add_option("--scene", path, "Scene file (default: the Kyongsong scene shipped with terrabrief)")
      ->type_name("FILE");
}

inline std::string resolveScenePath(const std::string& given) {
  return given.empty() ? tb::defaultScenePath() : tb::resolveDataArgument(given);
}

// A BRIEFING argument: the default briefing when omitted; documented assets/ paths work anywhere.
inline std::string resolveBriefingPath(const std::string& given) {
  return given.empty() ? tb::defaultBriefingPath() : tb::resolveDataArgument(given);
}

}  // namespace tb::app
