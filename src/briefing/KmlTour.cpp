// KML tour import through libxml2. Elements are matched by local name (KML 2.2 and the gx
// extension namespace, whichever prefix a file uses); line numbers come from libxml2.
#include "briefing/KmlTour.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <vector>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <glm/glm.hpp>

#include "core/AtomicFile.h"
#include "core/Error.h"
#include "core/Log.h"

namespace tb::briefing {

namespace {

struct DocFree {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};
struct CtxtFree {
  void operator()(xmlParserCtxt* c) const { xmlFreeParserCtxt(c); }
};

bool is(const xmlNode* n, const char* name) {
  return n && n->type == XML_ELEMENT_NODE && xmlStrcmp(n->name, BAD_CAST name) == 0;
}

std::string qualified(const xmlNode* n) {
  const std::string local = reinterpret_cast<const char*>(n->name);
  if (n->ns && n->ns->prefix) return reinterpret_cast<const char*>(n->ns->prefix) + (":" + local);
  return local;
}

std::vector<xmlNode*> children(const xmlNode* n) {
  std::vector<xmlNode*> out;
  for (xmlNode* c = n->children; c; c = c->next)
    if (c->type == XML_ELEMENT_NODE) out.push_back(c);
  return out;
}

xmlNode* child(const xmlNode* n, const char* name) {
  for (xmlNode* c = n->children; c; c = c->next)
    if (is(c, name)) return c;
  return nullptr;
}

std::string trimmed(std::string s) {
  const char* ws = " \t\r\n";
  const size_t a = s.find_first_not_of(ws);
  if (a == std::string::npos) return "";
  return s.substr(a, s.find_last_not_of(ws) - a + 1);
}

std::string textOf(const xmlNode* n) {
  xmlChar* c = xmlNodeGetContent(n);
  std::string s = c ? reinterpret_cast<const char*>(c) : "";
  xmlFree(c);
  return trimmed(s);
}

// Found in the first gx:Tour: the views flown to, and what the file says about each place.
class TourReader {
 public:
  TourReader(std::string file, const KmlSceneInfo& info) : file_(std::move(file)), info_(info) {}

  [[noreturn]] void fail(const xmlNode* n, const std::string& problem) const {
    throw Error(file_ + ":" + std::to_string(xmlGetLineNo(n)), qualified(n) + ": " + problem);
  }

  double number(const xmlNode* n, double min, double max) const {
    const std::string s = textOf(n);
    char* end = nullptr;
    const double v = std::strtod(s.c_str(), &end);
    if (s.empty() || *end != '\0' || !std::isfinite(v)) fail(n, "\"" + s + "\" is not a number");
    if (v < min || v > max) fail(n, s + " is outside " + trimmedNumber(min) + ".." + trimmedNumber(max));
    return v;
  }

  double numberOr(const xmlNode* parent, const char* name, double fallback, double min, double max) const {
    const xmlNode* c = child(parent, name);
    return c ? number(c, min, max) : fallback;
  }

  // A LookAt or Camera as a step view (headings from true north, as in briefing files).
  StepView view(const xmlNode* v) const {
    const bool lookAt = is(v, "LookAt");
    for (const xmlNode* c : children(v)) {
      if (is(c, "TimeStamp") || is(c, "TimeSpan"))
        fail(c, "time-dependent views cannot be converted (a briefing shows one terrain, not historical imagery)");
      static const char* known[] = {"longitude", "latitude", "altitude", "heading", "tilt", "range", "roll",
                                    "altitudeMode", "horizFov", "ViewerOptions"};
      bool ok = false;
      for (const char* k : known) ok = ok || is(c, k);
      if (!ok) fail(c, "unexpected element in " + qualified(v));
    }
    StepView out;
    scene::ViewSpec& s = out.spec;
    s.lon = numberOr(v, "longitude", 0, -180, 180);
    s.lat = numberOr(v, "latitude", 0, -90, 90);
    if (!child(v, "longitude") || !child(v, "latitude")) fail(v, "needs longitude and latitude");
    s.headingDeg = std::fmod(numberOr(v, "heading", 0, -360, 360) + 360.0, 360.0);
    const double altitude = numberOr(v, "altitude", 0, -1e5, 1e7);
    std::string mode = "clampToGround";
    const xmlNode* modeNode = nullptr;
    for (const xmlNode* c : children(v))
      if (is(c, "altitudeMode")) modeNode = c, mode = textOf(c);
    const xmlNode* modeAt = modeNode ? modeNode : v;
    if (mode != "clampToGround" && mode != "relativeToGround" && mode != "absolute")
      fail(modeAt, "altitudeMode " + mode + " cannot be converted (clampToGround, relativeToGround or absolute)");
    if (lookAt) {
      out.kind = StepView::Kind::LookAt;
      s.kind = scene::ViewSpec::Kind::LookAt;
      // KML tilt 0 looks straight down; a look-at view cannot look up at its target.
      const double tilt = numberOr(v, "tilt", 0, 0, 90);
      s.pitchDeg = tilt - 90.0;
      if (!child(v, "range")) fail(v, "needs a range");
      s.rangeOrHeight = number(child(v, "range"), 1e-3, 1e7);
      checkPlace(v, s.lon, s.lat, "the LookAt target");
      // Briefing look-at targets sit on the terrain. A target above it becomes the camera that
      // looks at it: the same eye, heading and tilt (through the terrain height where needed).
      const bool onGround = mode == "clampToGround" || (mode == "relativeToGround" && std::abs(altitude) <= 1.0);
      if (!onGround) {
        const double targetHeight = mode == "absolute" ? altitude : ground(modeAt, mode, s.lon, s.lat) + altitude;
        const double h = glm::radians(s.headingDeg), back = s.rangeOrHeight * std::sin(glm::radians(tilt));
        // Metres to degrees on the sphere: exact enough over a view's range (a few km).
        constexpr double kEarthRadius = 6371008.8;
        s.lat -= glm::degrees(back * std::cos(h) / kEarthRadius);
        s.lon -= glm::degrees(back * std::sin(h) / (kEarthRadius * std::cos(glm::radians(s.lat))));
        s.rangeOrHeight = targetHeight + s.rangeOrHeight * std::cos(glm::radians(tilt));
        out.kind = StepView::Kind::Camera;
        s.kind = scene::ViewSpec::Kind::Camera;
      }
    } else {
      out.kind = StepView::Kind::Camera;
      s.kind = scene::ViewSpec::Kind::Camera;
      s.pitchDeg = numberOr(v, "tilt", 0, 0, 180) - 90.0;
      if (const xmlNode* roll = child(v, "roll"); roll && std::abs(number(roll, -180, 180)) > 0.01)
        fail(roll, "camera roll cannot be converted (briefing cameras keep the horizon level)");
      checkPlace(v, s.lon, s.lat, "the Camera");
      // Briefing camera heights are above sea level ("absolute" in KML); the others go through
      // the terrain (clampToGround puts the camera on the ground; viewing lifts it clear).
      if (mode == "absolute" && !child(v, "altitude")) fail(v, "needs an altitude");
      s.rangeOrHeight = mode == "absolute" ? altitude
                                           : ground(modeAt, mode, s.lon, s.lat) + (mode == "relativeToGround" ? altitude : 0.0);
    }
    return out;
  }

  static std::string trimmedNumber(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
  }

  // Metres above sea level of the ground at a place, for altitudes relative to it.
  double ground(const xmlNode* n, const std::string& mode, double lon, double lat) const {
    if (!info_.groundHeight)
      fail(n, "altitudeMode " + mode + " needs the terrain height, and no terrain was given to convert it");
    return info_.groundHeight(lon, lat);
  }

  // A view's place must lie in the scene, or near it: a tour elsewhere would export empty haze.
  void checkPlace(const xmlNode* n, double lon, double lat, const char* what) const {
    if (!info_.extent) return;
    const scene::LonLatExtent& e = *info_.extent;
    const double w = e.east - e.west, h = e.north - e.south;
    const bool inside = lon >= e.west && lon <= e.east && lat >= e.south && lat <= e.north;
    const bool near = lon >= e.west - w && lon <= e.east + w && lat >= e.south - h && lat <= e.north + h;
    const std::string where = trimmedNumber(lat) + ", " + trimmedNumber(lon);
    const std::string extent = "the scene covers " + trimmedNumber(e.south) + ".." + trimmedNumber(e.north) + " N, " +
                               trimmedNumber(e.west) + ".." + trimmedNumber(e.east) + " E";
    if (!near) fail(n, std::string(what) + " " + where + " lies far outside the scene (" + extent + ")");
    if (!inside)
      log::warn("{}:{}: {}: {} {} lies outside the scene ({}); the view may show its edge", file_, xmlGetLineNo(n),
                qualified(n), what, where, extent);
  }

 private:
  std::string file_;
  const KmlSceneInfo& info_;
};

struct PlaceName {
  std::string name, description;
  std::vector<glm::dvec2> lonLat;  // its Point and its own LookAt/Camera, where present
};

void collectPlacemarks(const xmlNode* n, std::vector<PlaceName>& out) {
  for (xmlNode* c : children(n)) {
    if (is(c, "Placemark")) {
      PlaceName p;
      if (const xmlNode* name = child(c, "name")) p.name = textOf(name);
      if (const xmlNode* d = child(c, "description")) p.description = textOf(d);
      for (const char* view : {"LookAt", "Camera"})
        if (const xmlNode* v = child(c, view); v && child(v, "longitude") && child(v, "latitude"))
          p.lonLat.push_back({std::atof(textOf(child(v, "longitude")).c_str()), std::atof(textOf(child(v, "latitude")).c_str())});
      if (const xmlNode* point = child(c, "Point"))
        if (const xmlNode* coords = child(point, "coordinates")) {
          double lon = 0, lat = 0;
          if (std::sscanf(textOf(coords).c_str(), "%lf,%lf", &lon, &lat) == 2) p.lonLat.push_back({lon, lat});
        }
      if (!p.name.empty()) out.push_back(std::move(p));
    } else if (!is(c, "Tour")) {
      collectPlacemarks(c, out);  // Document, Folder and the like
    }
  }
}

const xmlNode* findTour(const xmlNode* n) {
  for (xmlNode* c : children(n)) {
    if (is(c, "Tour")) return c;
    if (const xmlNode* t = findTour(c)) return t;
  }
  return nullptr;
}

// A Placemark at the place a step looks at (within ~50 m), whose name titles the step.
const PlaceName* placeFor(const std::vector<PlaceName>& places, const StepView& v) {
  for (const PlaceName& p : places)
    for (const glm::dvec2& ll : p.lonLat)
      if (std::abs(ll.x - v.spec.lon) < 5e-4 && std::abs(ll.y - v.spec.lat) < 5e-4) return &p;
  return nullptr;
}

std::unique_ptr<xmlDoc, DocFree> parseXml(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) throw Error(path, "cannot open the file (missing or unreadable)");
  std::unique_ptr<xmlParserCtxt, CtxtFree> ctxt(xmlNewParserCtxt());
  if (!ctxt) throw internalError(path, "cannot create an XML parser");
  std::unique_ptr<xmlDoc, DocFree> doc(
      xmlCtxtReadFile(ctxt.get(), path.c_str(), nullptr, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING));
  const xmlError* err = xmlCtxtGetLastError(ctxt.get());
  if (!doc || (err && err->level >= XML_ERR_ERROR)) {
    std::string msg = err && err->message ? trimmed(err->message) : "not well-formed XML";
    std::replace(msg.begin(), msg.end(), '\n', ' ');  // libxml2 adds a second line ("Bytes: 0xA0 ...")
    throw Error(path + ":" + std::to_string(err ? err->line : 0), "malformed XML: " + msg);
  }
  return doc;
}

}  // namespace

Briefing importKmlTour(const std::string& kmlPath, const std::string& scenePath, const KmlSceneInfo& info) {
  auto doc = parseXml(kmlPath);
  const xmlNode* root = xmlDocGetRootElement(doc.get());
  TourReader reader(kmlPath, info);
  // Skipped elements: how many, and the first, for one warning per kind at the end.
  struct Skipped {
    int count = 0;
    long line = 0;
  } animated, sound;
  if (!is(root, "kml")) throw Error(kmlPath, "not a KML file (the root element is not <kml>)");
  const xmlNode* tour = findTour(root);
  if (!tour) throw Error(kmlPath, "no gx:Tour in the file (nothing to convert)");
  const xmlNode* playlist = child(tour, "Playlist");
  if (!playlist) reader.fail(tour, "has no gx:Playlist");

  std::vector<PlaceName> places;
  collectPlacemarks(root, places);

  Briefing b;
  b.scene = b.scenePath = scenePath;
  if (const xmlNode* name = child(tour, "name")) b.title = textOf(name);
  if (b.title.empty())
    if (const xmlNode* d = child(root, "Document"); d && child(d, "name")) b.title = textOf(child(d, "name"));
  if (b.title.empty()) b.title = std::filesystem::path(kmlPath).stem().string();

  for (const xmlNode* item : children(playlist)) {
    if (is(item, "FlyTo")) {
      const xmlNode* view = nullptr;
      for (const xmlNode* c : children(item))
        if (is(c, "LookAt") || is(c, "Camera")) view = c;
      if (!view) reader.fail(item, "has no LookAt or Camera");
      Step s;
      s.view = reader.view(view);
      s.id = "stop-" + std::to_string(b.steps.size() + 1);
      const PlaceName* place = placeFor(places, s.view);
      s.title = place ? place->name : "Stop " + std::to_string(b.steps.size() + 1);
      if (place) s.caption = place->description;
      s.holdSeconds = 0.0;
      const double duration = reader.numberOr(item, "duration", 0.0, 0.0, 3600.0);
      std::string mode = "bounce";
      if (const xmlNode* m = child(item, "flyToMode")) {
        mode = textOf(m);
        if (mode != "bounce" && mode != "smooth") reader.fail(m, "unknown flyToMode \"" + mode + "\" (bounce or smooth)");
      }
      // A zero-length FlyTo jumps in Google Earth; "smooth" keeps a constant pace between stops.
      s.transition.kind = duration > 0.0 ? TransitionKind::Flight : TransitionKind::Cut;
      s.transition.durationSeconds = duration;
      s.transition.easing = mode == "smooth" ? camera::Easing::Linear : camera::Easing::EaseInOutCubic;
      b.steps.push_back(std::move(s));
    } else if (is(item, "Wait")) {
      if (b.steps.empty()) reader.fail(item, "comes before the first gx:FlyTo (there is no view to hold)");
      b.steps.back().holdSeconds += reader.numberOr(item, "duration", 0.0, 0.0, 3600.0);
    } else if (is(item, "TourControl")) {
      continue;  // a pause: presenter mode already waits for the presenter at every step
    } else if (is(item, "AnimatedUpdate") || is(item, "SoundCue")) {
      Skipped& k = is(item, "SoundCue") ? sound : animated;
      if (k.count++ == 0) k.line = xmlGetLineNo(item);
    } else {
      reader.fail(item, "cannot be converted (expected gx:FlyTo, gx:Wait or gx:TourControl)");
    }
  }
  if (b.steps.empty()) reader.fail(playlist, "has no gx:FlyTo (nothing to convert)");
  if (animated.count)
    log::warn("{}:{}: skipped {} gx:AnimatedUpdate element{} (a briefing does not edit KML features during a tour)",
              kmlPath, animated.line, animated.count, animated.count == 1 ? "" : "s");
  if (sound.count)
    log::warn("{}:{}: skipped {} gx:SoundCue element{} (briefings have no sound)", kmlPath, sound.line, sound.count,
              sound.count == 1 ? "" : "s");
  // A briefing's first step has no transition: its view is where the tour starts.
  b.steps.front().transition = Transition{};
  return b;
}

Briefing importKmlTourToFile(const std::string& kmlPath, const std::string& scenePath, const std::string& outPath,
                             const KmlSceneInfo& info) {
  checkWritableOutput(outPath);
  return saveImportedBriefing(importKmlTour(kmlPath, scenePath, info), scenePath, outPath);
}

Briefing saveImportedBriefing(Briefing b, const std::string& scenePath, const std::string& outPath) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path outDir = fs::absolute(fs::path(outPath)).parent_path();
  const fs::path rel = fs::relative(fs::absolute(scenePath), outDir, ec);
  b.scene = ec || rel.empty() ? fs::absolute(scenePath).string() : rel.generic_string();
  saveBriefing(outPath, b);
  b.path = outPath;
  return b;
}

}  // namespace tb::briefing
