// The steps' saved analyses, viewsheds on a worker (see StepAnalyses.h).
#include "viewer/StepAnalyses.h"

#include <algorithm>
#include <filesystem>

#include <fmt/format.h>

#include "analysis/Viewshed.h"
#include "core/Error.h"
#include "core/Log.h"
#include "render/AnalysisOverlay.h"

namespace tb::viewer {
namespace {

// Where a viewshed not yet drawn will be: its observer, and a line that says so.
render::OverlayGeometry computingPlaceholder(glm::dvec2 observer, const std::string& name) {
  render::OverlayGeometry g;
  render::OverlayMarker m;
  m.position = glm::dvec3(observer, 0.0);
  m.onGround = true;
  m.color = glm::vec4(1.0f);
  m.radiusPx = 6.0f;
  g.markers.push_back(m);
  render::OverlayLabel l;
  l.position = m.position;
  l.onGround = true;
  l.text = name + "\nviewshed computing…";
  l.color = glm::vec4(1.0f);
  l.sizePx = 14.0f;
  g.labels.push_back(std::move(l));
  return g;
}

}  // namespace

LatestBatch<render::OverlayGeometry>::Work savedViewshedWork(const analysis::Elevation& elevation,
                                                             const analysis::SavedAnalysis& saved) {
  if (saved.points.empty()) throw Error(saved.name, "a viewshed needs an observer");
  const analysis::ViewshedSetup setup =
      analysis::prepareViewshed(elevation, elevation.toLocal(saved.points.front()), saved.viewshed);
  return [&elevation, setup, name = saved.name](const std::atomic<bool>& cancel) {
    render::OverlayGeometry g;
    render::addViewshed(g, analysis::runViewshed(elevation, setup, &cancel), name);
    return g;
  };
}

StepAnalyses::StepAnalyses(const world::World& world, const std::vector<std::vector<std::string>>& stepNames,
                           const DrawnAlready& drawnAlready)
    : elevation_(world), path_(analysis::savedAnalysesPathFor(world.scene.path)), viewer_(drawnAlready) {
  const bool anyNames = std::any_of(stepNames.begin(), stepNames.end(), [](const auto& n) { return !n.empty(); });
  if (!anyNames) return;
  if (std::filesystem::exists(path_)) saved_ = analysis::readSavedAnalyses(path_);
  std::vector<LatestBatch<render::OverlayGeometry>::Work> works;
  for (const std::vector<std::string>& names : stepNames) {
    for (const analysis::SavedAnalysis& a : analysis::savedByNames(path_, saved_, names)) {
      if (std::any_of(parts_.begin(), parts_.end(), [&](const Part& p) { return p.analysis.name == a.name; })) continue;
      Part part{a, {}, false, false};
      std::optional<ViewerDrawing> drawn = viewer_ ? viewer_(a) : std::nullopt;
      if (drawn && !drawn->computing) {
        part.geometry = std::move(drawn->geometry);  // the viewer computed this one already
      } else if (drawn) {
        part.computing = part.onViewer = true;  // and is computing this one: not twice
        part.geometry = computingPlaceholder(elevation_.toLocal(a.points.front()), a.name);
      } else if (a.kind == analysis::AnalysisKind::Viewshed) {
        try {
          works.push_back(savedViewshedWork(elevation_, a));
        } catch (const Error& e) {
          throw Error(path_, fmt::format("{}: {}", a.name, e.what()));
        }
        jobParts_.push_back(parts_.size());
        part.computing = true;
        part.geometry = computingPlaceholder(elevation_.toLocal(a.points.front()), a.name);
      } else {
        const std::vector<std::string> problems = render::addSavedAnalyses(part.geometry, elevation_, {a});
        if (!problems.empty()) throw Error(path_, problems.front());
      }
      parts_.push_back(std::move(part));
    }
  }
  computedHere_ = works.size();
  if (!works.empty()) {
    log::info("presenter: {} saved viewshed(s) computing", works.size());
    job_ = std::make_unique<LatestBatch<render::OverlayGeometry>>();
    job_->start(std::move(works));
  }
}

void StepAnalyses::arrive(Part& part, LatestBatch<render::OverlayGeometry>::Outcome& outcome) {
  part.computing = false;
  if (auto* g = std::get_if<render::OverlayGeometry>(&outcome)) {
    part.geometry = std::move(*g);
    log::info("presenter: saved viewshed \"{}\" computed", part.analysis.name);
  } else {
    // Said where the viewshed would be, and in the log (a failed height read: rare).
    const std::string problem = std::get<std::string>(outcome);
    log::warn("presenter: saved viewshed \"{}\" not computed: {}", part.analysis.name, problem);
    part.geometry.labels.at(0).text = fmt::format("{}\nviewshed not computed: {}", part.analysis.name, problem);
  }
}

bool StepAnalyses::poll() {
  bool arrived = false;
  if (job_)
    for (LatestBatch<render::OverlayGeometry>::Delivery& d : job_->take()) {
      arrive(parts_.at(jobParts_.at(d.index)), d.outcome);
      arrived = true;
    }
  for (auto& [index, late] : lateJobs_)
    if (std::optional<LatestJob<render::OverlayGeometry>::Outcome> outcome = late->take()) {
      arrive(parts_.at(index), *outcome);
      arrived = true;
    }
  for (std::size_t i = 0; i < parts_.size(); ++i) {
    Part& part = parts_[i];
    if (!part.computing || !part.onViewer) continue;
    std::optional<ViewerDrawing> drawn = viewer_(part.analysis);
    if (drawn && drawn->computing) continue;
    part.onViewer = false;
    if (drawn) {
      part.computing = false;
      part.geometry = std::move(drawn->geometry);
      log::info("presenter: saved viewshed \"{}\" taken from the viewer", part.analysis.name);
      arrived = true;
      continue;
    }
    // The viewer stopped showing it before it was done: computed here after all. Checked again
    // (the viewer checked it when it started), so a problem is said at the observer.
    auto job = std::make_unique<LatestJob<render::OverlayGeometry>>();
    try {
      job->start(savedViewshedWork(elevation_, part.analysis));
      ++computedHere_;
      lateJobs_.emplace_back(i, std::move(job));
    } catch (const Error& e) {
      LatestBatch<render::OverlayGeometry>::Outcome failed{std::in_place_index<1>, e.what()};
      arrive(part, failed);
      arrived = true;
    }
  }
  if (arrived) cache_.clear();
  return arrived;
}

std::shared_ptr<const render::OverlayGeometry> StepAnalyses::forNames(const std::vector<std::string>& names) {
  if (names.empty()) return nullptr;
  if (auto it = cache_.find(names); it != cache_.end()) return it->second;
  auto g = std::make_shared<render::OverlayGeometry>();
  for (const analysis::SavedAnalysis& a : analysis::savedByNames(path_, saved_, names))
    for (const Part& p : parts_)
      if (p.analysis.name == a.name) g->append(p.geometry);
  cache_.emplace(names, g);
  return g;
}

std::vector<std::string> StepAnalyses::computing() const {
  std::vector<std::string> out;
  for (const Part& p : parts_)
    if (p.computing) out.push_back(p.analysis.name);
  return out;
}

void StepAnalyses::wait() {
  if (job_) job_->wait();
  for (auto& [index, late] : lateJobs_) late->wait();
  poll();
}

}  // namespace tb::viewer
