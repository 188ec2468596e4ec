// The briefing file model (docs/briefing-format.md): a scene and a list of steps, each with a
// view, a caption, a hold, a transition in, and optional orbit, layers, exaggeration, sun and
// highlights. loadBriefing() parses it with "file:line:col: /json/pointer: problem" errors;
// validateAgainst() checks its references (sites, views, layers) against the loaded scene.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "camera/CameraFlight.h"
#include "scene/Scene.h"

namespace tb::briefing {

inline constexpr const char* kBriefingFormat = "terrabrief-briefing/1";

enum class TransitionKind { Flight, Cut, Fade };
const char* transitionName(TransitionKind k);  // "flight", "cut", "fade"
const char* easingName(camera::Easing e);      // "linear", "ease-in-out", "smoothstep"

struct Transition {
  TransitionKind kind = TransitionKind::Flight;
  // Seconds; absent = the default: flights choose their own length from the distance flown,
  // fades last kDefaultFadeSeconds, cuts take no time.
  std::optional<double> durationSeconds;
  camera::Easing easing = camera::Easing::EaseInOutCubic;
};
inline constexpr double kDefaultFadeSeconds = 1.0;

// Where a step looks: a site of the scene, a saved view of the scene, or an explicit view
// (spec holds the look-at or camera numbers; headings from true north, as in scene files).
struct StepView {
  enum class Kind { Site, View, LookAt, Camera } kind = Kind::View;
  std::string ref;  // site id or view name
  scene::ViewSpec spec;
};

// An imagery layer or vector overlay, by its scene name; unset fields keep the previous state.
struct LayerState {
  std::string name;
  std::optional<bool> visible;
  std::optional<double> opacity;  // 0..1
};

struct Sun {
  double azimuthDeg = 135;
  double elevationDeg = 35;
  bool operator==(const Sun&) const = default;
};

struct Step {
  std::string id;
  std::string title;
  std::string caption;  // a few lines; '\n' separates them
  StepView view;
  double holdSeconds = 5.0;
  Transition transition;
  std::optional<double> orbitDegPerSec;  // slow orbit about the view's target during the hold
  std::vector<LayerState> layers;
  std::optional<double> exaggeration;  // unset: the previous step's (the first: the scene's)
  std::optional<Sun> sun;              // unset: the previous step's (the first: the scene's)
  std::vector<std::string> highlight;  // site ids; the others are drawn dimmed when not empty
  std::vector<std::string> analyses;   // saved analyses (by name, from the scene's analyses file) shown
};

struct Briefing {
  std::string path;       // the briefing file as given ("" for one built in memory)
  std::string title;
  std::string scene;      // as written in the file (relative to the briefing's directory)
  std::string scenePath;  // resolved: what loadScene()/loadWorld() should open
  std::vector<Step> steps;
  // "file:line:col" of values by JSON pointer (filled by the parser, empty for briefings built
  // in memory), so that checks against the scene can point into the file.
  std::map<std::string, std::string> places;

  std::string where(const std::string& pointer) const;  // place of a pointer, or the file
};

// Parses and checks the file on its own (syntax, types, ranges, the scene file exists).
Briefing loadBriefing(const std::string& path);
// The scene's own briefing: <scene>-briefing.json beside the scene file, else the only other
// *-briefing.json there; empty when there is none (or several).
std::string briefingBesideScene(const std::string& scenePath);
Briefing parseBriefingText(const std::string& text, const std::string& file);
// Checks the references against the scene: site ids (with a position where a view needs one),
// view names, layer names. Throws tb::Error naming the file, line:col and pointer.
void validateAgainst(const Briefing& briefing, const scene::Scene& scene);

// The JSON text of a briefing (scene path written as `briefing.scene`).
std::string briefingToJson(const Briefing& briefing);
// Writes atomically (temporary file + rename): a failure leaves any existing file untouched.
void saveBriefing(const std::string& path, const Briefing& briefing);

}  // namespace tb::briefing
