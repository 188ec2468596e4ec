// What every `terrabrief analyze` subcommand shares: points typed in any coordinate form, checked
// against the data under the argument's name, library errors renamed to the argument, atomic
// JSON output, heights with their datum, and --save into the scene's analyses file.
#pragma once
#include <map>
#include <string>

#include <glm/glm.hpp>
#include <nlohmann/json.hpp>

#include "analysis/Elevation.h"
#include "analysis/SavedAnalyses.h"
#include "core/Error.h"

namespace tb::app::analyze {

void line(const std::string& text);  // one line of the summary on stdout

// lon/lat of a typed point (DD, DMS, UTM, MGRS), or an error naming `argument`.
glm::dvec2 parsePoint(const std::string& text, const std::string& argument);
// A local point inside the data, or an error naming the argument.
glm::dvec2 localPoint(const analysis::Elevation& e, glm::dvec2 lonLat, const std::string& text,
                      const std::string& argument);

// Runs `f`, renaming the library's subject ("observer", "radius", "point 2") to the argument.
template <typename F>
auto asArgument(const std::map<std::string, std::string>& names, F&& f) {
  try {
    return f();
  } catch (const Error& e) {
    const auto it = names.find(e.file());
    if (it == names.end()) throw;
    throw Error(it->second, e.problem(), e.exitCode());
  }
}

void writeJson(const std::string& path, const nlohmann::json& doc);  // atomically
void writeText(const std::string& path, const std::string& text);    // atomically
nlohmann::json lonLatOf(const analysis::Elevation& e, glm::dvec3 p);

// Heights say what they are measured from ("12.4 m EGM96"), not a bare "m".
std::string heightText(double h, const std::string& unit);

// Keeps `a` under `name` in the scene's analyses file (nothing when name is empty).
void keep(const std::string& scenePath, const std::string& name, analysis::SavedAnalysis a);

}  // namespace tb::app::analyze
