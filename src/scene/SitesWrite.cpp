// GeoJSON writing of sites, and the scene file's categories / sites keys (see SitesWrite.h).
#include "scene/SitesWrite.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/AtomicFile.h"
#include "core/Error.h"

namespace tb::scene {
namespace {

using ojson = nlohmann::ordered_json;

ojson geometryJson(const Site& s) {
  const auto point = [](glm::dvec2 p) { return ojson::array({p.x, p.y}); };
  const auto line = [&](const std::vector<glm::dvec2>& part) {
    ojson a = ojson::array();
    for (glm::dvec2 p : part) a.push_back(point(p));
    return a;
  };
  switch (s.kind) {
    case geo::GeometryKind::None: return nullptr;
    case geo::GeometryKind::Point:
      return {{"type", "Point"}, {"coordinates", point(s.lonLat.at(0).at(0))}};
    case geo::GeometryKind::Line:
      if (s.lonLat.size() == 1) return {{"type", "LineString"}, {"coordinates", line(s.lonLat[0])}};
      {
        ojson parts = ojson::array();
        for (const auto& part : s.lonLat) parts.push_back(line(part));
        return {{"type", "MultiLineString"}, {"coordinates", parts}};
      }
    case geo::GeometryKind::Polygon: {
      // Our model keeps every ring as its own part (geo::VectorFeature); written as one polygon.
      ojson rings = ojson::array();
      for (auto part : s.lonLat) {
        if (!part.empty() && part.front() != part.back()) part.push_back(part.front());  // GeoJSON rings close
        rings.push_back(line(part));
      }
      return {{"type", "Polygon"}, {"coordinates", rings}};
    }
  }
  return nullptr;
}

void writeText(const std::string& path, const std::string& text, const char* what) {
  AtomicFile out(path);
  {
    std::ofstream f(out.tempPath(), std::ios::binary);
    f << text;
    f.flush();
    if (!f) throw Error(path, std::string("cannot write the ") + what + " (disk full?)");
  }
  out.commit();
}

}  // namespace

std::string colorToHex(const glm::vec4& c) {
  const auto byte = [](float v) { return static_cast<int>(std::lround(std::clamp(v, 0.0f, 1.0f) * 255.0f)); };
  char text[8];
  std::snprintf(text, sizeof text, "#%02x%02x%02x", byte(c.r), byte(c.g), byte(c.b));
  return text;
}

std::string sitesToGeoJson(const std::vector<Site>& sites) {
  ojson features = ojson::array();
  for (const Site& s : sites) {
    ojson p;
    p["id"] = s.id;
    p["name"] = s.name;
    p["category"] = s.category;
    p["honesty"] = honestyName(s.honesty);
    if (s.precisionM) p["precision_m"] = *s.precisionM;
    p["source"] = s.source;
    if (!s.description.empty()) p["description"] = s.description;
    if (!s.uncertainEnd.empty()) p["uncertain_end"] = s.uncertainEnd;
    if (s.directionDeg) p["direction_deg"] = *s.directionDeg;
    if (s.distanceKm) p["distance_km"] = *s.distanceKm;
    if (!s.directionFrom.empty()) p["direction_from"] = s.directionFrom;
    if (!s.placedBy.empty()) p["placed_by"] = s.placedBy;
    features.push_back({{"type", "Feature"}, {"geometry", geometryJson(s)}, {"properties", p}});
  }
  const ojson doc = {{"type", "FeatureCollection"}, {"features", features}};
  return doc.dump(2) + "\n";
}

void saveSites(const std::string& path, const std::vector<Site>& sites) {
  writeText(path, sitesToGeoJson(sites), "sites file");
}

namespace {

ojson readSceneObject(const std::string& scenePath) {
  std::ifstream in(scenePath, std::ios::binary);
  if (!in) throw Error(scenePath, "cannot read the scene file");
  std::stringstream text;
  text << in.rdbuf();
  ojson root = ojson::parse(text.str(), nullptr, false);
  if (root.is_discarded() || !root.is_object()) throw Error(scenePath, "not a JSON object; not changed");
  return root;
}

std::string besideScene(const std::string& scenePath, const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path rel = fs::relative(fs::absolute(path), fs::absolute(scenePath).parent_path(), ec);
  return ec || rel.empty() ? path : rel.generic_string();
}

}  // namespace

void addLayersToSceneFile(const std::string& scenePath, const std::vector<ImageryLayerSpec>& imagery,
                          const std::vector<OverlaySpec>& overlays) {
  ojson root = readSceneObject(scenePath);
  for (const ImageryLayerSpec& l : imagery) {
    if (!root.contains("imagery") || !root["imagery"].is_array()) root["imagery"] = ojson::array();
    root["imagery"].push_back({{"name", l.name}, {"path", besideScene(scenePath, l.path)}, {"visible", l.visible},
                               {"opacity", l.opacity}});
  }
  for (const OverlaySpec& l : overlays) {
    if (!root.contains("overlays") || !root["overlays"].is_array()) root["overlays"] = ojson::array();
    root["overlays"].push_back({{"name", l.name}, {"path", besideScene(scenePath, l.path)}, {"color", colorToHex(l.color)},
                                {"width", l.widthPx}, {"visible", l.visible}});
  }
  writeText(scenePath, root.dump(2) + "\n", "scene file");
}

void updateSceneFile(const std::string& scenePath, const std::map<std::string, Category>& categories,
                     const std::string& sitesPath) {
  ojson root = readSceneObject(scenePath);
  ojson cats = ojson::object();
  for (const auto& [key, c] : categories) cats[key] = {{"label", c.label}, {"color", colorToHex(c.color)}};
  root["categories"] = cats;
  if (!sitesPath.empty()) root["sites"] = {{"path", besideScene(scenePath, sitesPath)}};
  writeText(scenePath, root.dump(2) + "\n", "scene file");
}

}  // namespace tb::scene
