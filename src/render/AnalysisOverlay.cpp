// Analyses as overlay geometry (see AnalysisOverlay.h).
#include "render/AnalysisOverlay.h"

#include <algorithm>
#include <cmath>
#include <filesystem>

#include <fmt/format.h>

#include "analysis/Elevation.h"
#include "core/Error.h"

namespace tb::render {

using namespace analysis_colors;

namespace {

OverlayPolyline draped(const std::vector<glm::dvec2>& pts, glm::vec4 color, float width, bool closed = false) {
  OverlayPolyline l;
  for (const glm::dvec2& p : pts) l.points.emplace_back(p, 0.0);
  l.color = color;
  l.widthPx = width;
  l.closed = closed;
  return l;
}

void marker(OverlayGeometry& g, glm::dvec3 p, glm::vec4 color, float radius, bool onGround) {
  OverlayMarker m;
  m.position = p;
  m.onGround = onGround;
  m.color = color;
  m.radiusPx = radius;
  g.markers.push_back(m);
}

void label(OverlayGeometry& g, glm::dvec3 p, std::string text, glm::vec4 color, bool onGround, float size = 14.0f) {
  OverlayLabel l;
  l.position = p;
  l.onGround = onGround;
  l.text = std::move(text);
  l.color = color;
  l.sizePx = size;
  g.labels.push_back(std::move(l));
}

std::string titled(const std::string& title, const std::string& text) {
  return title.empty() ? text : title + "\n" + text;
}

std::string bearing(double deg) { return fmt::format("{:03.0f}°", std::fmod(std::round(deg) + 360.0, 360.0)); }

}  // namespace

std::string formatSignedHeight(double m) { return fmt::format("{:+.0f} m", m); }

std::string formatArea(double m2) {
  if (m2 >= 1e6) return fmt::format("{:.{}f} km²", m2 / 1e6, m2 >= 1e8 ? 0 : m2 >= 1e7 ? 1 : 2);
  if (m2 >= 1e4) return fmt::format("{:.1f} ha", m2 / 1e4);
  return fmt::format("{:.0f} m²", m2);
}

void addMeasurement(OverlayGeometry& g, const analysis::Measurement& m, const std::string& title) {
  if (m.points.empty()) return;
  std::vector<glm::dvec2> xy;
  for (const glm::dvec3& p : m.points) xy.emplace_back(p);
  if (xy.size() >= 2) g.lines.push_back(draped(xy, kMeasure, 3.0f, m.closed));
  for (const glm::dvec3& p : m.points) marker(g, p, kMeasure, 4.0f, true);
  if (m.legs.empty()) return;
  std::string text;
  if (m.closed && m.area) {
    text = fmt::format("{}  ·  perimeter {}", formatArea(*m.area), analysis::formatDistance(m.horizontal));
  } else {
    const analysis::MeasureLeg& last = m.legs.back();
    text = fmt::format("{} (surface {})  ·  Δh {}", analysis::formatDistance(m.horizontal),
                       analysis::formatDistance(m.surface), formatSignedHeight(m.heightDelta));
    if (m.legs.size() == 1) text += fmt::format("  ·  {} T / {} grid", bearing(last.trueBearing), bearing(last.gridBearing));
  }
  label(g, m.points.back(), titled(title, text), kMeasure, true);
}

void addProfilePath(OverlayGeometry& g, const analysis::Profile& p, int hover, const std::string& title) {
  if (p.samples.size() < 2) return;
  std::vector<glm::dvec2> xy;
  xy.reserve(p.samples.size());
  for (const analysis::ProfileSample& s : p.samples) xy.push_back(s.local);
  g.lines.push_back(draped(xy, kProfile, 3.0f));
  marker(g, glm::dvec3(p.samples.front().local, 0.0), kProfile, 4.0f, true);
  marker(g, glm::dvec3(p.samples.back().local, 0.0), kProfile, 4.0f, true);
  if (!title.empty()) label(g, glm::dvec3(p.samples.front().local, 0.0), title, kProfile, true);
  if (hover >= 0 && hover < static_cast<int>(p.samples.size())) {
    const analysis::ProfileSample& s = p.samples[static_cast<std::size_t>(hover)];
    marker(g, glm::dvec3(s.local, 0.0), glm::vec4(1.0f), 6.0f, true);
    label(g, glm::dvec3(s.local, 0.0),
          fmt::format("{}  ·  {}", analysis::formatDistance(s.distance),
                      s.height ? fmt::format("{:.0f} m", *s.height) : std::string("no data")),
          glm::vec4(1.0f), true);
  }
}

void addLineOfSight(OverlayGeometry& g, const analysis::LineOfSight& los, const std::string& title) {
  for (const analysis::SightSegment& seg : los.ground) {  // the ground seen and unseen, thin
    OverlayPolyline l = draped({glm::dvec2(seg.from), glm::dvec2(seg.to)}, seg.visible ? kVisible : kBlocked, 2.0f);
    l.color.a = 0.8f;
    g.lines.push_back(std::move(l));
  }
  for (const analysis::SightSegment& seg : los.sightLine) {
    OverlayPolyline l;
    l.points = {seg.from, seg.to};
    l.color = seg.visible ? kVisible : kBlocked;
    l.widthPx = 3.0f;
    l.draped = false;
    l.onTop = true;  // a blocked line runs through the hill: show it faintly there
    g.lines.push_back(std::move(l));
  }
  marker(g, los.observer, glm::vec4(1.0f), 5.0f, false);
  marker(g, los.target, los.visible ? kVisible : kBlocked, 5.0f, false);
  if (los.firstObstruction) {
    marker(g, *los.firstObstruction, kBlocked, 6.0f, false);
    label(g, *los.firstObstruction, "first obstruction", kBlocked, false, 13.0f);
  }
  label(g, los.target,
        titled(title, fmt::format("{}  ·  {}", los.visible ? "visible" : "blocked", analysis::formatDistance(los.distance))),
        los.visible ? kVisible : kBlocked, false);
}

void addViewshed(OverlayGeometry& g, const analysis::Viewshed& v, const std::string& title) {
  if (v.width < 1 || v.height < 1) return;
  auto raster = std::make_shared<OverlayRaster>();
  raster->westEdge = v.westEdge;
  raster->northEdge = v.northEdge;
  raster->cell = v.cell;
  raster->width = v.width;
  raster->height = v.height;
  raster->rgba.assign(static_cast<std::size_t>(v.width) * v.height * 4, 0);
  for (std::size_t i = 0; i < v.cells.size(); ++i) {
    std::uint8_t* px = &raster->rgba[i * 4];
    if (v.cells[i] == analysis::Visibility::Visible) {
      px[0] = 40, px[1] = 235, px[2] = 90, px[3] = 120;
    } else if (v.cells[i] == analysis::Visibility::Hidden) {
      px[0] = 200, px[1] = 30, px[2] = 30, px[3] = 90;
    }
  }
  g.rasters.push_back(std::move(raster));
  marker(g, v.observer, glm::vec4(1.0f), 6.0f, false);
  label(g, v.observer,
        titled(title, fmt::format("viewshed {}  ·  {} visible", analysis::formatDistance(v.options.radius),
                                  formatArea(v.visibleArea()))),
        glm::vec4(1.0f), false);
}

void addRangeRings(OverlayGeometry& g, const std::vector<analysis::RangeRing>& rings, glm::dvec2 centre,
                   const std::string& title) {
  for (const analysis::RangeRing& r : rings) {
    g.lines.push_back(draped(r.points, kRings, 2.5f));
    label(g, glm::dvec3(r.labelAt, 0.0), r.label, kRings, true, 13.0f);
  }
  marker(g, glm::dvec3(centre, 0.0), kRings, 5.0f, true);
  if (!title.empty()) label(g, glm::dvec3(centre, 0.0), title, kRings, true);
}

void addGridLines(OverlayGeometry& g, const analysis::GridLines& grid) {
  for (const analysis::GridLine& line : grid.lines) {
    g.lines.push_back(draped(line.points, kGrid, 1.5f));
    g.lines.back().edgeLabel = line.label;  // placed where the line enters the view, each frame
  }
}

std::vector<std::string> addSavedAnalyses(OverlayGeometry& g, const analysis::Elevation& elevation,
                                          const std::vector<analysis::SavedAnalysis>& saved) {
  std::vector<std::string> problems;
  for (const analysis::SavedAnalysis& a : saved) {
    try {
      std::vector<glm::dvec2> local;
      for (const glm::dvec2& ll : a.points) local.push_back(elevation.toLocal(ll));
      switch (a.kind) {
        case analysis::AnalysisKind::Measure:
          addMeasurement(g, analysis::measure(elevation, local, a.closed), a.name);
          break;
        case analysis::AnalysisKind::Profile:
          addProfilePath(g, analysis::elevationProfile(elevation, local, a.spacing), -1, a.name);
          break;
        case analysis::AnalysisKind::LineOfSight:
          if (local.size() != 2) throw Error(a.name, "a line of sight needs an observer and a target");
          addLineOfSight(g, analysis::lineOfSight(elevation, local[0], local[1], a.sight), a.name);
          break;
        case analysis::AnalysisKind::Viewshed:
          if (local.empty()) throw Error(a.name, "a viewshed needs an observer");
          addViewshed(g, analysis::computeViewshed(elevation, local[0], a.viewshed), a.name);
          break;
        case analysis::AnalysisKind::RangeRings:
          if (local.empty()) throw Error(a.name, "range rings need a centre");
          addRangeRings(g, analysis::rangeRings(elevation, local[0], a.radii, a.site), local[0], a.name);
          break;
      }
    } catch (const Error& e) {
      problems.push_back(fmt::format("{}: {}", a.name, e.what()));
    }
  }
  return problems;
}

SavedAnalysisOverlays::SavedAnalysisOverlays(const world::World& world)
    : elevation_(std::make_unique<analysis::Elevation>(world)), path_(analysis::savedAnalysesPathFor(world.scene.path)) {
  if (std::filesystem::exists(path_)) saved_ = analysis::readSavedAnalyses(path_);
}

std::shared_ptr<const OverlayGeometry> SavedAnalysisOverlays::forNames(const std::vector<std::string>& names) {
  if (names.empty()) return nullptr;
  if (auto it = cache_.find(names); it != cache_.end()) return it->second;
  const std::vector<analysis::SavedAnalysis> chosen = analysis::savedByNames(path_, saved_, names);
  auto g = std::make_shared<OverlayGeometry>();
  const std::vector<std::string> problems = addSavedAnalyses(*g, *elevation_, chosen);
  if (!problems.empty()) throw Error(path_, problems.front());
  cache_.emplace(names, g);
  return g;
}

}  // namespace tb::render
