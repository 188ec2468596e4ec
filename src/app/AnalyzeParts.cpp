// The analyze subcommands' shared parts (see AnalyzeParts.h).
#include "app/AnalyzeParts.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include <fmt/format.h>

#include "analysis/Coordinates.h"
#include "core/AtomicFile.h"

namespace tb::app::analyze {

void line(const std::string& text) { std::fputs((text + "\n").c_str(), stdout); }

glm::dvec2 parsePoint(const std::string& text, const std::string& argument) {
  const analysis::CoordinateParse p = analysis::parseCoordinate(text);
  if (!p.value) throw Error(argument, p.error);
  return p.value->lonLat;
}

glm::dvec2 localPoint(const analysis::Elevation& e, glm::dvec2 lonLat, const std::string& text,
                      const std::string& argument) {
  const glm::dvec2 p = e.toLocal(lonLat);
  if (!e.contains(p)) throw Error(argument, fmt::format("\"{}\" lies outside the terrain data", text));
  if (!e.heightAt(p)) throw Error(argument, fmt::format("\"{}\" has no height data (nodata)", text));
  return p;
}

void writeText(const std::string& path, const std::string& text) {
  AtomicFile file(path);
  {
    std::ofstream out(file.tempPath());
    out << text;
    if (!out) throw Error(path, "cannot be written (disk full?)");
  }
  file.commit();
}

void writeJson(const std::string& path, const nlohmann::json& doc) { writeText(path, doc.dump(1) + "\n"); }

nlohmann::json lonLatOf(const analysis::Elevation& e, glm::dvec3 p) {
  const glm::dvec2 ll = e.toLonLat(glm::dvec2(p));
  return {ll.x, ll.y, std::round(p.z * 100) / 100};
}

std::string heightText(double h, const std::string& unit) { return fmt::format("{:.1f} {}", h, unit); }

void keep(const std::string& scenePath, const std::string& name, analysis::SavedAnalysis a) {
  if (name.empty()) return;
  a.name = name;
  const std::string path = analysis::savedAnalysesPathFor(scenePath);
  std::vector<analysis::SavedAnalysis> all;
  if (std::filesystem::exists(path)) all = analysis::readSavedAnalyses(path);
  all.erase(std::remove_if(all.begin(), all.end(), [&](const auto& x) { return x.name == name; }), all.end());
  all.push_back(std::move(a));
  analysis::writeSavedAnalyses(path, all);
  line(fmt::format("saved as \"{}\" in {}", name, path));
}

}  // namespace tb::app::analyze
