// The scene file (docs/scene-format.md): parsed with positions, validated key by key, paths
// resolved against the scene's directory, "auto" CRS resolved, sites and saved views merged in.
#include "scene/Scene.h"

#include <algorithm>
#include <cctype>

#include <filesystem>

#include "core/DataPaths.h"
#include "core/Error.h"
#include "geo/Crs.h"
#include "geo/Raster.h"
#include "scene/SceneParts.h"

namespace tb::scene {
namespace fs = std::filesystem;

namespace {

// GDAL virtual paths (/vsicurl/http://..., /vsizip/...) and URLs are GDAL's to interpret: kept as
// written, since lexically_normal would fold "http://" into "http:/".
std::string resolvePath(const std::string& dir, const std::string& p) {
  if (p.rfind("/vsi", 0) == 0 || p.find("://") != std::string::npos) return p;
  fs::path path(p);
  if (path.is_relative()) path = fs::path(dir) / path;
  return path.lexically_normal().string();
}

// A raster beside the scene, or where the build generated it for a source-tree copy of the scene
// (core/DataPaths.h: generatedDataFile).
std::string generatedOr(const Scene& s, const std::string& p) {
  std::string path = resolvePath(s.dir, p);
  std::error_code ec;
  if (!fs::exists(path, ec))
    if (std::string generated = generatedDataFile(s.path, p); !generated.empty()) path = generated;
  return path;
}

// Without an extent the scene is the DEM's own footprint (read from its metadata).
void readExtent(const ObjectReader& top, Scene& s) {
  if (!top.has("extent")) {
    const geo::ProjectedExtent fp = geo::lonLatFootprint(s.demPath);
    s.extent = {fp.west, fp.south, fp.east, fp.north};
    return;
  }
  ObjectReader e = top.object("extent", {"west", "south", "east", "north"});
  s.extent.west = e.requiredNumber("west", -180, 180);
  s.extent.south = e.requiredNumber("south", -90, 90);
  s.extent.east = e.requiredNumber("east", -180, 180);
  s.extent.north = e.requiredNumber("north", -90, 90);
  if (s.extent.west >= s.extent.east)
    e.doc().fail(e.pointer("east"), "east " + formatNumber(s.extent.east) + " must be greater than west " +
                                        formatNumber(s.extent.west));
  if (s.extent.south >= s.extent.north)
    e.doc().fail(e.pointer("north"), "north " + formatNumber(s.extent.north) + " must be greater than south " +
                                         formatNumber(s.extent.south));
}

void readCrs(const ObjectReader& top, Scene& s) {
  const std::string crs = top.optionalString("crs", "auto");
  if (crs == "auto" || crs.empty()) {
    s.crs = geo::utmCrsFor(0.5 * (s.extent.west + s.extent.east), 0.5 * (s.extent.south + s.extent.north));
    return;
  }
  try {
    geo::validateCrs(crs, top.doc().where("/crs"));
  } catch (const Error&) {
    top.doc().fail("/crs", "unknown CRS \"" + crs + "\" (not understood by PROJ)");
  }
  if (!geo::isProjectedMetres(crs))
    top.doc().fail("/crs", "\"" + crs + "\" is not a projected CRS in metres (use \"auto\" for the UTM zone)");
  s.crs = crs;
}

void readLayers(const ObjectReader& top, Scene& s) {
  const JsonDocument& doc = top.doc();
  if (top.has("imagery")) {
    const json& arr = top.requiredArray("imagery");
    for (size_t i = 0; i < arr.size(); ++i) {
      ObjectReader o(doc, arr[i], pointerJoin("/imagery", i), {"name", "path", "visible", "opacity"});
      ImageryLayerSpec l;
      l.path = generatedOr(s, o.requiredString("path"));
      l.name = o.optionalString("name", fs::path(l.path).stem().string());
      l.visible = o.optionalBool("visible", true);
      l.opacity = static_cast<float>(o.optionalNumber("opacity", 1.0, 0.0, 1.0));
      s.imagery.push_back(std::move(l));
    }
  }
  if (top.has("overlays")) {
    const json& arr = top.requiredArray("overlays");
    for (size_t i = 0; i < arr.size(); ++i) {
      ObjectReader o(doc, arr[i], pointerJoin("/overlays", i), {"name", "path", "color", "width", "visible"});
      OverlaySpec l;
      l.path = resolvePath(s.dir, o.requiredString("path"));
      l.name = o.optionalString("name", fs::path(l.path).stem().string());
      l.color = readColor(o, "color", glm::vec4(1.0f));
      l.widthPx = static_cast<float>(o.optionalNumber("width", 2.0, kPositive, 64.0));
      l.visible = o.optionalBool("visible", true);
      s.overlays.push_back(std::move(l));
    }
  }
}

void readCategories(const ObjectReader& top, Scene& s) {
  if (!top.has("categories")) return;
  const json& cats = top.at("categories");
  if (!cats.is_object()) top.doc().fail("/categories", "expected an object of categories");
  for (const auto& [key, value] : cats.items()) {
    ObjectReader c(top.doc(), value, pointerJoin("/categories", key), {"label", "color"});
    Category cat;
    cat.label = c.optionalString("label", key);
    cat.color = readColor(c, "color", glm::vec4(0.5f, 0.5f, 0.5f, 1.0f));
    s.categories[key] = cat;
  }
}

void readRender(const ObjectReader& top, Scene& s) {
  if (!top.has("render")) return;
  ObjectReader r = top.object("render", {"exaggeration", "sun", "fog", "labels", "tau", "fov"});
  RenderDefaults& d = s.render;
  d.exaggeration = r.optionalNumber("exaggeration", d.exaggeration, kPositive, 100);
  if (r.has("sun")) {
    ObjectReader sun = r.object("sun", {"azimuth", "elevation"});
    d.sunAzimuthDeg = sun.optionalNumber("azimuth", d.sunAzimuthDeg, 0, 360);
    d.sunElevationDeg = sun.optionalNumber("elevation", d.sunElevationDeg, 0, 90);
  }
  d.fog = r.optionalBool("fog", d.fog);
  d.labels = r.optionalBool("labels", d.labels);
  d.tauPixels = r.optionalNumber("tau", d.tauPixels, kPositive, 1000);
  d.fovDeg = r.optionalNumber("fov", d.fovDeg, 5, 120);
}

void readStreaming(const ObjectReader& top, Scene& s) {
  if (!top.has("streaming")) return;
  ObjectReader o = top.object("streaming", {"ramBudgetMB", "gpuBudgetMB"});
  // 16 MB: below that a cache cannot hold one view's coarsest tiles.
  s.streaming.ramBudgetMB = o.maybeNumber("ramBudgetMB", 16, 1e7);
  s.streaming.gpuBudgetMB = o.maybeNumber("gpuBudgetMB", 16, 1e7);
}

void readViews(const ObjectReader& top, Scene& s) {
  if (top.has("views")) {
    const json& arr = top.requiredArray("views");
    for (size_t i = 0; i < arr.size(); ++i) {
      ViewSpec v = readView(top.doc(), arr[i], pointerJoin("/views", i));
      if (s.findView(v.name))
        top.doc().fail(pointerJoin(pointerJoin("/views", i), "name"), "duplicate view name \"" + v.name + "\"");
      s.views.push_back(std::move(v));
    }
  }
  s.viewsPath = resolvePath(s.dir, top.optionalString("viewsFile", "views.json"));
  std::error_code ec;
  if (!fs::exists(s.viewsPath, ec)) return;
  // Views saved by the user: a saved view replaces the scene's view of the same name.
  for (ViewSpec& v : loadViews(s.viewsPath)) {
    auto it = std::find_if(s.views.begin(), s.views.end(), [&](const ViewSpec& o) { return o.name == v.name; });
    if (it != s.views.end()) *it = std::move(v);
    else s.views.push_back(std::move(v));
  }
}

void readSites(const ObjectReader& top, Scene& s) {
  if (!top.has("sites")) return;
  ObjectReader o = top.object("sites", {"path"});
  s.sitesPath = resolvePath(s.dir, o.requiredString("path"));
  s.sites = loadSites(s.sitesPath);
  for (size_t i = 0; i < s.sites.size(); ++i)
    if (!s.categories.count(s.sites[i].category))
      throw Error(s.sitesPath, "site \"" + s.sites[i].id + "\": category \"" + s.sites[i].category +
                                   "\" is not defined in " + top.doc().where("/categories", true) +
                                   " /categories");
}

}  // namespace

const Site* Scene::findSite(const std::string& id) const {
  for (const Site& s : sites)
    if (s.id == id) return &s;
  return nullptr;
}

const Site* Scene::findSiteByNameOrId(const std::string& key) const {
  if (const Site* s = findSite(key)) return s;
  for (const Site& s : sites)
    if (s.name == key) return &s;
  auto lower = [](std::string t) {
    std::transform(t.begin(), t.end(), t.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return t;
  };
  for (const Site& s : sites)
    if (lower(s.name) == lower(key)) return &s;
  return nullptr;
}

const ViewSpec* Scene::findView(const std::string& n) const {
  for (const ViewSpec& v : views)
    if (v.name == n) return &v;
  return nullptr;
}

Scene loadScene(const std::string& path) {
  const JsonDocument doc = JsonDocument::parseFile(path);
  ObjectReader top(doc, doc.root(), "",
                   {"format", "name", "description", "facts", "crs", "extent", "dem", "imagery", "overlays", "sites",
                    "categories", "views", "viewsFile", "render", "streaming"});
  Scene s;
  s.path = path;
  s.dir = fs::path(path).parent_path().string();
  if (s.dir.empty()) s.dir = ".";
  if (!top.has("format")) top.missing("format");
  const std::string format = top.optionalString("format");
  if (format != "terrabrief-scene/1")
    doc.fail("/format", "unsupported format \"" + format + "\" (expected \"terrabrief-scene/1\")");
  s.name = top.requiredString("name");
  s.description = top.optionalString("description");
  if (top.has("facts")) {
    const json& arr = top.requiredArray("facts");
    for (size_t i = 0; i < arr.size(); ++i) {
      ObjectReader f(doc, arr[i], pointerJoin("/facts", i), {"label", "value", "source"});
      s.facts.push_back({f.requiredString("label"), f.requiredString("value"), f.optionalString("source")});
    }
  }
  ObjectReader dem = top.object("dem", {"path", "cellSize"});
  s.demPath = generatedOr(s, dem.requiredString("path"));
  s.demCellSize = dem.maybeNumber("cellSize", kPositive, 100000);
  readExtent(top, s);
  readCrs(top, s);
  readLayers(top, s);
  readCategories(top, s);
  readRender(top, s);
  readStreaming(top, s);
  readViews(top, s);
  readSites(top, s);
  return s;
}

}  // namespace tb::scene
