// User-made sites and their edits (see SiteEdits.h for the rules).
#include "session/SiteEdits.h"

#include <fmt/format.h>

#include <cctype>
#include <cstdint>
#include <iterator>
#include <cmath>
#include <cstdlib>
#include <sstream>

namespace tb::session {
namespace {

using scene::Honesty;
using scene::Site;
using geo::GeometryKind;

// One number of a typed position: value, decimals, and an optional hemisphere letter.
bool readCoordinate(const std::string& token, double& value, int& decimals, char& hemisphere) {
  std::string t = token;
  hemisphere = 0;
  if (!t.empty() && std::strchr("NSEWnsew", t.back())) {
    hemisphere = static_cast<char>(std::toupper(static_cast<unsigned char>(t.back())));
    t.pop_back();
  }
  if (!t.empty() && t.back() == '\xb0') t.pop_back();  // a Latin-1 degree sign
  if (t.size() >= 2 && t.compare(t.size() - 2, 2, "\xc2\xb0") == 0) t.resize(t.size() - 2);  // UTF-8 °
  if (t.empty()) return false;
  char* end = nullptr;
  value = std::strtod(t.c_str(), &end);
  if (end != t.c_str() + t.size() || !std::isfinite(value)) return false;
  const auto dot = t.find('.');
  decimals = dot == std::string::npos ? 0 : static_cast<int>(t.size() - dot - 1);
  if (hemisphere == 'S' || hemisphere == 'W') value = -value;
  return true;
}

Edit fail(std::string problem) { return Edit{nullptr, std::move(problem)}; }

Edit change(const SitesDocument& doc, const std::string& id, const char* label, Site after,
            std::string mergeKey = {}) {
  const int i = doc.indexOf(id);
  if (i < 0) return fail("there is no site \"" + id + "\"");
  if (std::string p = userSiteProblem(after); !p.empty()) return fail(p);
  return Edit{std::make_unique<ListEdit<Site>>(label, static_cast<std::size_t>(i), doc.sites[static_cast<std::size_t>(i)],
                                               std::move(after), std::move(mergeKey)),
              {}};
}

bool closedRing(const Site& s) {
  return s.kind == GeometryKind::Polygon && !s.lonLat.empty() && s.lonLat[0].size() > 1 &&
         s.lonLat[0].front() == s.lonLat[0].back();
}

void setVertices(Site& s, std::vector<glm::dvec2> v) {
  if (s.kind == GeometryKind::Polygon && !v.empty()) v.push_back(v.front());
  if (s.lonLat.empty()) s.lonLat.emplace_back();
  s.lonLat[0] = std::move(v);
}

Site newSite(const SitesDocument& doc, const char* stem, const char* noun, const std::string& category) {
  Site s;
  s.id = unusedSiteId(doc, stem);
  s.name = std::string(noun) + " " + s.id.substr(s.id.rfind('-') + 1);
  s.category = category;
  return s;
}

}  // namespace

std::optional<TypedPosition> parseTypedPosition(const std::string& text, std::string& problem) {
  std::string t = text;
  for (char& c : t)
    if (c == ',' || c == ';') c = ' ';
  std::istringstream in(t);
  std::vector<std::string> tokens;
  for (std::string tok; in >> tok;) {
    const bool hemisphereAlone = tok.size() == 1 && std::strchr("NSEWnsew", tok[0]);
    if (hemisphereAlone && !tokens.empty()) tokens.back() += tok;  // "41.5 N"
    else tokens.push_back(tok);
  }
  double lat = 0, lon = 0;
  int dLat = 0, dLon = 0;
  char hLat = 0, hLon = 0;
  if (tokens.size() != 2 || !readCoordinate(tokens[0], lat, dLat, hLat) || !readCoordinate(tokens[1], lon, dLon, hLon)) {
    problem = "\"" + text + "\" is not a position: type latitude then longitude, e.g. 41.5812, 129.6712";
    return std::nullopt;
  }
  if (hLat == 'E' || hLat == 'W' || hLon == 'N' || hLon == 'S') {
    problem = "\"" + text + "\": latitude (N/S) comes first, then longitude (E/W)";
    return std::nullopt;
  }
  if (!(lat >= -90 && lat <= 90) || !(lon >= -180 && lon <= 180)) {
    problem = "\"" + text + "\": latitude must be within -90..90 and longitude within -180..180";
    return std::nullopt;
  }
  TypedPosition p;
  p.lonLat = {lon, lat};
  p.decimals = std::min(dLat, dLon);
  p.precisionM = precisionForDecimals(p.decimals);
  return p;
}

double precisionForDecimals(int decimals) {
  // The last typed digit of a degree of latitude (111.32 km), to one significant digit.
  const double step = 111320.0 * std::pow(10.0, -decimals);
  const double magnitude = std::pow(10.0, std::floor(std::log10(step)));
  return std::round(step / magnitude) * magnitude;
}

std::string unusedSiteId(const SitesDocument& doc, const std::string& stem) {
  for (int n = 1;; ++n) {
    std::string id = stem + "-" + std::to_string(n);
    if (doc.indexOf(id) < 0) return id;
  }
}

std::string userSiteProblem(const Site& s) {
  if (s.name.empty()) return "a site needs a name";
  if (s.category.empty()) return "a site needs a category";
  if (s.source.empty()) return "\"" + s.name + "\" needs a source (where its position or name comes from)";
  const std::size_t n = vertices(s).size();
  switch (s.kind) {
    case GeometryKind::Line:
      if (n < 2) return fmt::format("a path needs at least 2 points; \"{}\" would have {}", s.name, n);
      break;
    case GeometryKind::Polygon:
      if (n < 3) return fmt::format("a polygon needs at least 3 points; \"{}\" would have {}", s.name, n);
      break;
    default: break;
  }
  switch (s.honesty) {
    case Honesty::Given:
      if (s.kind != GeometryKind::Point) return "only a pin can be \"given\"";
      if (s.placedBy == "click")
        return "a pin placed by clicking cannot be \"given\": type its coordinates from the source instead";
      if (!s.precisionM) return "a given pin needs its precision";
      break;
    case Honesty::Derived:
      if (s.kind != GeometryKind::Point) return "only a pin can be \"derived\"";
      if (!s.precisionM) return "a derived pin needs its precision";
      break;
    case Honesty::Area:
      if (s.kind != GeometryKind::Line && s.kind != GeometryKind::Polygon)
        return "only a path or a polygon can be \"area\"";
      break;
    case Honesty::Note:
      if (s.kind != GeometryKind::None) return "a note has no position";
      break;
  }
  if (s.precisionM && !(*s.precisionM > 0)) return "precision must be more than 0 m";
  return {};
}

Site clickedPin(const SitesDocument& doc, glm::dvec2 lonLat, double precisionM, const std::string& category) {
  Site s = newSite(doc, "pin", "Pin", category);
  s.honesty = Honesty::Derived;
  s.placedBy = "click";
  s.precisionM = precisionM;
  s.source = "placed by clicking the terrain in terrabrief";
  s.kind = GeometryKind::Point;
  s.lonLat = {{lonLat}};
  return s;
}

Site typedPin(const SitesDocument& doc, const TypedPosition& at, const std::string& category,
              const std::string& source) {
  Site s = newSite(doc, "pin", "Pin", category);
  s.honesty = source.empty() ? Honesty::Derived : Honesty::Given;
  s.placedBy = "typed";
  s.precisionM = at.precisionM;
  s.source = source.empty() ? "coordinates typed in terrabrief (source not named)" : source;
  s.kind = GeometryKind::Point;
  s.lonLat = {{at.lonLat}};
  return s;
}

Site drawing(const SitesDocument& doc, GeometryKind kind, std::vector<glm::dvec2> lonLat, const std::string& category) {
  const bool polygon = kind == GeometryKind::Polygon;
  Site s = newSite(doc, polygon ? "area" : "path", polygon ? "Area" : "Path", category);
  s.honesty = Honesty::Area;
  s.placedBy = "click";
  s.source = "drawn on the terrain in terrabrief";
  s.kind = kind;
  setVertices(s, std::move(lonLat));
  return s;
}

Site textNote(const SitesDocument& doc, const std::string& text, const std::string& category) {
  Site s = newSite(doc, "note", "Note", category);
  s.honesty = Honesty::Note;
  s.source = "note written in terrabrief";
  s.description = text;
  return s;
}

std::string outsideProblem(glm::dvec2 p, const scene::LonLatExtent& e) {
  if (p.x >= e.west && p.x <= e.east && p.y >= e.south && p.y <= e.north) return {};
  return fmt::format("{:.6g}, {:.6g} is outside the scene (latitude {:.4f}..{:.4f}, longitude {:.4f}..{:.4f})", p.y,
                     p.x, e.south, e.north, e.west, e.east);
}

Edit addSite(const SitesDocument& doc, Site site) {
  if (doc.indexOf(site.id) >= 0) return fail("the id \"" + site.id + "\" is already used");
  if (std::string p = userSiteProblem(site); !p.empty()) return fail(p);
  const char* label = site.kind == GeometryKind::Point     ? "place pin"
                      : site.kind == GeometryKind::Line    ? "draw path"
                      : site.kind == GeometryKind::Polygon ? "draw polygon"
                                                           : "add note";
  return Edit{std::make_unique<ListEdit<Site>>(label, doc.sites.size(), std::nullopt, std::move(site)), {}};
}

Edit deleteSite(const SitesDocument& doc, const std::string& id) {
  const int i = doc.indexOf(id);
  if (i < 0) return fail("there is no site \"" + id + "\"");
  return Edit{std::make_unique<ListEdit<Site>>("delete " + doc.sites[static_cast<std::size_t>(i)].name,
                                               static_cast<std::size_t>(i), doc.sites[static_cast<std::size_t>(i)],
                                               std::nullopt),
              {}};
}

std::vector<glm::dvec2> vertices(const Site& s) {
  if (s.lonLat.empty()) return {};
  std::vector<glm::dvec2> v = s.lonLat[0];
  if (closedRing(s)) v.pop_back();
  return v;
}

Edit movePin(const SitesDocument& doc, const std::string& id, glm::dvec2 lonLat, double precisionM) {
  const Site* s = doc.find(id);
  if (!s || s->kind != GeometryKind::Point) return fail("\"" + id + "\" is not a pin");
  Site after = *s;
  after.lonLat = {{lonLat}};
  if (after.placedBy == "typed" || after.honesty == Honesty::Given) {
    // Dragged by hand, the position is no longer the source's.
    after.placedBy = "click";
    after.honesty = Honesty::Derived;
  }
  after.precisionM = precisionM;
  return change(doc, id, "move pin", std::move(after), "move:" + id);
}

Edit moveVertex(const SitesDocument& doc, const std::string& id, int vertex, glm::dvec2 lonLat) {
  const Site* s = doc.find(id);
  if (!s) return fail("there is no site \"" + id + "\"");
  std::vector<glm::dvec2> v = vertices(*s);
  if (vertex < 0 || vertex >= static_cast<int>(v.size())) return fail(fmt::format("\"{}\" has no vertex {}", s->name, vertex + 1));
  v[static_cast<std::size_t>(vertex)] = lonLat;
  Site after = *s;
  setVertices(after, std::move(v));
  return change(doc, id, "move vertex", std::move(after), fmt::format("vertex:{}:{}", id, vertex));
}

Edit insertVertex(const SitesDocument& doc, const std::string& id, int before, glm::dvec2 lonLat) {
  const Site* s = doc.find(id);
  if (!s || (s->kind != GeometryKind::Line && s->kind != GeometryKind::Polygon))
    return fail("\"" + id + "\" is not a path or polygon");
  std::vector<glm::dvec2> v = vertices(*s);
  if (before < 0 || before > static_cast<int>(v.size())) return fail(fmt::format("no place {} in \"{}\"", before + 1, s->name));
  v.insert(v.begin() + before, lonLat);
  Site after = *s;
  setVertices(after, std::move(v));
  return change(doc, id, "insert vertex", std::move(after));
}

Edit deleteVertex(const SitesDocument& doc, const std::string& id, int vertex) {
  const Site* s = doc.find(id);
  if (!s || (s->kind != GeometryKind::Line && s->kind != GeometryKind::Polygon))
    return fail("\"" + id + "\" is not a path or polygon");
  std::vector<glm::dvec2> v = vertices(*s);
  if (vertex < 0 || vertex >= static_cast<int>(v.size())) return fail(fmt::format("\"{}\" has no vertex {}", s->name, vertex + 1));
  v.erase(v.begin() + vertex);
  Site after = *s;
  setVertices(after, std::move(v));
  return change(doc, id, "delete vertex", std::move(after));
}

Edit moveShape(const SitesDocument& doc, const std::string& id, glm::dvec2 delta) {
  const Site* s = doc.find(id);
  if (!s || s->kind == GeometryKind::None) return fail("\"" + id + "\" has no position to move");
  Site after = *s;
  for (auto& part : after.lonLat)
    for (glm::dvec2& p : part) p += delta;
  if (after.kind == GeometryKind::Point && (after.placedBy == "typed" || after.honesty == Honesty::Given)) {
    after.placedBy = "click";
    after.honesty = Honesty::Derived;
  }
  return change(doc, id, "move shape", std::move(after), "shape:" + id);
}

SiteProperties propertiesOf(const Site& s) {
  return {s.name, s.category, s.source, s.description, s.honesty, s.precisionM};
}

Edit setProperties(const SitesDocument& doc, const std::string& id, const SiteProperties& p,
                   const scene::Category& newCategory) {
  const Site* s = doc.find(id);
  if (!s) return fail("there is no site \"" + id + "\"");
  Site after = *s;
  after.name = p.name;
  after.category = p.category;
  after.source = p.source;
  after.description = p.description;
  after.honesty = p.honesty;
  after.precisionM = p.precisionM;
  if (s->honesty == Honesty::Given && p.honesty == Honesty::Given && p.precisionM != s->precisionM)
    return fail("a given pin's precision comes from the decimals typed; type the coordinates again to change it");
  if (p.honesty == Honesty::Given && s->honesty != Honesty::Given && s->placedBy == "typed")
    after.precisionM = s->precisionM;  // back to given: the typed precision again
  if (p.honesty == Honesty::Given && s->placedBy != "typed")
    return fail("\"" + s->name + "\" was not typed from a source, so it cannot be \"given\"");
  Edit edit = change(doc, id, "edit properties", std::move(after));
  if (!edit || doc.categories.count(p.category)) return edit;
  scene::Category cat = newCategory;
  if (cat.label.empty()) cat.label = p.category;
  std::vector<CommandPtr> parts;
  parts.push_back(std::make_unique<CategoryEdit>(p.category, std::nullopt, cat));
  parts.push_back(std::move(edit.command));
  return Edit{std::make_unique<CompositeCommand>("edit properties", std::move(parts)), {}};
}

glm::vec4 newCategoryColor(const SitesDocument& doc, const std::string& key) {
  // Twelve hues that read on terrain imagery, none of them the orange used for "My places".
  static const glm::vec4 palette[] = {
      {0.90f, 0.30f, 0.55f, 1.0f}, {0.30f, 0.65f, 0.95f, 1.0f}, {0.55f, 0.85f, 0.30f, 1.0f},
      {0.70f, 0.45f, 0.95f, 1.0f}, {0.20f, 0.85f, 0.80f, 1.0f}, {0.95f, 0.85f, 0.25f, 1.0f},
      {0.95f, 0.45f, 0.35f, 1.0f}, {0.45f, 0.40f, 0.90f, 1.0f}, {0.85f, 0.60f, 0.85f, 1.0f},
      {0.35f, 0.75f, 0.50f, 1.0f}, {0.60f, 0.80f, 0.95f, 1.0f}, {0.80f, 0.70f, 0.50f, 1.0f}};
  constexpr std::size_t n = std::size(palette);
  std::uint32_t hash = 2166136261u;  // FNV-1a: stable across runs and platforms, unlike std::hash
  for (unsigned char c : key) hash = (hash ^ c) * 16777619u;
  auto taken = [&](const glm::vec4& c) {
    for (const auto& [k, cat] : doc.categories)
      if (glm::distance(glm::vec3(cat.color), glm::vec3(c)) < 0.2f) return true;
    return false;
  };
  for (std::size_t i = 0; i < n; ++i)
    if (const glm::vec4& c = palette[(hash + i) % n]; !taken(c)) return c;
  return palette[hash % n];  // every hue in use: the name's own
}

std::string precisionText(std::optional<double> precisionM) {
  return precisionM && *precisionM > 0 ? fmt::format("{:.0f}", *precisionM) : "";
}

std::optional<double> precisionFromText(const std::string& text) {
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  while (end && std::isspace(static_cast<unsigned char>(*end))) ++end;
  if (text.empty() || end == text.c_str() || (end && *end) || !std::isfinite(v) || v <= 0) return std::nullopt;
  return v;
}

}  // namespace tb::session
