// Saved views: read from the scene file or from its views file, and written back atomically
// when the user saves the current view.
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "core/AtomicFile.h"
#include "core/Error.h"
#include "scene/SceneParts.h"

namespace tb::scene {

ViewSpec readView(const JsonDocument& doc, const json& value, const std::string& pointer) {
  ObjectReader o(doc, value, pointer, {"name", "lookAt", "camera", "range", "heading", "pitch"});
  ViewSpec v;
  v.name = o.requiredString("name");
  const bool lookAt = o.has("lookAt"), camera = o.has("camera");
  if (lookAt == camera) doc.fail(pointer, "a view needs exactly one of \"lookAt\" or \"camera\"");
  if (lookAt) {
    ObjectReader t = o.object("lookAt", {"lat", "lon"});
    v.kind = ViewSpec::Kind::LookAt;
    v.lat = t.requiredNumber("lat", -90, 90);
    v.lon = t.requiredNumber("lon", -180, 180);
    v.rangeOrHeight = o.requiredNumber("range", kPositive, 1e7);
  } else {
    ObjectReader c = o.object("camera", {"lat", "lon", "height"});
    v.kind = ViewSpec::Kind::Camera;
    v.lat = c.requiredNumber("lat", -90, 90);
    v.lon = c.requiredNumber("lon", -180, 180);
    v.rangeOrHeight = c.requiredNumber("height", -500, 1e7);
    if (o.has("range")) doc.fail(o.pointer("range"), "\"range\" applies to lookAt views only", true);
  }
  v.headingDeg = std::fmod(o.optionalNumber("heading", 0, -360, 360) + 360.0, 360.0);
  v.pitchDeg = o.optionalNumber("pitch", v.kind == ViewSpec::Kind::LookAt ? -35 : -25, -90, 90);
  return v;
}

json viewToJson(const ViewSpec& v) {
  json j;
  j["name"] = v.name;
  if (v.kind == ViewSpec::Kind::LookAt) {
    j["lookAt"] = {{"lat", v.lat}, {"lon", v.lon}};
    j["range"] = v.rangeOrHeight;
  } else {
    j["camera"] = {{"lat", v.lat}, {"lon", v.lon}, {"height", v.rangeOrHeight}};
  }
  j["heading"] = v.headingDeg;
  j["pitch"] = v.pitchDeg;
  return j;
}

glm::vec4 readColor(const ObjectReader& obj, const char* key, glm::vec4 fallback) {
  if (!obj.has(key)) return fallback;
  const std::string s = obj.optionalString(key);
  unsigned r = 0, g = 0, b = 0, a = 255;
  int used = 0;
  const bool rgb = s.size() == 7 && std::sscanf(s.c_str(), "#%2x%2x%2x%n", &r, &g, &b, &used) == 3 && used == 7;
  const bool rgba =
      s.size() == 9 && std::sscanf(s.c_str(), "#%2x%2x%2x%2x%n", &r, &g, &b, &a, &used) == 4 && used == 9;
  if (!rgb && !rgba) obj.doc().fail(obj.pointer(key), "\"" + s + "\" is not a colour like \"#d9534f\"");
  return {r / 255.0f, g / 255.0f, b / 255.0f, a / 255.0f};
}

std::vector<ViewSpec> loadViews(const std::string& path) {
  const JsonDocument doc = JsonDocument::parseFile(path);
  ObjectReader top(doc, doc.root(), "", {"views"});
  const json& arr = top.requiredArray("views");
  std::vector<ViewSpec> views;
  for (size_t i = 0; i < arr.size(); ++i) {
    views.push_back(readView(doc, arr[i], pointerJoin("/views", i)));
    for (size_t k = 0; k + 1 < views.size(); ++k)
      if (views[k].name == views.back().name)
        doc.fail(pointerJoin(pointerJoin("/views", i), "name"), "duplicate view name \"" + views.back().name + "\"");
  }
  return views;
}

std::string viewsToJson(const std::vector<ViewSpec>& views) {
  json arr = json::array();
  for (const ViewSpec& v : views) arr.push_back(viewToJson(v));
  return json{{"views", arr}}.dump(2) + "\n";
}

void saveViews(const std::string& path, const std::vector<ViewSpec>& views) {
  const std::string text = viewsToJson(views);
  AtomicFile out(path);
  {
    std::ofstream f(out.tempPath(), std::ios::binary);
    f << text;
    f.flush();
    if (!f) throw Error(path, "cannot write the views file");
  }
  out.commit();
}

}  // namespace tb::scene
