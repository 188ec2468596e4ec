// Site labels (see LabelPass.h).
#include "render/LabelPass.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "render/FrameContext.h"
#include "render/HudPass.h"
#include "render/OverlayProjection.h"
#include "render/SiteMarkerPass.h"
#include "render/TextRenderer.h"

namespace tb::render {
namespace {

struct LabelSizes {
  float title, detail, padX, padY, gap;
};

LabelSizes labelSizes(const FrameContext& ctx) {
  const float ui = overlayScale(ctx);
  return {std::max(10.0f, 14.0f * ui), std::max(8.0f, 11.0f * ui), std::max(3.0f, 6.0f * ui),
          std::max(2.0f, 4.0f * ui), std::max(2.0f, 4.0f * ui)};
}

int priorityOf(const FrameContext& ctx, const scene::Site& site, const SiteEmphasis& em) {
  if (em.selected) return 50;
  if (em.dimmed) return 0;
  if (!ctx.settings.highlightSites.empty()) return 40;  // in the highlight list
  switch (site.honesty) {
    case scene::Honesty::Given: return 30;
    case scene::Honesty::Derived: return 25;
    default: return 10;
  }
}

bool onImage(const FrameContext& ctx, const ImagePoint& p) {
  return p.inFront && p.px.x >= 0 && p.px.y >= 0 && p.px.x < ctx.fullWidth && p.px.y < ctx.fullHeight;
}

// Points of an area's outline to label, on the image, best first: the middle of its longest part,
// then alternately further toward either end (any point of the outline names the area).
std::vector<ImagePoint> areaAnchors(const FrameContext& ctx, const world::PlacedSite& s) {
  const auto& part = *std::max_element(s.outline.begin(), s.outline.end(),
                                       [](const auto& a, const auto& b) { return a.size() < b.size(); });
  if (part.size() < 2) return {};
  std::vector<double> cum(1, 0.0);
  for (std::size_t i = 1; i < part.size(); ++i) cum.push_back(cum.back() + glm::length(part[i] - part[i - 1]));
  const double total = cum.back();
  if (total <= 0) return {};
  auto pointAt = [&](double along) {
    const std::size_t i = std::min<std::size_t>(
        part.size() - 1, std::max<std::size_t>(1, std::lower_bound(cum.begin(), cum.end(), along) - cum.begin()));
    const double seg = cum[i] - cum[i - 1];
    const double t = seg > 0 ? (along - cum[i - 1]) / seg : 0.0;
    const glm::dvec2 xy = glm::mix(part[i - 1], part[i], t);
    const double z = ctx.world.heights.width() ? std::max(0.0, ctx.world.heights.sample(xy)) : 0.0;
    return projectToImage(ctx, pulledTowardEye(ctx, {xy, z * ctx.settings.exaggeration}, kOverlayDepthPull));
  };
  std::vector<ImagePoint> points;
  const int steps = 10;
  for (int k = 0; k <= steps; ++k) {
    for (int sign : {1, -1}) {
      const ImagePoint p = pointAt(total * (0.5 + sign * 0.5 * k / (steps + 1)));
      if (onImage(ctx, p)) points.push_back(p);
      if (k == 0) break;
    }
  }
  return points;
}

}  // namespace

std::string honestyLine(const scene::Site& site) {
  if (site.honesty == scene::Honesty::Area) return "area, approximate";
  std::string s = scene::honestyName(site.honesty);
  if (site.precisionM) {
    const double p = *site.precisionM;
    s += p >= 1000.0 ? fmt::format(" \u00b1{:g} km", std::round(p / 100.0) / 10.0)
                     : fmt::format(" \u00b1{:g} m", std::round(p));
  }
  return s;
}

std::vector<SiteLabel> layoutSiteLabels(const FrameContext& ctx, TextRenderer& text) {
  const LabelSizes sz = labelSizes(ctx);
  std::vector<SiteLabel> labels;
  std::vector<LabelRequest> requests;
  std::vector<LabelRect> pinMarks;  // heads and stems
  for (const world::PlacedSite& s : ctx.world.sites) {
    const bool pinned = isPinned(s), area = isArea(s);
    if (!pinned && !area) continue;
    const SiteEmphasis em = siteEmphasis(ctx, *s.site);
    SiteLabel label;
    label.site = s.site;
    label.title = s.site->name;
    label.detail = honestyLine(*s.site);
    label.dimmed = em.dimmed;
    LabelRequest req;
    if (pinned) {
      const PinGeometry pin = pinGeometry(ctx, *s.anchor, em.selected);
      if (!pin.visible || !onImage(ctx, pin.base)) continue;
      // A pin whose head is behind a ridge is hidden by the depth test; so is its label (a label
      // floating over a mountain would point at nothing). The head is drawn at the anchor's depth.
      const glm::dvec3 anchorRender(s.anchor->x, s.anchor->y, s.anchor->z * ctx.settings.exaggeration);
      const double anchorDistance = glm::length(anchorRender - ctx.settings.camera.eye);
      if (terrainHidesAlongPixel(ctx, pin.head.px, anchorDistance * (1.0 - 4.0 * kOverlayDepthPull))) continue;
      label.anchor = glm::vec2(pin.head.px);
      label.anchorRadius = static_cast<float>(pin.radiusPx);
      req.gap = label.anchorRadius + sz.gap;
      pinMarks.push_back({label.anchor - glm::vec2(label.anchorRadius), label.anchor + glm::vec2(label.anchorRadius)});
      // The stem too: a label lying across another site's stem reads as that site's label.
      const float stemHalf = std::max(1.5f, 2.0f * overlayScale(ctx));
      pinMarks.push_back({glm::vec2(pin.base.px.x - stemHalf, label.anchor.y),
                          glm::vec2(pin.base.px.x + stemHalf, static_cast<float>(pin.base.px.y))});
    } else {
      const std::vector<ImagePoint> points = areaAnchors(ctx, s);
      if (points.empty()) continue;
      label.anchor = glm::vec2(points.front().px);
      for (std::size_t k = 1; k < points.size(); ++k) req.otherAnchors.push_back(glm::vec2(points[k].px));
      req.gap = sz.gap * 2.0f;
    }
    const TextMetrics t = text.measure(label.title, FontFace::Bold, sz.title);
    const TextMetrics d = text.measure(label.detail, FontFace::Regular, sz.detail);
    req.anchor = label.anchor;
    req.size = glm::ceil(glm::vec2(std::max(t.width, d.width) + 2 * sz.padX, t.height() + d.height() + 2 * sz.padY));
    req.priority = priorityOf(ctx, *s.site, em);
    labels.push_back(std::move(label));
    requests.push_back(req);
  }
  LabelLayoutOptions options;
  options.imageSize = {static_cast<float>(ctx.fullWidth), static_cast<float>(ctx.fullHeight)};
  options.margin = std::max(1.0f, 2.0f * overlayScale(ctx));
  options.leaderStep = sz.title * 1.6f;
  options.obstacles = hudLayout(ctx, text).obstacles();
  options.obstacles.insert(options.obstacles.end(), pinMarks.begin(), pinMarks.end());
  const std::vector<LabelPlacement> placed = layoutLabels(requests, options);
  for (std::size_t i = 0; i < labels.size(); ++i) {
    labels[i].placement = placed[i];
    if (placed[i].placed) labels[i].anchor = placed[i].anchor;  // an area's label may name another point of it
  }
  return labels;
}

LabelPass::LabelPass(PassResources& resources) : text_(resources.text) {}

void LabelPass::draw(const FrameContext& ctx) {
  if (!ctx.settings.labels) return;
  const LabelSizes sz = labelSizes(ctx);
  const std::vector<SiteLabel> labels = layoutSiteLabels(ctx, text_);
  for (const SiteLabel& l : labels) {
    if (!l.placement.placed) continue;
    const float fade = l.dimmed ? 0.5f : 1.0f;
    const LabelRect& box = l.placement.box;
    if (l.placement.leader) {
      // From the box's nearest point to the rim of the pin head (or to an area's anchor point).
      const glm::vec2 from = glm::clamp(l.anchor, box.min, box.max);
      const glm::vec2 away = l.anchor - from;
      const float length = glm::length(away);
      const glm::vec2 to = length > l.anchorRadius ? l.anchor - away * (l.anchorRadius / length) : l.anchor;
      text_.addLine(from, to, std::max(1.0f, 1.5f * overlayScale(ctx)) + 2.0f, glm::vec4(0.0f, 0.0f, 0.0f, 0.6f * fade));
      text_.addLine(from, to, std::max(1.0f, 1.5f * overlayScale(ctx)), glm::vec4(0.95f, 0.95f, 0.95f, fade));
    }
    text_.addRect(box.min, box.max, glm::vec4(0.03f, 0.04f, 0.06f, 0.55f * fade));
    const TextMetrics t = text_.measure(l.title, FontFace::Bold, sz.title);
    const TextMetrics d = text_.measure(l.detail, FontFace::Regular, sz.detail);
    const float cx = (box.min.x + box.max.x) * 0.5f;
    TextStyle title;
    title.face = FontFace::Bold;
    title.sizePx = sz.title;
    title.color = glm::vec4(1.0f, 1.0f, 1.0f, fade);
    title.halo.a *= fade;
    TextStyle detail = title;
    detail.face = FontFace::Regular;
    detail.sizePx = sz.detail;
    detail.color = glm::vec4(0.86f, 0.88f, 0.9f, fade);
    text_.addText(l.title, {cx - t.width * 0.5f, box.min.y + sz.padY + t.ascent}, title);
    text_.addText(l.detail, {cx - d.width * 0.5f, box.min.y + sz.padY + t.height() + d.ascent}, detail);
  }
  text_.flush(ctx);
}

}  // namespace tb::render
