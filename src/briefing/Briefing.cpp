// Briefing file parsing and validation. Positions come from scene/JsonDocument, so every error
// reads "file:line:col: /steps/3/view/site: unknown site id ...".
#include "briefing/Briefing.h"

#include <cmath>
#include <filesystem>
#include <limits>

#include "core/Error.h"
#include "scene/JsonDocument.h"

namespace tb::briefing {

using scene::JsonDocument;
using scene::ObjectReader;
using scene::json;
using scene::pointerJoin;

const char* transitionName(TransitionKind k) {
  switch (k) {
    case TransitionKind::Flight: return "flight";
    case TransitionKind::Cut: return "cut";
    case TransitionKind::Fade: return "fade";
  }
  return "flight";
}

const char* easingName(camera::Easing e) {
  switch (e) {
    case camera::Easing::Linear: return "linear";
    case camera::Easing::EaseInOutCubic: return "ease-in-out";
    case camera::Easing::Smoothstep: return "smoothstep";
  }
  return "ease-in-out";
}

std::string Briefing::where(const std::string& pointer) const {
  auto it = places.find(pointer);
  return it != places.end() ? it->second : (path.empty() ? std::string("briefing") : path);
}

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kMaxSeconds = 3600.0;  // one step longer than an hour is a typo

class StepParser {
 public:
  StepParser(const JsonDocument& doc, Briefing& out) : doc_(doc), out_(out) {}

  Step parse(const json& value, const std::string& ptr) {
    ObjectReader o(doc_, value, ptr,
                   {"id", "title", "caption", "view", "hold", "transition", "orbit", "layers", "exaggeration", "sun",
                    "highlight", "analyses"});
    Step s;
    s.id = o.requiredString("id");
    s.title = o.requiredString("title");
    s.caption = o.optionalString("caption");
    if (!o.has("view")) o.missing("view");
    s.view = view(o.object("view", {"site", "view", "lookAt", "camera", "range", "heading", "pitch"}));
    if (o.has("hold")) s.holdSeconds = seconds(o, "hold");
    if (o.has("transition")) s.transition = transition(o.object("transition", {"kind", "duration", "easing"}));
    if (o.has("orbit")) s.orbitDegPerSec = o.object("orbit", {"degreesPerSecond"}).requiredNumber("degreesPerSecond", -90, 90);
    if (o.has("layers")) s.layers = layers(o);
    s.exaggeration = o.maybeNumber("exaggeration", scene::kPositive, 100);
    if (o.has("sun")) {
      ObjectReader sun = o.object("sun", {"azimuth", "elevation"});
      s.sun = Sun{sun.requiredNumber("azimuth", -360, 360), sun.requiredNumber("elevation", -90, 90)};
    }
    if (o.has("highlight")) {
      const json& arr = o.at("highlight");
      if (!arr.is_array()) doc_.fail(o.pointer("highlight"), "expected an array of site ids");
      for (size_t i = 0; i < arr.size(); ++i) {
        const std::string p = pointerJoin(o.pointer("highlight"), i);
        if (!arr[i].is_string() || arr[i].get<std::string>().empty()) doc_.fail(p, "expected a site id (a string)");
        remember(p);
        s.highlight.push_back(arr[i].get<std::string>());
      }
    }
    if (o.has("analyses")) {
      const json& arr = o.at("analyses");
      if (!arr.is_array()) doc_.fail(o.pointer("analyses"), "expected an array of saved analysis names");
      for (size_t i = 0; i < arr.size(); ++i) {
        const std::string p = pointerJoin(o.pointer("analyses"), i);
        if (!arr[i].is_string() || arr[i].get<std::string>().empty()) doc_.fail(p, "expected an analysis name (a string)");
        remember(p);
        s.analyses.push_back(arr[i].get<std::string>());
      }
    }
    return s;
  }

 private:
  void remember(const std::string& pointer) { out_.places[pointer] = doc_.where(pointer); }

  double seconds(const ObjectReader& o, const char* key) {
    const double v = o.requiredNumber(key, -kInf, kInf);
    if (v < 0) doc_.fail(o.pointer(key), "a duration must not be negative (found " + scene::formatNumber(v) + " s)");
    if (v > kMaxSeconds) doc_.fail(o.pointer(key), scene::formatNumber(v) + " s is longer than an hour");
    return v;
  }

  double pitch(const ObjectReader& o, double fallback, double min, double max, const char* why) {
    if (!o.has("pitch")) return fallback;
    const double v = o.requiredNumber("pitch", -kInf, kInf);
    if (v < min || v > max)
      doc_.fail(o.pointer("pitch"), "pitch " + scene::formatNumber(v) + " is out of range " + scene::formatNumber(min) +
                                        ".." + scene::formatNumber(max) + " (" + why + ")");
    return v;
  }

  StepView view(const ObjectReader& o) {
    StepView v;
    const int kinds = int(o.has("site")) + int(o.has("view")) + int(o.has("lookAt")) + int(o.has("camera"));
    if (kinds != 1) doc_.fail(o.pointer(), "a view needs exactly one of \"site\", \"view\", \"lookAt\" or \"camera\"");
    if (o.has("site") || o.has("view")) {
      const char* key = o.has("site") ? "site" : "view";
      for (const char* extra : {"range", "heading", "pitch"})
        if (o.has(extra))
          doc_.fail(o.pointer(extra), std::string("\"") + extra + "\" applies to lookAt and camera views only", true);
      v.kind = o.has("site") ? StepView::Kind::Site : StepView::Kind::View;
      v.ref = o.requiredString(key);
      v.spec.name = v.ref;
      remember(o.pointer(key));
      return v;
    }
    scene::ViewSpec& spec = v.spec;
    if (o.has("lookAt")) {
      v.kind = StepView::Kind::LookAt;
      spec.kind = scene::ViewSpec::Kind::LookAt;
      ObjectReader t = o.object("lookAt", {"lat", "lon"});
      spec.lat = t.requiredNumber("lat", -90, 90);
      spec.lon = t.requiredNumber("lon", -180, 180);
      spec.rangeOrHeight = o.requiredNumber("range", scene::kPositive, 1e7);
      spec.pitchDeg = pitch(o, -35, -90, 0, "a look-at view looks down at its target");
    } else {
      v.kind = StepView::Kind::Camera;
      spec.kind = scene::ViewSpec::Kind::Camera;
      ObjectReader c = o.object("camera", {"lat", "lon", "height"});
      spec.lat = c.requiredNumber("lat", -90, 90);
      spec.lon = c.requiredNumber("lon", -180, 180);
      spec.rangeOrHeight = c.requiredNumber("height", -500, 1e7);
      if (o.has("range")) doc_.fail(o.pointer("range"), "\"range\" applies to lookAt views only", true);
      spec.pitchDeg = pitch(o, -25, -90, 90, "-90 looks straight down, 90 straight up");
    }
    spec.headingDeg = std::fmod(o.optionalNumber("heading", 0, -360, 360) + 360.0, 360.0);
    remember(o.pointer());
    return v;
  }

  Transition transition(const ObjectReader& o) {
    Transition t;
    const std::string kind = o.optionalString("kind", "flight");
    if (kind == "flight") t.kind = TransitionKind::Flight;
    else if (kind == "cut") t.kind = TransitionKind::Cut;
    else if (kind == "fade") t.kind = TransitionKind::Fade;
    else doc_.fail(o.pointer("kind"), "unknown transition \"" + kind + "\" (known: flight, cut, fade)");
    if (o.has("duration")) t.durationSeconds = seconds(o, "duration");
    const std::string easing = o.optionalString("easing", "ease-in-out");
    if (easing == "linear") t.easing = camera::Easing::Linear;
    else if (easing == "ease-in-out") t.easing = camera::Easing::EaseInOutCubic;
    else if (easing == "smoothstep") t.easing = camera::Easing::Smoothstep;
    else doc_.fail(o.pointer("easing"), "unknown easing \"" + easing + "\" (known: linear, ease-in-out, smoothstep)");
    return t;
  }

  std::vector<LayerState> layers(const ObjectReader& step) {
    const json& arr = step.requiredArray("layers");
    std::vector<LayerState> out;
    for (size_t i = 0; i < arr.size(); ++i) {
      ObjectReader l(doc_, arr[i], pointerJoin(step.pointer("layers"), i), {"name", "visible", "opacity"});
      LayerState s;
      s.name = l.requiredString("name");
      remember(l.pointer("name"));
      if (l.has("visible")) s.visible = l.optionalBool("visible", true);
      s.opacity = l.maybeNumber("opacity", 0, 1);
      for (const LayerState& prev : out)
        if (prev.name == s.name) doc_.fail(l.pointer("name"), "layer \"" + s.name + "\" is listed twice in this step");
      out.push_back(std::move(s));
    }
    return out;
  }

  const JsonDocument& doc_;
  Briefing& out_;
};

Briefing parseDocument(const JsonDocument& doc) {
  Briefing b;
  b.path = doc.file();
  ObjectReader top(doc, doc.root(), "", {"format", "title", "scene", "steps"});
  const std::string format = top.requiredString("format");
  if (format != kBriefingFormat)
    doc.fail("/format", "unsupported format \"" + format + "\" (expected \"" + kBriefingFormat + "\")");
  b.title = top.requiredString("title");
  b.scene = top.requiredString("scene");
  namespace fs = std::filesystem;
  const fs::path dir = fs::path(doc.file()).parent_path();
  b.scenePath = fs::path(b.scene).is_absolute() || dir.empty() ? b.scene : (dir / b.scene).string();
  std::error_code ec;
  if (!fs::is_regular_file(b.scenePath, ec))
    doc.fail("/scene", "the scene file \"" + b.scenePath + "\" does not exist");
  b.places["/scene"] = doc.where("/scene");

  const json& steps = top.requiredArray("steps");
  if (steps.empty()) doc.fail("/steps", "a briefing needs at least one step");
  StepParser parser(doc, b);
  for (size_t i = 0; i < steps.size(); ++i) {
    const std::string ptr = pointerJoin("/steps", i);
    b.steps.push_back(parser.parse(steps[i], ptr));
    for (size_t k = 0; k + 1 < b.steps.size(); ++k)
      if (b.steps[k].id == b.steps.back().id) doc.fail(ptr + "/id", "duplicate step id \"" + b.steps[k].id + "\"");
  }
  return b;
}

[[noreturn]] void failAt(const Briefing& b, const std::string& pointer, const std::string& problem) {
  throw Error(b.where(pointer), pointer + ": " + problem);
}

bool hasLayer(const scene::Scene& s, const std::string& name) {
  for (const auto& l : s.imagery)
    if (l.name == name) return true;
  for (const auto& o : s.overlays)
    if (o.name == name) return true;
  return false;
}

std::string layerList(const scene::Scene& s) {
  std::string out;
  for (const auto& l : s.imagery) out += (out.empty() ? "" : ", ") + ("\"" + l.name + "\"");
  for (const auto& o : s.overlays) out += (out.empty() ? "" : ", ") + ("\"" + o.name + "\"");
  return out.empty() ? "none" : out;
}

}  // namespace

Briefing parseBriefingText(const std::string& text, const std::string& file) {
  return parseDocument(JsonDocument::parseText(text, file));
}

Briefing loadBriefing(const std::string& path) { return parseDocument(JsonDocument::parseFile(path)); }

void validateAgainst(const Briefing& b, const scene::Scene& scene) {
  for (size_t i = 0; i < b.steps.size(); ++i) {
    const Step& step = b.steps[i];
    const std::string ptr = pointerJoin("/steps", i);
    if (step.view.kind == StepView::Kind::Site) {
      const std::string p = ptr + "/view/site";
      const scene::Site* site = scene.findSite(step.view.ref);
      if (!site) failAt(b, p, "unknown site id \"" + step.view.ref + "\" (not in " + scene.sitesPath + ")");
      if (site->honesty == scene::Honesty::Note)
        failAt(b, p, "site \"" + site->id + "\" is a note without a position; look at it with a view or a camera");
    } else if (step.view.kind == StepView::Kind::View && !scene.findView(step.view.ref)) {
      std::string names;
      for (const auto& v : scene.views) names += (names.empty() ? "" : ", ") + v.name;
      failAt(b, ptr + "/view/view", "unknown view name \"" + step.view.ref + "\" (the scene has: " + names + ")");
    }
    for (size_t k = 0; k < step.highlight.size(); ++k)
      if (!scene.findSite(step.highlight[k]))
        failAt(b, pointerJoin(ptr + "/highlight", k), "unknown site id \"" + step.highlight[k] + "\"");
    for (size_t k = 0; k < step.layers.size(); ++k)
      if (!hasLayer(scene, step.layers[k].name))
        failAt(b, pointerJoin(ptr + "/layers", k) + "/name",
               "unknown layer \"" + step.layers[k].name + "\" (the scene has: " + layerList(scene) + ")");
  }
}

std::string briefingBesideScene(const std::string& scenePath) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::path(scenePath).parent_path();
  const fs::path named = dir / (fs::path(scenePath).stem().string() + "-briefing.json");
  std::error_code ec;
  if (fs::is_regular_file(named, ec)) return named.string();
  std::vector<std::string> found;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    const std::string name = e.path().filename().string();
    if (name.size() > 14 && name.ends_with("-briefing.json")) found.push_back(e.path().string());
  }
  return found.size() == 1 ? found.front() : std::string();
}

}  // namespace tb::briefing
