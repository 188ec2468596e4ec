// Views and briefing steps as commands (see BriefingEdits.h).
#include "session/BriefingEdits.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace tb::session {
namespace {

Edit fail(std::string problem) { return Edit{nullptr, std::move(problem)}; }

template <typename T>
Edit listEdit(const char* label, std::size_t index, std::optional<T> before, std::optional<T> after,
              std::string mergeKey = {}) {
  return Edit{std::make_unique<ListEdit<T>>(label, index, std::move(before), std::move(after), std::move(mergeKey)), {}};
}

bool validIndex(std::size_t size, int i) { return i >= 0 && static_cast<std::size_t>(i) < size; }

int viewIndex(const ViewsDocument& doc, const std::string& name) {
  for (std::size_t i = 0; i < doc.views.size(); ++i)
    if (doc.views[i].name == name) return static_cast<int>(i);
  return -1;
}

std::string sceneFileView(const std::string& name) {
  return "the view \"" + name + "\" is defined in the scene file: change it there";
}

std::string trimmed(const std::string& s) {
  const auto a = s.find_first_not_of(" \t\n");
  if (a == std::string::npos) return {};
  return s.substr(a, s.find_last_not_of(" \t\n") - a + 1);
}

// What the step would save as: the one comparison that covers every field.
std::string stepText(const briefing::Step& step) {
  briefing::Briefing b;
  b.steps = {step};
  return briefing::briefingToJson(b);
}

bool inRange(double v, double lo, double hi) { return std::isfinite(v) && v >= lo && v <= hi; }

}  // namespace

Edit addView(const ViewsDocument& doc, scene::ViewSpec view) {
  view.name = trimmed(view.name);
  if (view.name.empty()) return fail("a view needs a name");
  const int same = viewIndex(doc, view.name);
  if (same >= 0) {
    const auto i = static_cast<std::size_t>(same);
    return listEdit<scene::ViewSpec>("replace view", i, doc.views[i], std::move(view));
  }
  return listEdit<scene::ViewSpec>("save view", doc.views.size(), std::nullopt, std::move(view));
}

Edit renameView(const ViewsDocument& doc, int index, const std::string& name) {
  if (!validIndex(doc.views.size(), index)) return fail("there is no such view");
  const std::string n = trimmed(name);
  if (n.empty()) return fail("a view needs a name");
  const auto i = static_cast<std::size_t>(index);
  if (doc.inSceneFile(doc.views[i].name)) return fail(sceneFileView(doc.views[i].name));
  if (n == doc.views[i].name) return fail("the view is already called \"" + n + "\"");
  if (viewIndex(doc, n) >= 0) return fail("there is already a view called \"" + n + "\"");
  scene::ViewSpec after = doc.views[i];
  after.name = n;
  return listEdit<scene::ViewSpec>("rename view", i, doc.views[i], std::move(after));
}

Edit deleteView(const ViewsDocument& doc, int index) {
  if (!validIndex(doc.views.size(), index)) return fail("there is no such view");
  const auto i = static_cast<std::size_t>(index);
  if (doc.inSceneFile(doc.views[i].name)) return fail(sceneFileView(doc.views[i].name));
  return listEdit<scene::ViewSpec>("delete view", i, doc.views[i], std::nullopt);
}

std::string stepProblem(const briefing::Briefing& b, int index, const briefing::Step& s) {
  if (trimmed(s.id).empty()) return "a step needs an id";
  for (std::size_t i = 0; i < b.steps.size(); ++i)
    if (static_cast<int>(i) != index && b.steps[i].id == s.id) return "another step is called \"" + s.id + "\"";
  if (!inRange(s.holdSeconds, 0.0, 3600.0)) return fmt::format("a hold of {} s is outside 0..3600 s", s.holdSeconds);
  if (s.transition.durationSeconds && !inRange(*s.transition.durationSeconds, 0.0, 3600.0))
    return fmt::format("a transition of {} s is outside 0..3600 s", *s.transition.durationSeconds);
  if (s.orbitDegPerSec && !inRange(std::abs(*s.orbitDegPerSec), 0.0, 90.0))
    return fmt::format("an orbit of {}°/s is faster than 90°/s", *s.orbitDegPerSec);
  if (s.exaggeration && !(std::isfinite(*s.exaggeration) && *s.exaggeration > 0.0 && *s.exaggeration <= 100.0))
    return fmt::format("a vertical exaggeration of {} is outside (0, 100]", *s.exaggeration);
  if (s.sun && !(inRange(s.sun->elevationDeg, -90.0, 90.0) && inRange(s.sun->azimuthDeg, -360.0, 360.0)))
    return "the sun's azimuth must lie in -360..360° and its elevation in -90..90°";
  for (const briefing::LayerState& l : s.layers)
    if (l.opacity && !inRange(*l.opacity, 0.0, 1.0)) return "layer \"" + l.name + "\": opacity outside 0..1";
  return {};
}

Edit addStep(const BriefingDocument& doc, int at, briefing::Step step) {
  const auto& steps = doc.briefing.steps;
  if (!doc.loaded) return fail("no briefing is open");
  if (at < 0 || static_cast<std::size_t>(at) > steps.size()) return fail("there is no such place in the briefing");
  if (std::string p = stepProblem(doc.briefing, -1, step); !p.empty()) return fail(p);
  return listEdit<briefing::Step>("add step", static_cast<std::size_t>(at), std::nullopt, std::move(step));
}

Edit deleteStep(const BriefingDocument& doc, int index) {
  const auto& steps = doc.briefing.steps;
  if (!validIndex(steps.size(), index)) return fail("there is no such step");
  const auto i = static_cast<std::size_t>(index);
  return listEdit<briefing::Step>("delete step", i, steps[i], std::nullopt);
}

Edit moveStep(const BriefingDocument& doc, int index, int delta) {
  const auto& steps = doc.briefing.steps;
  const int to = index + delta;
  if (delta == 0 || !validIndex(steps.size(), index) || !validIndex(steps.size(), to))
    return fail("the step cannot move there");
  const auto i = static_cast<std::size_t>(index);
  std::vector<CommandPtr> parts;
  parts.push_back(std::make_unique<ListEdit<briefing::Step>>("", i, steps[i], std::nullopt));
  parts.push_back(std::make_unique<ListEdit<briefing::Step>>("", static_cast<std::size_t>(to), std::nullopt, steps[i]));
  return Edit{std::make_unique<CompositeCommand>("move step", std::move(parts)), {}};
}

Edit editStep(const BriefingDocument& doc, int index, briefing::Step after, std::string label, std::string mergeKey) {
  const auto& steps = doc.briefing.steps;
  if (!validIndex(steps.size(), index)) return fail("there is no such step");
  if (std::string p = stepProblem(doc.briefing, index, after); !p.empty()) return fail(p);
  const auto i = static_cast<std::size_t>(index);
  if (stepText(steps[i]) == stepText(after)) return fail("nothing changed");
  return listEdit<briefing::Step>(label.c_str(), i, steps[i], std::move(after), std::move(mergeKey));
}

}  // namespace tb::session
