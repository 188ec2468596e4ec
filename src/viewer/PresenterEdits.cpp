// The Briefing panel's model operations (see PresenterEdits.h).
#include "viewer/PresenterEdits.h"

#include <filesystem>
#include <fstream>
#include <iterator>

#include <algorithm>
#include <cmath>
#include <utility>

#include "core/Error.h"
#include "session/BriefingEdits.h"

namespace tb::viewer {
namespace {

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

briefing::StepView viewFromCamera(const ui::CameraReadout& camera) {
  briefing::StepView view;
  view.kind = briefing::StepView::Kind::Camera;
  scene::ViewSpec& v = view.spec;
  v.kind = scene::ViewSpec::Kind::Camera;
  v.lat = rounded(camera.latDeg, 1e-6);  // about 0.1 m
  v.lon = rounded(camera.lonDeg, 1e-6);
  v.rangeOrHeight = rounded(camera.heightM, 1.0);
  v.headingDeg = rounded(camera.headingDeg, 0.1);
  v.pitchDeg = std::clamp(rounded(camera.pitchDeg, 0.1), -90.0, 0.0);
  return view;
}

briefing::Step stepFromCamera(const ui::CameraReadout& camera, const briefing::Briefing& briefing) {
  briefing::Step s;
  s.id = unusedStepId(briefing);
  s.title = "New step";
  s.caption = "";
  s.view = viewFromCamera(camera);
  s.view.spec.name = s.id;
  s.holdSeconds = 6.0;
  s.transition.kind = briefing::TransitionKind::Flight;
  s.transition.durationSeconds = 5.0;
  return s;
}

std::string addStep(session::Session& session, int& selected, briefing::Step step) {
  const auto& doc = session.documents().briefing;
  const int n = static_cast<int>(doc.briefing.steps.size());
  const int at = selected >= 0 && selected < n ? selected + 1 : n;
  const std::string problem = session.execute(session::addStep(doc, at, std::move(step)));
  if (problem.empty()) selected = at;
  return problem;
}

std::string moveStep(session::Session& session, int& selected, int index, int delta) {
  const std::string problem = session.execute(session::moveStep(session.documents().briefing, index, delta));
  if (problem.empty()) selected = index + delta;
  return problem;
}

std::string deleteStep(session::Session& session, int& selected, int index) {
  const std::string problem = session.execute(session::deleteStep(session.documents().briefing, index));
  if (!problem.empty()) return problem;
  const int n = static_cast<int>(session.documents().briefing.briefing.steps.size());
  if (n == 0)
    selected = -1;
  else if (selected > index || selected >= n)
    selected = std::max(0, selected - 1);
  return problem;
}

std::string applyStepEdit(session::Session& session, const ui::UiRequests& r) {
  std::string problem;
  if (r.editStep) {
    const ui::StepChange& c = *r.editStep;
    problem = session.execute(session::editStep(session.documents().briefing, c.index, c.after, c.label, c.mergeKey));
  }
  if (r.endGesture) session.history().endGesture();
  return problem;
}

int keptSelection(const session::Session& session, int selected) {
  const int n = static_cast<int>(session.documents().briefing.briefing.steps.size());
  if (n == 0) return -1;
  return std::clamp(selected, 0, n - 1);
}

}  // namespace tb::viewer

namespace tb::viewer {

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
