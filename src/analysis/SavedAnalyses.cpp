// Saved analyses as GeoJSON (see SavedAnalyses.h and docs/analysis-format.md).
#include "analysis/SavedAnalyses.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/AtomicFile.h"
#include "core/Error.h"

namespace tb::analysis {
namespace {

using nlohmann::json;
constexpr const char* kFormat = "terrabrief-analyses/1";

struct FeatureError {
  std::string problem;
};

const json& need(const json& obj, const char* key) {
  if (!obj.is_object() || !obj.contains(key)) throw FeatureError{fmt::format("has no \"{}\"", key)};
  return obj.at(key);
}

double number(const json& obj, const char* key, std::optional<double> fallback = std::nullopt) {
  if (!obj.is_object() || !obj.contains(key)) {
    if (fallback) return *fallback;
    throw FeatureError{fmt::format("parameters have no \"{}\"", key)};
  }
  const json& v = obj.at(key);
  if (!v.is_number() || !std::isfinite(v.get<double>())) throw FeatureError{fmt::format("\"{}\" is not a number", key)};
  return v.get<double>();
}

glm::dvec2 position(const json& p) {
  if (!p.is_array() || p.size() < 2 || !p[0].is_number() || !p[1].is_number())
    throw FeatureError{"a position is not [lon, lat]"};
  const glm::dvec2 ll(p[0].get<double>(), p[1].get<double>());
  if (std::abs(ll.x) > 180 || std::abs(ll.y) > 90)
    throw FeatureError{fmt::format("[{}, {}] is not a lon/lat", ll.x, ll.y)};
  return ll;
}

std::vector<glm::dvec2> positions(const json& arr) {
  if (!arr.is_array()) throw FeatureError{"coordinates are not a list"};
  std::vector<glm::dvec2> out;
  for (const json& p : arr) out.push_back(position(p));
  return out;
}

json coords(const std::vector<glm::dvec2>& pts) {
  json a = json::array();
  for (const glm::dvec2& p : pts) a.push_back({p.x, p.y});
  return a;
}

json featureOf(const SavedAnalysis& a) {
  json geometry, params = json::object();
  switch (a.kind) {
    case AnalysisKind::Measure:
      if (a.closed) {
        std::vector<glm::dvec2> ring = a.points;
        if (!ring.empty()) ring.push_back(ring.front());
        geometry = {{"type", "Polygon"}, {"coordinates", json::array({coords(ring)})}};
      } else {
        geometry = {{"type", "LineString"}, {"coordinates", coords(a.points)}};
      }
      break;
    case AnalysisKind::Profile:
      geometry = {{"type", "LineString"}, {"coordinates", coords(a.points)}};
      params["spacing_m"] = a.spacing;
      break;
    case AnalysisKind::LineOfSight:
      geometry = {{"type", "LineString"}, {"coordinates", coords(a.points)}};
      params = {{"observer_height_m", a.sight.observerHeight},
                {"target_height_m", a.sight.targetHeight},
                {"refraction", a.sight.refraction},
                {"curvature", a.sight.curvature}};
      break;
    case AnalysisKind::Viewshed: {
      const ViewshedOptions& v = a.viewshed;
      geometry = {{"type", "Point"}, {"coordinates", {a.points.at(0).x, a.points.at(0).y}}};
      params = {{"observer_height_m", v.observerHeight},
                {"target_height_m", v.targetHeight},
                {"radius_m", v.radius},
                {"refraction", v.refraction},
                {"curvature", v.curvature},
                {"cell_m", v.cell}};
      if (v.azimuthFrom) params["sector_deg"] = {*v.azimuthFrom, *v.azimuthTo};
      break;
    }
    case AnalysisKind::RangeRings:
      geometry = {{"type", "Point"}, {"coordinates", {a.points.at(0).x, a.points.at(0).y}}};
      params["radii_m"] = a.radii;
      break;
  }
  json props = {{"kind", analysisKindName(a.kind)}, {"name", a.name}, {"parameters", params}};
  if (a.kind == AnalysisKind::RangeRings && !a.site.empty()) props["site"] = a.site;
  return {{"type", "Feature"}, {"geometry", geometry}, {"properties", props}};
}

SavedAnalysis analysisOf(const json& f) {
  SavedAnalysis a;
  const json& props = need(f, "properties");
  const json& kind = need(props, "kind");
  const auto k = kind.is_string() ? analysisKindFromName(kind.get<std::string>()) : std::nullopt;
  if (!k) throw FeatureError{fmt::format("kind {} is not one of measure, profile, los, viewshed, rings", kind.dump())};
  a.kind = *k;
  const json params = props.contains("parameters") ? props.at("parameters") : json::object();
  if (!params.is_object()) throw FeatureError{"parameters are not an object"};
  const json& geometry = need(f, "geometry");
  const json& type = need(geometry, "type");
  const json& c = need(geometry, "coordinates");
  auto expect = [&](const char* t) {
    if (type != t)
      throw FeatureError{fmt::format("a {} needs a {} geometry, not {}", analysisKindName(a.kind), t, type.dump())};
  };
  auto flag = [&](const char* key) {
    return !params.contains(key) ||
           (params.at(key).is_boolean() ? params.at(key).get<bool>()
                                        : throw FeatureError{fmt::format("\"{}\" is not true/false", key)});
  };
  switch (a.kind) {
    case AnalysisKind::Measure:
      if (type == "Polygon") {
        if (!c.is_array() || c.empty()) throw FeatureError{"a polygon needs a ring"};
        a.points = positions(c[0]);
        if (a.points.size() >= 2 && a.points.front() == a.points.back()) a.points.pop_back();
        a.closed = true;
      } else {
        expect("LineString");
        a.points = positions(c);
      }
      if (a.points.size() < 2) throw FeatureError{"a measurement needs at least two points"};
      break;
    case AnalysisKind::Profile:
      expect("LineString");
      a.points = positions(c);
      if (a.points.size() < 2) throw FeatureError{"a profile needs at least two points"};
      a.spacing = number(params, "spacing_m", 0.0);
      if (a.spacing < 0) throw FeatureError{"\"spacing_m\" is negative"};
      break;
    case AnalysisKind::LineOfSight:
      expect("LineString");
      a.points = positions(c);
      if (a.points.size() != 2) throw FeatureError{"a line of sight needs exactly two points (observer, target)"};
      a.sight.observerHeight = number(params, "observer_height_m", 2.0);
      a.sight.targetHeight = number(params, "target_height_m", 0.0);
      a.sight.refraction = number(params, "refraction", kDefaultRefraction);
      a.sight.curvature = flag("curvature");
      if (a.sight.observerHeight < 0 || a.sight.targetHeight < 0)
        throw FeatureError{"a height above ground is negative"};
      break;
    case AnalysisKind::Viewshed: {
      expect("Point");
      a.points = {position(c)};
      ViewshedOptions& v = a.viewshed;
      v.observerHeight = number(params, "observer_height_m", 2.0);
      v.targetHeight = number(params, "target_height_m", 0.0);
      v.radius = number(params, "radius_m");
      v.refraction = number(params, "refraction", kDefaultRefraction);
      v.curvature = flag("curvature");
      v.cell = number(params, "cell_m", 0.0);
      if (!(v.radius > 0)) throw FeatureError{"\"radius_m\" is not positive"};
      if (params.contains("sector_deg")) {
        const json& s = params.at("sector_deg");
        if (!s.is_array() || s.size() != 2 || !s[0].is_number() || !s[1].is_number())
          throw FeatureError{"\"sector_deg\" is not [from, to]"};
        v.azimuthFrom = s[0].get<double>();
        v.azimuthTo = s[1].get<double>();
      }
      break;
    }
    case AnalysisKind::RangeRings: {
      expect("Point");
      a.points = {position(c)};
      const json& r = need(params, "radii_m");
      if (!r.is_array() || r.empty()) throw FeatureError{"\"radii_m\" is not a list of radii"};
      for (const json& x : r) {
        if (!x.is_number() || !(x.get<double>() > 0))
          throw FeatureError{fmt::format("radius {} is not positive", x.dump())};
        a.radii.push_back(x.get<double>());
      }
      if (props.contains("site")) {
        if (!props.at("site").is_string()) throw FeatureError{"\"site\" is not text"};
        a.site = props.at("site").get<std::string>();
      }
      break;
    }
  }
  if (props.contains("name")) {
    if (!props.at("name").is_string()) throw FeatureError{"\"name\" is not text"};
    a.name = props.at("name").get<std::string>();
  }
  return a;
}

}  // namespace

const char* analysisKindName(AnalysisKind k) {
  switch (k) {
    case AnalysisKind::Measure: return "measure";
    case AnalysisKind::Profile: return "profile";
    case AnalysisKind::LineOfSight: return "los";
    case AnalysisKind::Viewshed: return "viewshed";
    case AnalysisKind::RangeRings: return "rings";
  }
  return "?";
}

std::optional<AnalysisKind> analysisKindFromName(const std::string& name) {
  for (AnalysisKind k : {AnalysisKind::Measure, AnalysisKind::Profile, AnalysisKind::LineOfSight,
                         AnalysisKind::Viewshed, AnalysisKind::RangeRings})
    if (name == analysisKindName(k)) return k;
  return std::nullopt;
}

std::string savedAnalysesPathFor(const std::string& scenePath) {
  const std::filesystem::path p(scenePath);
  return (p.parent_path() / (p.stem().string() + ".analyses.geojson")).string();
}

std::vector<SavedAnalysis> readSavedAnalyses(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(path, "cannot be opened");
  std::stringstream text;
  text << in.rdbuf();
  json doc;
  try {
    doc = json::parse(text.str());
  } catch (const json::parse_error& e) {
    throw Error(path, fmt::format("is not valid JSON (byte {})", e.byte));
  }
  if (!doc.is_object() || doc.value("type", "") != "FeatureCollection" || !doc.contains("features") ||
      !doc.at("features").is_array())
    throw Error(path, "is not a GeoJSON FeatureCollection");
  if (doc.contains("format") && doc.at("format") != kFormat)
    throw Error(path, fmt::format("format {} is not {}", doc.at("format").dump(), kFormat));
  std::vector<SavedAnalysis> out;
  const json& features = doc.at("features");
  for (std::size_t i = 0; i < features.size(); ++i) {
    const json& f = features[i];
    std::string name;
    if (f.is_object() && f.contains("properties") && f.at("properties").is_object())
      name = f.at("properties").value("name", std::string());
    try {
      out.push_back(analysisOf(f));
    } catch (const FeatureError& e) {
      throw Error(path, fmt::format("feature {}{}: {}", i + 1, name.empty() ? "" : " (\"" + name + "\")", e.problem));
    } catch (const json::exception& e) {
      throw Error(path, fmt::format("feature {}{}: malformed ({})", i + 1, name.empty() ? "" : " (\"" + name + "\")",
                                    e.what()));
    }
  }
  return out;
}

void writeSavedAnalyses(const std::string& path, const std::vector<SavedAnalysis>& analyses) {
  checkWritableOutput(path);
  json features = json::array();
  for (const SavedAnalysis& a : analyses) features.push_back(featureOf(a));
  const json doc = {{"type", "FeatureCollection"}, {"format", kFormat}, {"features", features}};
  AtomicFile file(path);
  {
    std::ofstream out(file.tempPath(), std::ios::binary);
    out << doc.dump(1) << '\n';
    if (!out) throw Error(path, "cannot be written (disk full?)");
  }
  file.commit();
}

std::vector<SavedAnalysis> savedByNames(const std::string& path, const std::vector<SavedAnalysis>& saved,
                                        const std::vector<std::string>& names) {
  if (names.size() == 1 && names[0] == "all") return saved;
  std::vector<SavedAnalysis> chosen;
  for (const std::string& name : names) {
    const auto it = std::find_if(saved.begin(), saved.end(), [&](const SavedAnalysis& a) { return a.name == name; });
    if (it == saved.end()) {
      std::string known;
      for (const SavedAnalysis& a : saved) known += (known.empty() ? "\"" : ", \"") + a.name + "\"";
      throw Error(path, fmt::format("no saved analysis \"{}\" ({})", name,
                                    known.empty() ? "the file has none" : "it has " + known));
    }
    chosen.push_back(*it);
  }
  return chosen;
}

}  // namespace tb::analysis
