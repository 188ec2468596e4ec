// The viewer's analysis tools (see AnalysisTool.h).
#include "viewer/AnalysisTool.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "analysis/Geodesy.h"
#include "analysis/LineOfSight.h"
#include "analysis/Profile.h"
#include "analysis/RangeRings.h"
#include "analysis/Viewshed.h"
#include "core/Error.h"
#include "core/Log.h"

namespace tb::viewer {

const char* analysisModeName(AnalysisMode mode) {
  switch (mode) {
    case AnalysisMode::None: return "none";
    case AnalysisMode::Measure: return "measure";
    case AnalysisMode::Area: return "area";
    case AnalysisMode::Profile: return "profile";
    case AnalysisMode::LineOfSight: return "line of sight";
    case AnalysisMode::Viewshed: return "viewshed";
    case AnalysisMode::Rings: return "range rings";
  }
  return "?";
}

int pointsFor(AnalysisMode mode) {
  switch (mode) {
    case AnalysisMode::LineOfSight: return 2;
    case AnalysisMode::Viewshed:
    case AnalysisMode::Rings: return 1;
    default: return 0;
  }
}

AnalysisTool::AnalysisTool(const world::World& world) : world_(world), elevation_(world) {}

void AnalysisTool::setMode(AnalysisMode mode) {
  mode_ = mode;
  points_.clear();
  error_.clear();
  touch();
}

void AnalysisTool::resetResult() {
  measurement_.reset();
  profile_.reset();
  los_.reset();
  viewshedResult_.reset();
  viewshedGeometry_ = {};
  rings_.clear();
  profileHover_ = -1;
  if (viewshedJob_) viewshedJob_->cancel();
  viewshedAsked_ = false;
}

void AnalysisTool::click(glm::dvec2 local) {
  if (!placing()) return;
  const int want = pointsFor(mode_);
  if (want > 0 && static_cast<int>(points_.size()) >= want) points_.clear();
  points_.push_back(local);
  error_.clear();
  if (want > 0 && static_cast<int>(points_.size()) == want) {
    resultMode_ = mode_;
    resultPoints_ = points_;
    ringSite_.clear();  // rings around a clicked point now
    compute();
    points_.clear();
  }
  touch();
}

void AnalysisTool::hover(std::optional<glm::dvec2> local) {
  if (local == cursor_) return;
  cursor_ = local;
  if (placing() && !points_.empty()) live_.reset();  // only the rubber band moves
}

void AnalysisTool::finish() {
  if (!placing() || pointsFor(mode_) > 0 || points_.empty()) return;
  const std::size_t need = mode_ == AnalysisMode::Area ? 3 : 2;
  if (points_.size() < need) {
    error_ = fmt::format("{} needs at least {} points", analysisModeName(mode_), need);
    touch();
    return;
  }
  resultMode_ = mode_;
  resultPoints_ = points_;
  points_.clear();
  compute();
  touch();
}

void AnalysisTool::removeLast() {
  if (!points_.empty()) points_.pop_back();
  touch();
}

void AnalysisTool::ringsAround(const std::string& siteName, glm::dvec2 local) {
  mode_ = AnalysisMode::Rings;
  points_.clear();
  resultMode_ = AnalysisMode::Rings;
  resultPoints_ = {local};
  ringSite_ = siteName;
  compute();
  touch();
}

void AnalysisTool::clear() {
  points_.clear();
  ringSite_.clear();
  resultPoints_.clear();
  resultMode_ = AnalysisMode::None;
  resetResult();
  error_.clear();
  touch();
}

void AnalysisTool::recompute() {
  if (resultMode_ != AnalysisMode::None) compute();
  touch();
}

void AnalysisTool::setProfileHover(int sample) {
  if (sample == profileHover_) return;
  profileHover_ = sample;
  touch();
}

// Every analysis reports bad input (a point off the data, an observer on nodata) as tb::Error: it
// becomes the panel's message and the session carries on.
void AnalysisTool::compute() {
  resetResult();
  error_.clear();
  try {
    switch (resultMode_) {
      case AnalysisMode::Measure:
      case AnalysisMode::Area:
        measurement_ = analysis::measure(elevation_, resultPoints_, resultMode_ == AnalysisMode::Area);
        break;
      case AnalysisMode::Profile:
        profile_ = analysis::elevationProfile(elevation_, resultPoints_);
        if (displayHeights_ && displayHeights_->converts()) {
          // Shown in the chart and tooltips under the unit label, so in the same datum (the
          // ascent, descent and slopes are differences: the geoid's few cm per km do not matter).
          profile_->minHeight.reset();
          profile_->maxHeight.reset();
          for (analysis::ProfileSample& s : profile_->samples) {
            if (!s.height) continue;
            s.height = displayHeights_->shown(s.lonLat, *s.height);
            profile_->minHeight = std::min(profile_->minHeight.value_or(*s.height), *s.height);
            profile_->maxHeight = std::max(profile_->maxHeight.value_or(*s.height), *s.height);
          }
        }
        break;
      case AnalysisMode::LineOfSight:
        los_ = analysis::lineOfSight(elevation_, resultPoints_.at(0), resultPoints_.at(1), sight);
        break;
      case AnalysisMode::Viewshed: {
        // The checks (and what needs PROJ) here, at once; the heights and GDAL on the worker.
        const analysis::ViewshedSetup setup = analysis::prepareViewshed(elevation_, resultPoints_.at(0), viewshed);
        if (!viewshedJob_) viewshedJob_ = std::make_unique<LatestJob<analysis::Viewshed>>();
        viewshedJob_->start([&elevation = elevation_, setup](const std::atomic<bool>& cancel) {
          return analysis::runViewshed(elevation, setup, &cancel);
        });
        viewshedAsked_ = true;
        log::info("viewer: viewshed computing ({:.0f} m radius)", setup.options.radius);
        return;
      }
      case AnalysisMode::Rings:
        rings_ = analysis::rangeRings(elevation_, resultPoints_.at(0), ringRadii, ringSite_);
        break;
      case AnalysisMode::None:
        break;
    }
    std::string figure;
    if (measurement_) figure = measurement_->closed && measurement_->area ? render::formatArea(*measurement_->area)
                                                                          : analysis::formatDistance(measurement_->horizontal);
    if (profile_) figure = fmt::format("{} samples", profile_->samples.size());
    if (los_) {
      figure = los_->visible ? "visible" : "blocked";
      if (los_->firstObstruction)
        figure += fmt::format(", first obstruction at {}",
                              analysis::formatDistance(glm::length(glm::dvec2(*los_->firstObstruction) - glm::dvec2(los_->observer))));
    }
    if (!rings_.empty()) figure = fmt::format("{} rings", rings_.size());
    log::info("viewer: {} computed: {}", analysisModeName(resultMode_), figure);
  } catch (const Error& e) {
    error_ = e.what();
    log::info("viewer: {} not computed: {}", analysisModeName(resultMode_), error_);
  }
}

bool AnalysisTool::poll() {
  bool arrived = false;
  if (savedJob_) {
    for (LatestBatch<render::OverlayGeometry>::Delivery& d : savedJob_->take()) {
      const unsigned long long id = savedJobIds_.at(d.index);
      const auto part = std::find_if(saved_.begin(), saved_.end(), [id](const SavedShown& s) { return s.id == id; });
      if (part == saved_.end()) continue;  // replaced while it computed
      part->computing = false;
      if (auto* g = std::get_if<render::OverlayGeometry>(&d.outcome)) {
        part->geometry = std::move(*g);
        log::info("viewer: saved viewshed \"{}\" computed", part->analysis.name);
      } else {
        error_ = fmt::format("{}: {}", part->analysis.name, std::get<std::string>(d.outcome));
        log::info("viewer: saved viewshed not computed: {}", error_);
      }
      arrived = true;
    }
  }
  if (viewshedAsked_ && viewshedJob_) {
    if (std::optional<LatestJob<analysis::Viewshed>::Outcome> outcome = viewshedJob_->take()) {
      viewshedAsked_ = false;
      if (auto* v = std::get_if<analysis::Viewshed>(&*outcome)) {
        viewshedResult_ = std::move(*v);
        render::addViewshed(viewshedGeometry_, *viewshedResult_);
        log::info("viewer: viewshed computed: {} cells visible", viewshedResult_->visibleCount);
      } else {
        error_ = std::get<std::string>(*outcome);
        log::info("viewer: viewshed not computed: {}", error_);
      }
      arrived = true;
    }
  }
  if (arrived) touch();
  return arrived;
}

void AnalysisTool::waitForComputation() {
  if (viewshedJob_) viewshedJob_->wait();
  if (savedJob_) savedJob_->wait();
  poll();
}

std::optional<analysis::SavedAnalysis> AnalysisTool::toSaved(const std::string& name) const {
  analysis::SavedAnalysis a;
  a.name = name;
  if (measurement_) {
    a.kind = analysis::AnalysisKind::Measure;
    a.closed = measurement_->closed;
  } else if (profile_) {
    a.kind = analysis::AnalysisKind::Profile;
  } else if (los_) {
    a.kind = analysis::AnalysisKind::LineOfSight;
    a.sight = sight;
  } else if (viewshedResult_) {
    a.kind = analysis::AnalysisKind::Viewshed;
    a.viewshed = viewshedResult_->options;
  } else if (!rings_.empty()) {
    a.kind = analysis::AnalysisKind::RangeRings;
    a.radii = ringRadii;
    a.site = ringSite_;
  } else {
    return std::nullopt;
  }
  for (const glm::dvec2& p : resultPoints_) a.points.push_back(elevation_.toLonLat(p));
  return a;
}

// A viewshed takes 0.2-1 s, the others milliseconds: only viewsheds go to the worker. Their checks
// and what needs PROJ (prepareViewshed) stay here, so a bad one is a message at once.
void AnalysisTool::showSaved(const std::vector<analysis::SavedAnalysis>& saved) {
  saved_.clear();
  savedJobIds_.clear();
  std::vector<LatestBatch<render::OverlayGeometry>::Work> works;
  for (const analysis::SavedAnalysis& a : saved) {
    SavedShown part{a, {}, ++nextSavedId_, false};
    if (a.kind == analysis::AnalysisKind::Viewshed && !a.points.empty()) {
      try {
        works.push_back(savedViewshedWork(elevation_, a));
        savedJobIds_.push_back(part.id);
        part.computing = true;
      } catch (const Error& e) {
        error_ = fmt::format("{}: {}", a.name, e.what());
      }
    } else {
      for (const std::string& problem : render::addSavedAnalyses(part.geometry, elevation_, {a})) error_ = problem;
    }
    saved_.push_back(std::move(part));
  }
  if (!works.empty()) {
    if (!savedJob_) savedJob_ = std::make_unique<LatestBatch<render::OverlayGeometry>>();
    log::info("viewer: {} saved viewshed(s) computing", works.size());
    savedJob_->start(std::move(works));
  } else if (savedJob_) {
    savedJob_->cancel();
  }
  touch();
}

void AnalysisTool::keepAsSaved(const analysis::SavedAnalysis& saved) {
  std::erase_if(saved_, [&](const SavedShown& s) { return s.analysis.name == saved.name; });
  SavedShown part{saved, {}, ++nextSavedId_, false};
  // The viewshed as computed; the quick ones as the file will give them when the scene reopens.
  if (saved.kind == analysis::AnalysisKind::Viewshed && viewshedResult_)
    render::addViewshed(part.geometry, *viewshedResult_, saved.name);  // titled: its own labels
  else
    for (const std::string& problem : render::addSavedAnalyses(part.geometry, elevation_, {saved})) error_ = problem;
  saved_.push_back(std::move(part));
  clear();  // it now shows as a saved analysis
}

std::vector<analysis::SavedAnalysis> AnalysisTool::saved() const {
  std::vector<analysis::SavedAnalysis> out;
  for (const SavedShown& s : saved_) out.push_back(s.analysis);
  return out;
}

std::optional<ViewerDrawing> AnalysisTool::drawnSaved(const analysis::SavedAnalysis& a) const {
  for (const SavedShown& s : saved_)
    if (s.analysis == a) return ViewerDrawing{s.computing ? render::OverlayGeometry{} : s.geometry, s.computing};
  return std::nullopt;
}

std::vector<std::string> AnalysisTool::savedComputing() const {
  std::vector<std::string> out;
  for (const SavedShown& s : saved_)
    if (s.computing) out.push_back(s.analysis.name);
  return out;
}

void AnalysisTool::setGrid(GridKind kind, double viewSizeMetres, std::optional<glm::dvec2> viewCentre) {
  if (kind == GridKind::Graticule && !gridLatitude_) {
    try {
      gridLatitude_ = elevation_.toLonLat((elevation_.dataLo() + elevation_.dataHi()) * 0.5).y;
    } catch (const Error&) {
      gridLatitude_ = 0.0;  // no projection: spaced as at the equator
    }
  }
  const double spacing = kind == GridKind::Graticule ? analysis::graticuleSpacingFor(viewSizeMetres, *gridLatitude_)
                         : kind == GridKind::Utm     ? analysis::utmSpacingFor(viewSizeMetres)
                                                     : 0.0;
  glm::dvec2 lo = elevation_.dataLo(), hi = elevation_.dataHi();
  if (viewCentre && kind != GridKind::None) {
    // A tilted view sees ground several view sizes ahead; buckets of one view size keep the box
    // (and the lines) the same while the camera moves within one.
    const double bucket = std::max(viewSizeMetres, 100.0);
    const glm::dvec2 reach(4.0 * bucket);
    lo = glm::max(lo, glm::floor((*viewCentre - reach) / bucket) * bucket);
    hi = glm::min(hi, glm::ceil((*viewCentre + reach) / bucket) * bucket);
    if (!(hi.x > lo.x && hi.y > lo.y)) lo = hi = glm::dvec2(0.0);  // looking away from the data: no lines
  }
  if (kind == gridKind_ && spacing == gridSpacing_ && lo == gridLo_ && hi == gridHi_) return;
  gridKind_ = kind;
  gridSpacing_ = spacing;
  gridLo_ = lo, gridHi_ = hi;
  gridLines_ = {};
  try {
    if (kind != GridKind::None && hi.x > lo.x && hi.y > lo.y) {
      ++gridBuilds_;
      gridLines_ = kind == GridKind::Graticule ? analysis::graticuleLines(elevation_, lo, hi, spacing)
                                               : analysis::utmGridLines(elevation_, lo, hi, spacing);
    }
  } catch (const Error& e) {
    error_ = e.what();
  }
  overlay_.reset();
}

std::shared_ptr<const render::OverlayGeometry> AnalysisTool::overlay() {
  if (overlay_) return overlay_;
  auto g = std::make_shared<render::OverlayGeometry>();
  for (const SavedShown& s : saved_) g->append(s.geometry);
  render::addGridLines(*g, gridLines_);
  if (measurement_) render::addMeasurement(*g, *measurement_);
  if (profile_) render::addProfilePath(*g, *profile_, profileHover_);
  if (los_) render::addLineOfSight(*g, *los_);
  g->append(viewshedGeometry_);
  if (!rings_.empty() && !resultPoints_.empty()) render::addRangeRings(*g, rings_, resultPoints_.front());
  overlay_ = g;
  return overlay_;
}


// The points being placed, and a rubber band from the last one to the cursor with the live leg's
// figures (geodesic only: it is redone every frame the cursor moves).
std::shared_ptr<const render::OverlayGeometry> AnalysisTool::liveOverlay() {
  if (live_) return live_;
  auto g = std::make_shared<render::OverlayGeometry>();
  if (placing() && !points_.empty()) {
    render::OverlayPolyline band;
    for (const glm::dvec2& p : points_) band.points.emplace_back(p, 0.0);
    if (cursor_) band.points.emplace_back(*cursor_, 0.0);
    band.color = render::analysis_colors::kMeasure;
    band.widthPx = 2.5f;
    band.closed = mode_ == AnalysisMode::Area && band.points.size() > 2;
    if (band.points.size() >= 2) g->lines.push_back(band);
    for (const glm::dvec2& p : points_) {
      render::OverlayMarker m;
      m.position = glm::dvec3(p, 0.0);
      m.color = render::analysis_colors::kMeasure;
      m.radiusPx = 4.0f;
      g->markers.push_back(m);
    }
    if (cursor_) {
      try {
        double total = 0;
        std::vector<glm::dvec2> ll;
        for (const glm::dvec2& p : points_) ll.push_back(elevation_.toLonLat(p));
        ll.push_back(elevation_.toLonLat(*cursor_));
        for (std::size_t i = 1; i < ll.size(); ++i) total += analysis::geodesicInverse(ll[i - 1], ll[i]).distance;
        const analysis::GeodesicLeg leg = analysis::geodesicInverse(ll[ll.size() - 2], ll.back());
        render::OverlayLabel l;
        l.position = glm::dvec3(*cursor_, 0.0);
        l.text = fmt::format("{}  ·  {:03.0f}° T", analysis::formatDistance(total), std::round(leg.azimuth1));
        l.color = render::analysis_colors::kMeasure;
        g->labels.push_back(std::move(l));
      } catch (const Error&) {
        // Far off the data PROJ may refuse: no live figures, the band still shows.
      }
    }
  }
  live_ = g;
  return live_;
}

}  // namespace tb::viewer
