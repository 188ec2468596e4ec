// The Briefing panel's model operations (see PresenterEdits.h).
#include "viewer/PresenterEdits.h"

#include <filesystem>
#include <fstream>
#include <iterator>

#include <algorithm>
#include <cmath>
#include <utility>

#include "core/Error.h"

namespace tb::viewer {
namespace {

bool validIndex(const ui::BriefingEditorState& e, int i) {
  return i >= 0 && i < static_cast<int>(e.briefing.steps.size());
}

// Numbers a person would type: a few decimals, not the float's 17 digits.
double rounded(double v, double unit) { return std::round(v / unit) * unit; }

}  // namespace

std::string unusedStepId(const briefing::Briefing& briefing) {
  for (int n = 1;; ++n) {
    const std::string id = "step-" + std::to_string(n);
    if (std::none_of(briefing.steps.begin(), briefing.steps.end(),
                     [&](const briefing::Step& s) { return s.id == id; }))
      return id;
  }
}

briefing::Step stepFromCamera(const ui::CameraReadout& camera, const briefing::Briefing& briefing) {
  briefing::Step s;
  s.id = unusedStepId(briefing);
  s.title = "New step";
  s.caption = "";
  s.view.kind = briefing::StepView::Kind::Camera;
  scene::ViewSpec& v = s.view.spec;
  v.name = s.id;
  v.kind = scene::ViewSpec::Kind::Camera;
  v.lat = rounded(camera.latDeg, 1e-6);  // about 0.1 m
  v.lon = rounded(camera.lonDeg, 1e-6);
  v.rangeOrHeight = rounded(camera.heightM, 1.0);
  v.headingDeg = rounded(camera.headingDeg, 0.1);
  v.pitchDeg = std::clamp(rounded(camera.pitchDeg, 0.1), -90.0, 0.0);
  s.holdSeconds = 6.0;
  s.transition.kind = briefing::TransitionKind::Flight;
  s.transition.durationSeconds = 5.0;
  return s;
}

bool addStep(ui::BriefingEditorState& editor, briefing::Step step) {
  auto& steps = editor.briefing.steps;
  const int at = validIndex(editor, editor.selectedStep) ? editor.selectedStep + 1 : static_cast<int>(steps.size());
  steps.insert(steps.begin() + at, std::move(step));
  editor.selectedStep = at;
  editor.dirty = true;
  return true;
}

bool moveStep(ui::BriefingEditorState& editor, int index, int delta) {
  const int to = index + delta;
  if (delta == 0 || !validIndex(editor, index) || !validIndex(editor, to)) return false;
  auto& steps = editor.briefing.steps;
  // One place at a time keeps the others in order.
  if (delta > 0)
    std::rotate(steps.begin() + index, steps.begin() + index + 1, steps.begin() + to + 1);
  else
    std::rotate(steps.begin() + to, steps.begin() + index, steps.begin() + index + 1);
  editor.selectedStep = to;
  editor.dirty = true;
  return true;
}

bool deleteStep(ui::BriefingEditorState& editor, int index) {
  if (!validIndex(editor, index)) return false;
  auto& steps = editor.briefing.steps;
  steps.erase(steps.begin() + index);
  if (steps.empty())
    editor.selectedStep = -1;
  else if (editor.selectedStep > index || editor.selectedStep >= static_cast<int>(steps.size()))
    editor.selectedStep = std::max(0, editor.selectedStep - 1);
  editor.dirty = true;
  return true;
}

void loadIntoEditor(ui::BriefingEditorState& editor, briefing::Briefing briefing) {
  editor.briefing = std::move(briefing);
  editor.loaded = true;
  editor.dirty = false;
  editor.selectedStep = editor.briefing.steps.empty() ? -1 : 0;
}

void saveEditor(ui::BriefingEditorState& editor) {
  if (editor.briefing.path.empty()) throw Error("briefing", "the briefing has no file to save to");
  briefing::saveBriefing(editor.briefing.path, editor.briefing);
  editor.dirty = false;
}

}  // namespace tb::viewer

namespace tb::viewer {

std::string saveEditorAs(ui::BriefingEditorState& editor, const std::string& path) {
  namespace fs = std::filesystem;
  if (path.empty()) throw Error("briefing", "no file name to save the briefing as");
  const fs::path target = fs::absolute(path).lexically_normal();
  briefing::Briefing b = editor.briefing;
  std::error_code ec;
  const fs::path scene = fs::absolute(b.scenePath).lexically_normal();
  const fs::path rel = fs::relative(scene, target.parent_path(), ec);
  b.scene = ec || rel.empty() ? scene.string() : rel.generic_string();  // the format's rule: relative to the file
  briefing::saveBriefing(target.string(), b);
  b.path = target.string();
  editor.briefing = std::move(b);
  editor.dirty = false;
  return target.string();
}

bool sameScene(const std::string& a, const std::string& b) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::equivalent(a, b, ec)) return true;
  const auto bytes = [](const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return in ? std::string(std::istreambuf_iterator<char>(in), {}) : std::string();
  };
  const std::string x = bytes(a);
  return !x.empty() && x == bytes(b);
}

}  // namespace tb::viewer
