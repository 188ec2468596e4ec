// Writing a briefing back to JSON (the editor's save, the KML importer's output): keys in the
// documented order, defaults left out so the file stays as short as a hand-written one.
#include <fstream>

#include <nlohmann/json.hpp>

#include "briefing/Briefing.h"
#include "core/AtomicFile.h"
#include "core/Error.h"

namespace tb::briefing {

using ojson = nlohmann::ordered_json;

namespace {

ojson viewJson(const StepView& v) {
  ojson j;
  switch (v.kind) {
    case StepView::Kind::Site: j["site"] = v.ref; return j;
    case StepView::Kind::View: j["view"] = v.ref; return j;
    case StepView::Kind::LookAt:
      j["lookAt"] = {{"lat", v.spec.lat}, {"lon", v.spec.lon}};
      j["range"] = v.spec.rangeOrHeight;
      break;
    case StepView::Kind::Camera:
      j["camera"] = {{"lat", v.spec.lat}, {"lon", v.spec.lon}, {"height", v.spec.rangeOrHeight}};
      break;
  }
  j["heading"] = v.spec.headingDeg;
  j["pitch"] = v.spec.pitchDeg;
  return j;
}

ojson stepJson(const Step& s) {
  ojson j;
  j["id"] = s.id;
  j["title"] = s.title;
  if (!s.caption.empty()) j["caption"] = s.caption;
  j["view"] = viewJson(s.view);
  j["hold"] = s.holdSeconds;
  ojson t;
  t["kind"] = transitionName(s.transition.kind);
  if (s.transition.durationSeconds) t["duration"] = *s.transition.durationSeconds;
  t["easing"] = easingName(s.transition.easing);
  j["transition"] = t;
  if (s.orbitDegPerSec) j["orbit"] = {{"degreesPerSecond", *s.orbitDegPerSec}};
  if (!s.layers.empty()) {
    ojson arr = ojson::array();
    for (const LayerState& l : s.layers) {
      ojson o;
      o["name"] = l.name;
      if (l.visible) o["visible"] = *l.visible;
      if (l.opacity) o["opacity"] = *l.opacity;
      arr.push_back(o);
    }
    j["layers"] = arr;
  }
  if (s.exaggeration) j["exaggeration"] = *s.exaggeration;
  if (s.sun) j["sun"] = {{"azimuth", s.sun->azimuthDeg}, {"elevation", s.sun->elevationDeg}};
  if (!s.highlight.empty()) j["highlight"] = s.highlight;
  if (!s.analyses.empty()) j["analyses"] = s.analyses;
  return j;
}

}  // namespace

std::string briefingToJson(const Briefing& b) {
  ojson j;
  j["format"] = kBriefingFormat;
  j["title"] = b.title;
  j["scene"] = b.scene;
  ojson steps = ojson::array();
  for (const Step& s : b.steps) steps.push_back(stepJson(s));
  j["steps"] = steps;
  return j.dump(2) + "\n";
}

void saveBriefing(const std::string& path, const Briefing& b) {
  const std::string text = briefingToJson(b);
  AtomicFile out(path);
  {
    std::ofstream f(out.tempPath(), std::ios::binary);
    f << text;
    f.flush();
    if (!f) throw Error(path, "cannot write the briefing file");
  }
  out.commit();
}

}  // namespace tb::briefing
