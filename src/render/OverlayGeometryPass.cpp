// The caller's per-frame lines, markers and labels (see OverlayGeometryPass.h).
#include "render/OverlayGeometryPass.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "core/Log.h"
#include "render/FrameContext.h"
#include "render/HudPass.h"
#include "render/LabelLayout.h"
#include "render/OverlayProjection.h"
#include "render/SiteDrawings.h"
#include "render/TextRenderer.h"
#include "world/TerrainStream.h"

namespace tb::render {

namespace {
constexpr double kPi = 3.14159265358979323846;
constexpr std::size_t kMaxVerticesPerLine = 200000;  // a 2000 km line at 10 m: densify less
}  // namespace

OverlayGeometryPass::OverlayGeometryPass(PassResources& resources, Field field)
    : resources_(resources), field_(field) {}

double OverlayGeometryPass::groundHeight(glm::dvec2 local) const {
  const world::World& w = resources_.world;
  if (w.stream)
    if (const std::optional<double> h = w.stream->residentHeight(local)) return std::max(*h, 0.0);
  if (w.heights.width() > 0 && w.heights.contains(local)) return std::max(w.heights.sample(local), 0.0);
  return std::numeric_limits<double>::quiet_NaN();  // no ground here: nothing is drawn on it
}

void OverlayGeometryPass::prepare(const FrameSettings& settings) {
  static const OverlayGeometry kNone;
  const std::shared_ptr<const OverlayGeometry>& given = settings.*field_;
  const world::World& w = resources_.world;
  // The user's drawings join the caller's geometry here, so that every frame (window, stills,
  // videos) shows them and an edit only re-drapes these lines.
  OverlayGeometry withDrawings;
  const bool drawings = field_ == &FrameSettings::overlay &&
                        std::any_of(w.sites.begin(), w.sites.end(),
                                    [](const world::PlacedSite& s) { return s.site && isUserDrawing(*s.site); });
  if (drawings) {
    appendUserDrawings(w, settings, withDrawings);
    if (given) {
      const OverlayGeometry& caller = *given;
      withDrawings.lines.insert(withDrawings.lines.end(), caller.lines.begin(), caller.lines.end());
      withDrawings.markers = caller.markers;
      withDrawings.labels = caller.labels;
      withDrawings.rasters = caller.rasters;
    }
  }
  const OverlayGeometry& g = drawings ? withDrawings : given ? *given : kNone;
  const std::size_t reads = w.stream ? w.stream->reads() : 0;
  const bool drapedLines = std::any_of(g.lines.begin(), g.lines.end(), [](const OverlayPolyline& l) { return l.draped; });
  if (built_ && built_->lines == g.lines && (!drapedLines || reads == builtReads_)) {
    if (built_->markers != g.markers) built_->markers = g.markers;  // screen-space: drawn from these each frame
    if (built_->labels != g.labels) built_->labels = g.labels;
    return;
  }

  built_ = g;
  built_->rasters.clear();  // DrapedRasterPass draws those
  builtReads_ = reads;
  ++rebuilds_;
  groups_.clear();
  edgePoints_.assign(g.lines.size(), {});
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
    if (!line.edgeLabel.empty()) {
      constexpr std::size_t kEdgeSamples = 512;  // enough to find the image edge within a few pixels
      const std::size_t stride = std::max<std::size_t>(1, out.size() / kEdgeSamples);
      for (std::size_t k = 0; k < out.size(); k += stride)
        if (out[k].fade > 0) edgePoints_[groups_.size()].push_back(glm::dvec3(out[k].pos));
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
  // `ip`: where the label's point lands. A label that would cover another moves down below it.
  auto place = [&](const ImagePoint& ip, const std::string& textUtf8, glm::vec4 color, float sizePx) -> bool {
    if (!ip.inFront || textUtf8.empty()) return false;
    TextStyle style;
    style.face = FontFace::Bold;
    style.sizePx = sizePx * scale;
    style.color = color;
    std::vector<std::string_view> lines;
    for (std::size_t start = 0; start <= textUtf8.size();) {
      const std::size_t end = std::min(textUtf8.find('\n', start), textUtf8.size());
      lines.push_back(std::string_view(textUtf8).substr(start, end - start));
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
    baseline.y = std::max(baseline.y, style.sizePx + 2.0f);
    const float lineStep = style.sizePx * 1.25f;
    const glm::vec2 size(width, lineStep * static_cast<float>(lines.size()));
    auto covered = [&] { return overlaps(baseline - glm::vec2(0.0f, style.sizePx), baseline - glm::vec2(0.0f, style.sizePx) + size); };
    for (int tries = 0; tries < 8 && covered(); ++tries) baseline.y += lineStep;
    placed.push_back({baseline - glm::vec2(0.0f, style.sizePx), baseline - glm::vec2(0.0f, style.sizePx) + size});
    for (std::string_view s : lines) {
      text.addText(s, baseline, style);
      baseline.y += lineStep;
    }
    return true;
  };
  for (const OverlayLabel& l : g.labels) place(image(l.position, l.onGround), l.text, l.color, l.sizePx);
  // Edge labels: each where its line enters the image (its first vertex inside, a margin in and
  // clear of the HUD), nearest line first; one that would crowd another is dropped
  // (layoutEdgeLabels): on a low oblique view the far rows near the horizon go.
  bool anyEdgeLabel = false;
  for (const auto& pts : edgePoints_) anyEdgeLabel |= !pts.empty();
  if (!anyEdgeLabel) {
    if (!text.empty()) text.flush(ctx);
    return;
  }
  LabelLayoutOptions options;
  options.imageSize = glm::vec2(ctx.fullWidth, ctx.fullHeight);
  options.obstacles = hudLayout(ctx, text).obstacles();
  const std::vector<LabelRect> hud = options.obstacles;
  for (const auto& [lo, hi] : placed) options.obstacles.push_back({lo, hi});  // the analyses' own labels
  const float margin = 6.0f * scale;
  std::vector<EdgeLabelRequest> requests;
  std::vector<std::size_t> requestLine;
  const glm::dvec3 eye = ctx.settings.camera.eye;
  for (std::size_t i = 0; i < g.lines.size() && i < edgePoints_.size(); ++i) {
    const OverlayPolyline& line = g.lines[i];
    const float sizePx = line.edgeLabelSizePx * scale;
    for (const glm::dvec3& p : edgePoints_[i]) {
      const glm::dvec3 shown(p.x, p.y, p.z * ex);
      const ImagePoint ip = projectToImage(ctx, shown);
      const glm::vec2 px(ip.px);
      if (!ip.inFront || px.x < margin || px.y < margin || px.x > ctx.fullWidth - margin ||
          px.y > ctx.fullHeight - margin)
        continue;
      const LabelRect near{px - glm::vec2(sizePx), px + glm::vec2(sizePx)};
      if (std::any_of(hud.begin(), hud.end(), [&](const LabelRect& r) { return r.overlaps(near); })) continue;
      const glm::vec2 size(text.measure(line.edgeLabel, FontFace::Bold, sizePx).width, sizePx * 1.25f);
      requests.push_back({px, size, glm::length(shown - eye)});
      requestLine.push_back(i);
      break;
    }
  }
  // Apart by half a label's height: touching labels read as one ("14N21N").
  options.margin = 0.5f * 12.0f * scale;
  const std::vector<LabelPlacement> laid = layoutEdgeLabels(requests, options);
  std::vector<DrawnEdgeLabel> drawn;
  for (std::size_t k = 0; k < laid.size(); ++k) {
    if (!laid[k].placed) continue;
    const OverlayPolyline& line = g.lines[requestLine[k]];
    TextStyle style;
    style.face = FontFace::Bold;
    style.sizePx = line.edgeLabelSizePx * scale;
    style.color = line.color;
    style.color.a = 1.0f;  // the line may be translucent; its label must read
    text.addText(line.edgeLabel, laid[k].box.min + glm::vec2(0.0f, style.sizePx), style);
    drawn.push_back({line.edgeLabel, laid[k].box});
  }
  if (drawn != edgeLabelsDrawn_) {
    // For tests and the log: which grid labels a view shows, and where.
    std::string where;
    for (const DrawnEdgeLabel& d : drawn)
      where += fmt::format(" {}@{:.0f},{:.0f},{:.0f},{:.0f}", d.text, d.box.min.x, d.box.min.y, d.box.max.x, d.box.max.y);
    log::debug("overlay: {} of {} grid labels drawn:{}", drawn.size(), requests.size(), where);
    edgeLabelsDrawn_ = std::move(drawn);
  }
  if (!text.empty()) text.flush(ctx);
}

}  // namespace tb::render
