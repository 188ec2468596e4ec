// Scale bar, north arrow, direction notes and the synthetic-data stamp (see HudPass.h).
#include "render/HudPass.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "render/CaptionPass.h"
#include "render/FrameContext.h"
#include "render/OverlayProjection.h"
#include "render/SiteMarkerPass.h"
#include "render/TextRenderer.h"

namespace tb::render {

// [SECTION] Pure maths

ScaleBarChoice chooseScaleBar(double metresPerPixel, double imageWidthPx, double maxFraction) {
  ScaleBarChoice out;
  if (!(metresPerPixel > 0) || !(imageWidthPx > 0)) return out;
  const double maxMetres = imageWidthPx * maxFraction * metresPerPixel;
  const double decade = std::pow(10.0, std::floor(std::log10(maxMetres)));
  for (double m : {5.0, 2.0, 1.0}) {
    if (m * decade <= maxMetres * (1.0 + 1e-9)) {
      out.metres = m * decade;
      break;
    }
  }
  out.pixels = out.metres / metresPerPixel;
  out.text = out.metres >= 1000.0 ? fmt::format("{:g} km", out.metres / 1000.0) : fmt::format("{:g} m", out.metres);
  return out;
}

std::string compassPoint(double bearingDeg) {
  static const char* kPoints[8] = {"N", "NE", "E", "SE", "S", "SW", "W", "NW"};
  const double b = std::fmod(std::fmod(bearingDeg, 360.0) + 360.0, 360.0);
  return kPoints[static_cast<int>(std::floor((b + 22.5) / 45.0)) % 8];
}

std::string directionNoteText(const scene::Site& site) {
  std::string s = site.name + " \u2014 ";
  if (site.distanceKm) s += fmt::format("{:g} km ", *site.distanceKm);
  s += compassPoint(site.directionDeg.value_or(0.0));
  if (!site.directionFrom.empty()) s += " of " + site.directionFrom;
  return s;
}

std::vector<LabelRect> HudLayout::obstacles() const {
  std::vector<LabelRect> out;
  if (stamp) out.push_back(stampBox);
  if (captionBand) out.push_back(captionBandBox);
  if (scaleBar) out.push_back(scaleBox);
  if (northArrow) out.push_back(northBox);
  for (const DirectionNote& n : notes) out.push_back(n.box);
  return out;
}

// [SECTION] Layout

namespace {

constexpr const char* kNoteSecondLine = "direction only: position not given";

float clampSize(float wanted, float minimum) { return std::max(minimum, wanted); }

// The screen direction of a grid bearing at the ground point `g`; falls back to the camera heading
// when the ground is not in view.
glm::vec2 screenDirection(const FrameContext& ctx, const std::optional<glm::dvec3>& g, double gridBearingDeg) {
  const double b = glm::radians(gridBearingDeg);
  if (g) {
    const double d = std::max(1.0, metresPerPixelAt(ctx, *g) * 40.0);
    const ImagePoint p0 = projectToImage(ctx, *g);
    const ImagePoint p1 = projectToImage(ctx, *g + glm::dvec3(std::sin(b), std::cos(b), 0.0) * d);
    if (p0.inFront && p1.inFront) {
      const glm::dvec2 v = p1.px - p0.px;
      if (glm::length(v) > 1e-6) return glm::vec2(glm::normalize(v));
    }
  }
  const double rel = b - glm::radians(ctx.settings.camera.headingDeg);
  return {static_cast<float>(std::sin(rel)), static_cast<float>(-std::cos(rel))};
}

float textSize(const FrameContext& ctx, float base, float minimum) { return clampSize(base * overlayScale(ctx), minimum); }

}  // namespace

HudLayout hudLayout(const FrameContext& ctx, TextRenderer& text) {
  HudLayout h;
  const float W = static_cast<float>(ctx.fullWidth);
  float H = static_cast<float>(ctx.fullHeight);
  // The lower third (CaptionPass) owns the bottom band: everything below lays out above it.
  if (ctx.settings.caption) {
    const CaptionLayout band = captionLayout(ctx, text, *ctx.settings.caption);
    h.captionBand = band.visible;
    h.captionBandBox = band.band;
    if (band.visible) H = band.band.min.y;
  }
  const float ui = overlayScale(ctx);
  const float margin = std::max(4.0f, 14.0f * ui);

  // Stamp: bold, top centre, shrunk to fit narrow frames.
  h.stamp = ctx.world.anySynthetic();
  if (h.stamp) {
    float size = clampSize(17.0f * ctx.uiScale, 10.0f);
    float w = text.measure(kSyntheticStamp, FontFace::Bold, size).width;
    const float maxW = W * 0.94f - size;
    if (w > maxW && w > 0) {
      size = std::max(6.0f, std::floor(size * maxW / w));
      w = text.measure(kSyntheticStamp, FontFace::Bold, size).width;
    }
    const float padX = std::round(size * 0.5f), bh = std::round(size * 1.55f);
    const float bw = std::round(w + 2 * padX);
    const float x0 = std::round((W - bw) * 0.5f);
    h.stampBox = {{x0, 0.0f}, {x0 + bw, bh}};
    h.stampSizePx = size;
    h.stampBaseline = {x0 + padX, std::round(bh * 0.5f + size * 0.36f)};
  }

  const auto ground = groundUnderPixel(ctx, {ctx.fullWidth * 0.5, ctx.fullHeight * 0.5});
  const double trueNorth = ctx.world.trueNorthBearing(ground ? glm::dvec2(*ground) : glm::dvec2(0.0));

  if (ctx.settings.decorations) {
    // Scale bar, bottom left.
    const double mpp = metresPerPixelAtCentre(ctx);
    h.scale = chooseScaleBar(mpp, W, 0.2);
    h.scaleBar = h.scale.metres > 0 && h.scale.pixels >= 8.0;
    if (h.scaleBar) {
      const float size = textSize(ctx, 13.0f, 9.0f);
      const float barH = std::max(3.0f, 6.0f * ui), pad = std::max(3.0f, 6.0f * ui);
      const TextMetrics m = text.measure(h.scale.text, FontFace::Bold, size);
      const float bw = std::max(static_cast<float>(h.scale.pixels), m.width) + 2 * pad;
      const float bh = m.ascent + m.descent + barH + 3 * pad;
      h.scaleBox = {{margin, H - margin - bh}, {margin + bw, H - margin}};
      h.scaleOrigin = {std::round(margin + pad), std::round(H - margin - pad - barH)};
    }
    // North arrow, top right (below the stamp when they would meet).
    h.northRadius = std::max(11.0f, 26.0f * ui);
    const float r = h.northRadius;
    glm::vec2 c(W - margin - r, margin + r);
    if (h.stamp && h.stampBox.max.x > c.x - r - margin) c.y = h.stampBox.max.y + margin * 0.5f + r;
    h.northArrow = c.y + r < H && c.x - r > 0;
    h.northCentre = glm::round(c);
    h.northDir = screenDirection(ctx, ground, trueNorth);
    h.northBox = {c - glm::vec2(r), c + glm::vec2(r)};
  }

  // Direction notes: an arrow at the image edge in the bearing's direction, text inward of it.
  std::vector<LabelRect> pinHeads;
  for (const world::PlacedSite& ps : ctx.world.sites) {
    if (!ctx.settings.labels || !isPinned(ps)) continue;
    const PinGeometry pin = pinGeometry(ctx, *ps.anchor, siteEmphasis(ctx, *ps.site).selected);
    if (!pin.visible) continue;
    const glm::vec2 c(pin.head.px), r(static_cast<float>(pin.radiusPx) + 2.0f);
    pinHeads.push_back({c - r, glm::vec2(c.x + r.x, static_cast<float>(pin.base.px.y) + r.y)});
  }
  // They are site annotations, so they follow the labels switch (the stamp never does).
  for (const world::PlacedSite& ps : ctx.world.sites) {
    if (!ctx.settings.labels) break;
    if (!ps.site || ps.site->honesty != scene::Honesty::Note || !ps.site->directionDeg) continue;
    DirectionNote note;
    note.site = ps.site;
    note.text = directionNoteText(*ps.site);
    note.dir = screenDirection(ctx, ground, *ps.site->directionDeg + trueNorth);
    const glm::vec2 c(W * 0.5f, H * 0.5f);
    const float inset = margin + std::max(2.0f, 4.0f * ui);
    float s = 1e30f;
    if (std::abs(note.dir.x) > 1e-6f) s = std::min(s, ((note.dir.x > 0 ? W - inset : inset) - c.x) / note.dir.x);
    if (std::abs(note.dir.y) > 1e-6f) s = std::min(s, ((note.dir.y > 0 ? H - inset : inset) - c.y) / note.dir.y);
    note.tip = c + note.dir * s;

    // Narrow frames: break after the name, then shrink until the box fits the width.
    const float pad = std::max(3.0f, 6.0f * ui);
    note.titleSizePx = textSize(ctx, 13.0f, 9.0f);
    note.detailSizePx = textSize(ctx, 11.0f, 8.0f);
    note.lines = {note.text};
    const auto measureBox = [&] {
      glm::vec2 b(0.0f, 2 * pad);
      for (const std::string& line : note.lines) {
        const TextMetrics m = text.measure(line, FontFace::Bold, note.titleSizePx);
        b = {std::max(b.x, m.width), b.y + m.height()};
      }
      const TextMetrics m = text.measure(kNoteSecondLine, FontFace::Regular, note.detailSizePx);
      return glm::vec2(std::max(b.x, m.width) + 2 * pad, b.y + m.height());
    };
    glm::vec2 box = measureBox();
    const float maxBoxW = W - 2.0f * margin;
    if (box.x > maxBoxW) {
      const std::size_t cut = note.text.find(" \u2014 ");
      if (cut != std::string::npos)
        note.lines = {note.text.substr(0, cut), note.text.substr(cut + std::string(" \u2014 ").size())};
      box = measureBox();
    }
    if (box.x > maxBoxW) {
      const float f = maxBoxW / box.x;
      note.titleSizePx = std::max(6.0f, std::floor(note.titleSizePx * f));
      note.detailSizePx = std::max(6.0f, std::floor(note.detailSizePx * f));
      box = measureBox();
    }
    // In a thumbnail the note would cover the view it annotates; the site list still names it.
    if (box.x * box.y > 0.1f * W * H) continue;
    const float arrowLen = std::max(10.0f, 26.0f * ui);
    // The box goes beside the arrow on the inward side of the edge the arrow points at, centred on
    // the arrow's tail along that edge; then it is kept inside the image (sliding along the edge,
    // so it never covers the arrow).
    const float headW = std::max(4.0f, 8.0f * ui);
    const glm::vec2 tail = note.tip - note.dir * (arrowLen * 1.8f);
    const glm::vec2 perp(-note.dir.y, note.dir.x);
    glm::vec2 lo = glm::min(glm::min(note.tip, tail), glm::min(tail + perp * headW, tail - perp * headW));
    glm::vec2 hi = glm::max(glm::max(note.tip, tail), glm::max(tail + perp * headW, tail - perp * headW));
    lo = glm::min(lo, note.tip - note.dir * arrowLen - glm::abs(perp) * headW);
    hi = glm::max(hi, note.tip - note.dir * arrowLen + glm::abs(perp) * headW);
    const float gap = std::max(2.0f, 4.0f * ui);
    glm::vec2 centre = tail;
    const bool horizontalEdge = std::abs(note.dir.y) * W >= std::abs(note.dir.x) * H;  // top or bottom
    if (horizontalEdge)
      centre.y = note.dir.y > 0 ? lo.y - gap - box.y * 0.5f : hi.y + gap + box.y * 0.5f;
    else
      centre.x = note.dir.x > 0 ? lo.x - gap - box.x * 0.5f : hi.x + gap + box.x * 0.5f;
    // Slide along the edge (nearest first) until the box is clear of the scale bar, the north
    // arrow, earlier notes, the stamp and every visible pin head; keep the first spot otherwise.
    std::vector<LabelRect> avoid = pinHeads;
    if (h.stamp) avoid.push_back(h.stampBox);
    if (h.scaleBar) avoid.push_back(h.scaleBox);
    if (h.northArrow) avoid.push_back(h.northBox);
    for (const DirectionNote& n : h.notes) avoid.push_back(n.box);
    const glm::vec2 tangent = horizontalEdge ? glm::vec2(1, 0) : glm::vec2(0, 1);
    const float step = std::max(4.0f, (horizontalEdge ? box.x : box.y) * 0.2f);
    const glm::vec2 lowC = box * 0.5f + glm::vec2(2.0f), highC = glm::vec2(W, H) - box * 0.5f - glm::vec2(2.0f);
    const auto boxAt = [&](glm::vec2 cc) {
      cc = glm::clamp(cc, lowC, highC);
      return LabelRect{glm::round(cc - box * 0.5f), glm::round(cc - box * 0.5f) + glm::round(box)};
    };
    note.box = boxAt(centre);
    for (int k = 0; k < 40; ++k) {
      const LabelRect candidate = boxAt(centre + tangent * (step * float((k + 1) / 2) * (k % 2 ? 1.0f : -1.0f)));
      if (std::none_of(avoid.begin(), avoid.end(), [&](const LabelRect& r) { return r.overlaps(candidate); })) {
        note.box = candidate;
        break;
      }
    }
    h.notes.push_back(std::move(note));
  }
  return h;
}

// [SECTION] Drawing

HudPass::HudPass(PassResources& resources) : text_(resources.text) {}

void HudPass::draw(const FrameContext& ctx) {
  const HudLayout h = hudLayout(ctx, text_);
  lastNorthArrow_ = h.northArrow ? std::optional<LabelRect>(h.northBox) : std::nullopt;
  const float ui = overlayScale(ctx);
  const glm::vec4 panel(0.04f, 0.05f, 0.07f, 0.62f), light(0.97f, 0.97f, 0.95f, 1.0f);
  const glm::vec4 dark(0.06f, 0.06f, 0.07f, 1.0f);
  TextStyle style;
  style.color = light;

  for (const DirectionNote& n : h.notes) {
    const float len = std::max(10.0f, 26.0f * ui), w = std::max(4.0f, 8.0f * ui);
    const glm::vec2 p(-n.dir.y, n.dir.x);
    const glm::vec2 base = n.tip - n.dir * len;
    const glm::vec4 arrow(1.0f, 0.86f, 0.4f, 1.0f);
    text_.addLine(base - n.dir * len * 0.8f, base, std::max(2.0f, 3.5f * ui) + 2.0f, dark);
    text_.addTriangle(n.tip + n.dir * 1.5f, base + p * (w + 1.5f) - n.dir * 1.0f, base - p * (w + 1.5f) - n.dir * 1.0f,
                      dark);
    text_.addLine(base - n.dir * len * 0.8f, base, std::max(2.0f, 3.5f * ui), arrow);
    text_.addTriangle(n.tip, base + p * w, base - p * w, arrow);
    text_.addRect(n.box.min, n.box.max, panel);
    const float pad = std::max(3.0f, 6.0f * ui);
    TextStyle s1 = style, s2 = style;
    s1.face = FontFace::Bold;
    s1.sizePx = n.titleSizePx;
    s2.sizePx = n.detailSizePx;
    s2.color = glm::vec4(0.85f, 0.85f, 0.82f, 1.0f);
    float y = n.box.min.y + pad;
    for (const std::string& line : n.lines) {
      const TextMetrics m = text_.measure(line, FontFace::Bold, n.titleSizePx);
      text_.addText(line, {n.box.min.x + pad, y + m.ascent}, s1);
      y += m.height();
    }
    const TextMetrics m2 = text_.measure(kNoteSecondLine, FontFace::Regular, n.detailSizePx);
    text_.addText(kNoteSecondLine, {n.box.min.x + pad, y + m2.ascent}, s2);
  }

  if (h.scaleBar) {
    const float size = textSize(ctx, 13.0f, 9.0f);
    const float barH = std::max(3.0f, 6.0f * ui), pad = std::max(3.0f, 6.0f * ui);
    const float len = std::round(static_cast<float>(h.scale.pixels));
    const glm::vec2 o = h.scaleOrigin;
    text_.addRect(h.scaleBox.min, h.scaleBox.max, panel);
    const float edge = std::max(1.0f, std::round(ui));
    text_.addRect(o - glm::vec2(edge), o + glm::vec2(len, barH) + glm::vec2(edge), dark);
    const float half = std::round(len * 0.5f);
    text_.addRect(o, o + glm::vec2(half, barH), light);
    text_.addRect(o + glm::vec2(half, 0), o + glm::vec2(len, barH), glm::vec4(0.3f, 0.3f, 0.32f, 1.0f));
    TextStyle s = style;
    s.face = FontFace::Bold;
    s.sizePx = size;
    const TextMetrics m = text_.measure(h.scale.text, FontFace::Bold, size);
    text_.addText(h.scale.text, {o.x, o.y - pad - m.descent}, s);
  }

  if (h.northArrow) {
    const glm::vec2 c = h.northCentre, d = h.northDir, p(-d.y, d.x);
    const float r = h.northRadius;
    const int segments = 40;
    for (int i = 0; i < segments; ++i) {
      const float a0 = 6.2831853f * i / segments, a1 = 6.2831853f * (i + 1) / segments;
      text_.addTriangle(c, c + r * glm::vec2(std::cos(a0), std::sin(a0)), c + r * glm::vec2(std::cos(a1), std::sin(a1)),
                        panel);
    }
    const glm::vec2 tip = c + d * (r * 0.40f), tail = c - d * (r * 0.66f);
    const float w = r * 0.21f;
    const glm::vec2 mid = c - d * (r * 0.13f);
    text_.addTriangle(tip, mid + p * w, mid - p * w, glm::vec4(0.9f, 0.25f, 0.2f, 1.0f));
    text_.addTriangle(tail, mid + p * w, mid - p * w, light);
    TextStyle s = style;
    s.face = FontFace::Bold;
    s.sizePx = std::max(8.0f, r * 0.46f);
    s.halo.a = 0.0f;  // on the dark disc already; a halo would fill the letter's gaps
    const TextMetrics m = text_.measure("N", FontFace::Bold, s.sizePx);
    const glm::vec2 at = c + d * (r * 0.70f);
    text_.addText("N", {at.x - m.width * 0.5f, at.y + s.sizePx * 0.36f}, s);
  }

  if (h.stamp) {
    text_.addRect(h.stampBox.min, h.stampBox.max, glm::vec4(0.0f, 0.0f, 0.0f, 0.66f));
    TextStyle s;
    s.face = FontFace::Bold;
    s.sizePx = h.stampSizePx;
    s.color = glm::vec4(1.0f, 0.87f, 0.45f, 1.0f);
    s.halo.a = 0.0f;  // the box already gives the contrast; a halo would blur small sizes
    text_.addText(kSyntheticStamp, h.stampBaseline, s);
  }
  text_.flush(ctx);
}

}  // namespace tb::render
