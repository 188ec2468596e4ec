// Sites from any OGR source, validated feature by feature: identity, honesty class against the
// geometry, coordinates in range, precision. Errors name the file and the feature.
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>

#include "core/Error.h"
#include "core/Log.h"
#include "geo/Vector.h"
#include "scene/JsonDocument.h"
#include "scene/Scene.h"

namespace tb::scene {

const char* honestyName(Honesty h) {
  switch (h) {
    case Honesty::Given: return "given";
    case Honesty::Derived: return "derived";
    case Honesty::Area: return "area";
    case Honesty::Note: return "note";
  }
  return "?";
}

const char* honestyExplanation(Honesty h) {
  switch (h) {
    case Honesty::Given: return "Position as stated in the source, to its precision.";
    case Honesty::Derived:
      return "Position worked out by us from the source's words (the description says how); not stated by the source.";
    case Honesty::Area:
      return "The source describes a stretch or area, not a point; the outline is drawn from the text and real "
             "coastline.";
    case Honesty::Note: return "Named in the source without a position: listed here, never placed on the map.";
  }
  return "";
}

namespace {

const char* const kKnownProperties[] = {"id",          "name",          "category",     "honesty",
                                        "precision_m", "source",        "description",  "uncertain_end",
                                        "direction_deg", "distance_km", "direction_from",
                                        "placed_by"};

struct FeatureReader {
  const std::string& path;
  const geo::VectorFeature& f;
  std::string label;  // "feature 3 (\"castle\")"

  [[noreturn]] void fail(const std::string& problem) const { throw Error(path, label + ": " + problem); }
  std::string text(const char* key) const {
    auto it = f.properties.find(key);
    return it == f.properties.end() ? std::string() : it->second;
  }
  std::string required(const char* key) const {
    std::string v = text(key);
    if (v.empty()) fail(std::string("missing property \"") + key + "\"");
    return v;
  }
  std::optional<double> number(const char* key, double min, double max) const {
    const std::string v = text(key);
    if (v.empty()) return std::nullopt;
    char* end = nullptr;
    const double d = std::strtod(v.c_str(), &end);
    if (end == v.c_str() || *end != '\0' || !std::isfinite(d))
      fail(std::string(key) + " \"" + v + "\" is not a number");
    if (min == kPositive && d <= 0) fail(std::string(key) + " " + formatNumber(d) + " must be greater than 0");
    if (d < min || d > max)
      fail(std::string(key) + " " + formatNumber(d) + " is outside " + formatNumber(min) + ".." + formatNumber(max));
    return d;
  }
};

bool strictProperties(const std::string& path) {
  // GeoJSON is ours to write: a misspelt property there is a mistake. Other formats (KML, GPKG)
  // carry their own standard fields, which we leave alone.
  std::string ext = std::filesystem::path(path).extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext == ".geojson" || ext == ".json";
}

Site readSite(const std::string& path, const geo::VectorFeature& f, bool strict) {
  FeatureReader r{path, f, "feature " + std::to_string(f.index + 1)};
  Site s;
  s.id = r.required("id");
  r.label += " (\"" + s.id + "\")";
  if (strict)
    for (const auto& [key, value] : f.properties) {
      bool known = false;
      for (const char* k : kKnownProperties) known = known || key == k;
      if (!known && !value.empty()) r.fail("unknown property \"" + key + "\"");
    }
  s.name = r.required("name");
  s.category = r.required("category");
  const std::string honesty = r.required("honesty");
  if (honesty == "given") s.honesty = Honesty::Given;
  else if (honesty == "derived") s.honesty = Honesty::Derived;
  else if (honesty == "area") s.honesty = Honesty::Area;
  else if (honesty == "note") s.honesty = Honesty::Note;
  else r.fail("honesty \"" + honesty + "\" is not one of given, derived, area, note");
  s.source = r.required("source");
  s.description = r.text("description");

  s.kind = f.kind;
  s.lonLat = f.parts;
  switch (s.honesty) {
    case Honesty::Given:
    case Honesty::Derived:
      if (f.kind != geo::GeometryKind::Point || f.parts.size() != 1)
        r.fail(std::string("a \"") + honesty + "\" site needs a single Point geometry");
      break;
    case Honesty::Area:
      if (f.kind != geo::GeometryKind::Line && f.kind != geo::GeometryKind::Polygon)
        r.fail("an \"area\" site needs a LineString or Polygon geometry");
      break;
    case Honesty::Note:
      if (f.kind != geo::GeometryKind::None)
        r.fail("a \"note\" site has no position, so its geometry must be null");
      break;
  }
  for (const auto& part : f.parts)
    for (const glm::dvec2& p : part) {
      if (!(p.y >= -90 && p.y <= 90)) r.fail("latitude " + formatNumber(p.y) + " is outside -90..90");
      if (!(p.x >= -180 && p.x <= 180)) r.fail("longitude " + formatNumber(p.x) + " is outside -180..180");
    }

  s.precisionM = r.number("precision_m", kPositive, 1e7);
  if (!s.precisionM && (s.honesty == Honesty::Given || s.honesty == Honesty::Derived))
    r.fail("missing property \"precision_m\" (metres; a point needs its precision)");
  s.uncertainEnd = r.text("uncertain_end");
  if (!s.uncertainEnd.empty()) {
    if (s.uncertainEnd != "start" && s.uncertainEnd != "end")
      r.fail("uncertain_end \"" + s.uncertainEnd + "\" is not \"start\" or \"end\"");
    if (s.honesty != Honesty::Area) r.fail("uncertain_end applies to \"area\" sites only");
  }
  s.directionDeg = r.number("direction_deg", 0, 360);
  s.distanceKm = r.number("distance_km", 0, 40000);
  s.directionFrom = r.text("direction_from");
  s.placedBy = r.text("placed_by");
  if (!s.placedBy.empty() && s.placedBy != "click" && s.placedBy != "typed")
    r.fail("placed_by \"" + s.placedBy + "\" is not \"click\" or \"typed\"");
  if (s.placedBy == "click" && s.honesty == Honesty::Given)
    r.fail("a pin placed by clicking cannot be \"given\": only a coordinate typed from the source can");
  if ((s.directionDeg || s.distanceKm || !s.directionFrom.empty()) && s.honesty != Honesty::Note)
    r.fail("direction_deg, distance_km and direction_from apply to \"note\" sites only");
  return s;
}

}  // namespace

std::vector<Site> loadSites(const std::string& path) {
  const geo::VectorLayer layer = geo::loadVectors(path, "EPSG:4326");
  const bool strict = strictProperties(path);
  std::vector<Site> sites;
  std::map<std::string, int> seen;  // id -> feature number
  sites.reserve(layer.features.size());
  for (const geo::VectorFeature& f : layer.features) {
    Site s = readSite(path, f, strict);
    auto [it, fresh] = seen.emplace(s.id, f.index + 1);
    if (!fresh)
      throw Error(path, "feature " + std::to_string(f.index + 1) + " (\"" + s.id + "\"): id \"" + s.id +
                            "\" is already used by feature " + std::to_string(it->second));
    sites.push_back(std::move(s));
  }
  return sites;
}

}  // namespace tb::scene
