// The caller's per-frame lines, markers and labels (see OverlayGeometryPass.h).
#include "render/OverlayGeometryPass.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "render/FrameContext.h"
#include "render/OverlayProjection.h"
#include "render/SiteDrawings.h"
#include "render/TextRenderer.h"
#include "world/TerrainStream.h"

namespace tb::render {

namespace {
constexpr double kPi = 3.14159265358979323846;
constexpr std::size_t kMaxVerticesPerLine = 200000;  // a 2000 km line at 10 m: densify less
}  // namespace

OverlayGeometryPass::OverlayGeometryPass(PassResources& resources) : resources_(resources) {}

double OverlayGeometryPass::groundHeight(glm::dvec2 local) const {
  const world::World& w = resources_.world;
  if (w.stream)
    if (const std::optional<double> h = w.stream->residentHeight(local)) return std::max(*h, 0.0);
  if (w.heights.width() > 0 && w.heights.contains(local)) return std::max(w.heights.sample(local), 0.0);
  return std::numeric_limits<double>::quiet_NaN();  // no ground here: nothing is drawn on it
}

void OverlayGeometryPass::prepare(const FrameSettings& settings) {
  static const OverlayGeometry kNone;
  const world::World& w = resources_.world;
  // The user's drawings join the caller's geometry here, so that every frame (window, stills,
  // videos) shows them and an edit only re-drapes these lines.
  OverlayGeometry withDrawings;
  const bool drawings = std::any_of(w.sites.begin(), w.sites.end(),
                                    [](const world::PlacedSite& s) { return s.site && isUserDrawing(*s.site); });
  if (drawings) {
    appendUserDrawings(w, settings, withDrawings);
    if (settings.overlay) {
      const OverlayGeometry& caller = *settings.overlay;
      withDrawings.lines.insert(withDrawings.lines.end(), caller.lines.begin(), caller.lines.end());
      withDrawings.markers = caller.markers;
      withDrawings.labels = caller.labels;
      withDrawings.rasters = caller.rasters;
    }
  }
  const OverlayGeometry& g = drawings ? withDrawings : settings.overlay ? *settings.overlay : kNone;
  const std::size_t reads = w.stream ? w.stream->reads() : 0;
  const bool drapedLines = std::any_of(g.lines.begin(), g.lines.end(), [](const OverlayPolyline& l) { return l.draped; });
  if (built_ && *built_ == g && (!drapedLines || reads == builtReads_)) return;

  built_ = g;
  builtReads_ = reads;
  ++rebuilds_;
  groups_.clear();
  lines_.reset();
  if (g.lines.empty()) return;
  lines_ = std::make_unique<DrapedLines>(resources_.programs);
  const double cell = w.stream ? w.stream->sources().demCellSize() : w.heights.width() ? w.heights.cellSize() : 10.0;
  for (const OverlayPolyline& line : g.lines) {
    std::vector<glm::dvec3> pts = line.points;
    if (line.closed && pts.size() > 2) pts.push_back(pts.front());
    if (pts.size() < 2) {
      groups_.push_back(-1);
      continue;
    }
    double length = 0;
    for (std::size_t i = 1; i < pts.size(); ++i) length += glm::length(glm::dvec2(pts[i] - pts[i - 1]));
    const double step = std::max({cell, 0.5, length / kMaxVerticesPerLine});
    // Densified to about the DEM cell so a draped line follows the ground; pieces without ground
    // under them are cut out (fade 0), as for the scene's own overlays.
    std::vector<DrapedVertex> out;
    double along = 0;
    auto push = [&](glm::dvec3 p, double a) {
      float fade = 1.0f;
      if (line.draped) {
        p.z = groundHeight(glm::dvec2(p));
        if (std::isnan(p.z)) {
          p.z = 0;
          fade = 0.0f;
        }
      }
      out.push_back({glm::vec3(p), fade, static_cast<float>(a)});
    };
    push(pts[0], 0);
    for (std::size_t i = 1; i < pts.size(); ++i) {
      const glm::dvec3 a = pts[i - 1], b = pts[i];
      const double len = glm::length(glm::dvec2(b - a));
      const int n = std::max(1, static_cast<int>(std::ceil(len / step)));
      for (int k = 1; k <= n; ++k) push(a + (b - a) * (double(k) / n), along + len * k / n);
      along += len;
    }
    groups_.push_back(lines_->addGroup({out}, step));
  }
  lines_->upload();
}

void OverlayGeometryPass::draw(const FrameContext& ctx) {
  if (!built_ || built_->empty()) return;
  const OverlayGeometry& g = *built_;
  const float scale = overlayScale(ctx);
  if (lines_) {
    std::vector<DrapedLines::DrawItem> items;
    for (std::size_t i = 0; i < g.lines.size(); ++i) {
      if (groups_[i] < 0) continue;
      const OverlayPolyline& line = g.lines[i];
      LineStyle style;
      style.color = line.color;
      style.widthPx = std::max(1.0f, line.widthPx * scale);
      if (line.onTop) {  // the hidden part first, faint, so the visible part draws over it
        LineStyle hidden = style;
        hidden.color.a *= 0.35f;
        hidden.throughTerrain = true;
        items.push_back({groups_[i], hidden});
      }
      items.push_back({groups_[i], style});
    }
    lines_->draw(ctx, items);
  }

  TextRenderer& text = resources_.text;
  const double ex = ctx.settings.exaggeration;
  auto image = [&](const glm::dvec3& p, bool onGround) {
    glm::dvec3 local = p;
    if (onGround) local.z = groundHeight(glm::dvec2(p));
    if (std::isnan(local.z)) return ImagePoint{};
    return projectToImage(ctx, {local.x, local.y, local.z * ex});
  };
  for (const OverlayMarker& m : g.markers) {
    const ImagePoint ip = image(m.position, m.onGround);
    if (!ip.inFront) continue;
    const glm::vec2 c(ip.px);
    const float r = m.radiusPx * scale, ring = std::max(1.5f, r * 0.35f);
    constexpr int kSides = 20;
    for (int k = 0; k < kSides; ++k) {  // a dark ring, then the disc: readable on any ground
      const double a0 = 2 * kPi * k / kSides, a1 = 2 * kPi * (k + 1) / kSides;
      const glm::vec2 d0(std::cos(a0), std::sin(a0)), d1(std::cos(a1), std::sin(a1));
      text.addTriangle(c, c + d0 * (r + ring), c + d1 * (r + ring), glm::vec4(0.05f, 0.05f, 0.05f, 0.85f * m.color.a));
      text.addTriangle(c, c + d0 * r, c + d1 * r, m.color);
    }
  }
  // Labels never cover each other: one that would lands below those already placed (three
  // analyses around one site label the same point). Laid out in whole-image pixels, so every
  // tile of a tiled frame agrees.
  std::vector<std::pair<glm::vec2, glm::vec2>> placed;
  auto overlaps = [&](glm::vec2 lo, glm::vec2 hi) {
    for (const auto& [a, b] : placed)
      if (lo.x < b.x && a.x < hi.x && lo.y < b.y && a.y < hi.y) return true;
    return false;
  };
  for (const OverlayLabel& l : g.labels) {
    const ImagePoint ip = image(l.position, l.onGround);
    if (!ip.inFront || l.text.empty()) continue;
    TextStyle style;
    style.face = FontFace::Bold;
    style.sizePx = l.sizePx * scale;
    style.color = l.color;
    std::vector<std::string_view> lines;
    for (std::size_t start = 0; start <= l.text.size();) {
      const std::size_t end = std::min(l.text.find('\n', start), l.text.size());
      lines.push_back(std::string_view(l.text).substr(start, end - start));
      start = end + 1;
    }
    float width = 0;
    for (std::string_view s : lines) width = std::max(width, text.measure(s, style.face, style.sizePx).width);
    // Beside the point, not on it; on its left where the right side would leave the image.
    const float gap = 8.0f * scale;
    glm::vec2 baseline(ip.px);
    baseline += glm::vec2(gap, -gap);
    if (baseline.x + width > ctx.fullWidth - 4.0f) baseline.x = static_cast<float>(ip.px.x) - gap - width;
    baseline.x = std::max(baseline.x, 4.0f);
    const float lineStep = style.sizePx * 1.25f;
    const glm::vec2 size(width, lineStep * static_cast<float>(lines.size()));
    for (int tries = 0; tries < 8 && overlaps(baseline - glm::vec2(0.0f, style.sizePx), baseline - glm::vec2(0.0f, style.sizePx) + size);
         ++tries)
      baseline.y += lineStep;
    placed.push_back({baseline - glm::vec2(0.0f, style.sizePx), baseline - glm::vec2(0.0f, style.sizePx) + size});
    for (std::string_view s : lines) {
      text.addText(s, baseline, style);
      baseline.y += lineStep;
    }
  }
  if (!text.empty()) text.flush(ctx);
}

}  // namespace tb::render
