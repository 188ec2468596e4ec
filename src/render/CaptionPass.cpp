// The briefing lower third and fade (see CaptionPass.h). Layout is pure arithmetic over text
// measurements, done once per frame in whole-image pixels; drawing queues rectangles and text
// into the shared TextRenderer and flushes once.
#include "render/CaptionPass.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include <fmt/format.h>

#include "render/FrameContext.h"
#include "render/HudPass.h"
#include "render/TextRenderer.h"

namespace tb::render {

namespace {

constexpr const char* kEllipsis = "\u2026";

// Sizes designed for 1080p: the band keeps the same share of the frame at other sizes (with
// floors so thumbnails stay readable), and ctx.uiScale (HiDPI, user choice) scales on top.
struct CaptionSizes {
  float title, counter, caption;
  float pad, marginX, gap, lineHeight, progress;
};

CaptionSizes sizesFor(float f) {
  CaptionSizes s;
  s.title = std::round(std::max(10.0f, 34.0f * f));
  s.counter = std::round(std::max(8.0f, 22.0f * f));
  s.caption = std::round(std::max(8.0f, 23.0f * f));
  s.pad = std::round(std::max(3.0f, 18.0f * f));
  s.marginX = std::round(std::max(5.0f, 40.0f * f));
  s.gap = std::round(s.caption * 0.45f);
  s.lineHeight = std::round(s.caption * 1.3f);
  s.progress = std::max(2.0f, std::round(4.0f * f));
  return s;
}

std::vector<std::string> splitParagraphs(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    std::string p = text.substr(start, end - start);
    if (!p.empty() && p.back() == '\r') p.pop_back();
    if (!p.empty()) out.push_back(std::move(p));
    start = end + 1;
  }
  return out;
}

// `line` shortened at a word (or character) boundary so that line + "…" fits in maxWidthPx.
std::string withEllipsis(std::string line, float maxWidthPx, TextRenderer& text, FontFace face, float sizePx) {
  while (!line.empty() && text.measure(line + kEllipsis, face, sizePx).width > maxWidthPx) {
    const std::size_t space = line.find_last_of(' ');
    if (space != std::string::npos && space > 0) {
      line.resize(space);
    } else {
      line.pop_back();
      while (!line.empty() && (static_cast<unsigned char>(line.back()) & 0xC0) == 0x80) line.pop_back();
    }
  }
  while (!line.empty() && (line.back() == ' ' || line.back() == ',' || line.back() == ';')) line.pop_back();
  return line + kEllipsis;
}

}  // namespace

namespace {

// Lines of a greedy wrap of words (by their widths) at maxWidth: [first word, last+1) per line.
std::vector<std::pair<std::size_t, std::size_t>> greedyLines(const std::vector<float>& widths, float space,
                                                              float maxWidth) {
  std::vector<std::pair<std::size_t, std::size_t>> lines;
  std::size_t first = 0;
  float width = 0;
  for (std::size_t i = 0; i < widths.size(); ++i) {
    if (i > first && width + space + widths[i] > maxWidth) {
      lines.push_back({first, i});
      first = i;
      width = 0;
    }
    width += (i > first ? space : 0.0f) + widths[i];
  }
  if (first < widths.size()) lines.push_back({first, widths.size()});
  return lines;
}

}  // namespace

std::vector<std::string> wrapParagraph(const std::string& paragraph, float maxWidthPx, TextRenderer& text,
                                       FontFace face, float sizePx) {
  std::vector<std::string> words;
  for (std::size_t pos = 0; pos < paragraph.size();) {
    const std::size_t next = std::min(paragraph.find(' ', pos), paragraph.size());
    if (next > pos) words.push_back(paragraph.substr(pos, next - pos));
    pos = next + 1;
  }
  if (words.empty()) return {};
  std::vector<float> widths;
  float widest = 0;
  for (const std::string& w : words) {
    widths.push_back(text.measure(w, face, sizePx).width);
    widest = std::max(widest, widths.back());
  }
  float space = text.measure(" ", face, sizePx).width;
  if (space <= 0) space = sizePx * 0.32f;
  // Balanced: the narrowest width that needs no more lines than the greedy wrap at full width,
  // so a paragraph's last line is not a lone word ("only.") under a full one.
  const std::size_t count = greedyLines(widths, space, maxWidthPx).size();
  float lo = std::min(widest, maxWidthPx), hi = maxWidthPx;
  if (count > 1) {
    for (int i = 0; i < 12 && hi - lo > 1.0f; ++i) {
      const float mid = 0.5f * (lo + hi);
      (greedyLines(widths, space, mid).size() <= count ? hi : lo) = mid;
    }
  }
  std::vector<std::string> lines;
  for (const auto& [first, last] : greedyLines(widths, space, count > 1 ? hi : maxWidthPx)) {
    std::string line = words[first];
    for (std::size_t i = first + 1; i < last; ++i) line += ' ' + words[i];
    lines.push_back(std::move(line));
  }
  return lines;
}

CaptionLayout captionLayout(const FrameContext& ctx, TextRenderer& text, const CaptionContent& c) {
  CaptionLayout L;
  const bool hasText = !c.title.empty() || !c.caption.empty() || c.stepCount > 0;
  if (!c.showLowerThird || !hasText) return L;
  L.visible = true;
  const float W = static_cast<float>(ctx.fullWidth), H = static_cast<float>(ctx.fullHeight);
  const float rel = std::min(W, H) / 1080.0f;
  float f = std::max(0.1f, ctx.uiScale) * std::clamp(rel, 0.4f, 1.0f);
  const std::vector<std::string> paragraphs = splitParagraphs(c.caption);
  L.counter = c.stepCount > 0 ? fmt::format("{} / {}", c.stepIndex + 1, c.stepCount) : "";

  CaptionSizes s{};
  float bandHeight = 0;
  const float maxBand = std::max(H * 0.45f, 1.0f);
  for (int attempt = 0;; ++attempt) {
    s = sizesFor(f);
    const float textWidth = std::max(1.0f, W - 2 * s.marginX);
    L.lines.clear();
    for (const std::string& p : paragraphs)
      for (std::string& l : wrapParagraph(p, textWidth, text, FontFace::Regular, s.caption)) L.lines.push_back(std::move(l));
    const float titleBlock = c.title.empty() && L.counter.empty() ? 0.0f : s.title * 1.22f;
    bandHeight = s.progress + s.pad + titleBlock + (L.lines.empty() ? 0.0f : s.gap + L.lines.size() * s.lineHeight) +
                 s.pad;
    const bool atFloor = s.caption <= 8.0f && s.title <= 10.0f;
    if (bandHeight <= maxBand || atFloor || attempt >= 16) break;
    f *= 0.9f;
  }
  // Still too tall at the smallest legible size: keep the lines that fit, and say so with "…".
  const float textWidth = std::max(1.0f, W - 2 * s.marginX);
  while (bandHeight > maxBand && L.lines.size() > 1) {
    L.lines.pop_back();
    bandHeight -= s.lineHeight;
    L.lines.back() = withEllipsis(L.lines.back(), textWidth, text, FontFace::Regular, s.caption);
  }
  bandHeight = std::round(bandHeight);

  L.titleSizePx = s.title;
  L.counterSizePx = s.counter;
  L.captionSizePx = s.caption;
  const float top = H - bandHeight;
  L.band = {{0.0f, top}, {W, H}};
  L.progress = c.progress01 >= 0.0;
  if (L.progress) {
    const float done = static_cast<float>(std::clamp(c.progress01, 0.0, 1.0)) * W;
    L.progressTrack = {{0.0f, top}, {W, top + s.progress}};
    L.progressDone = {{0.0f, top}, {std::round(done), top + s.progress}};
  }

  float y = top + s.progress + s.pad;
  if (!c.title.empty() || !L.counter.empty()) {
    const float baseline = std::round(y + s.title * 0.95f);
    float counterWidth = 0;
    if (!L.counter.empty()) {
      counterWidth = text.measure(L.counter, FontFace::Bold, s.counter).width;
      L.counterBaseline = {std::round(W - s.marginX - counterWidth), baseline};
    }
    const float titleMax = textWidth - (counterWidth > 0 ? counterWidth + s.marginX * 0.5f : 0.0f);
    L.title = c.title;
    if (!L.title.empty() && text.measure(L.title, FontFace::Bold, s.title).width > titleMax)
      L.title = withEllipsis(L.title, titleMax, text, FontFace::Bold, s.title);
    L.titleBaseline = {s.marginX, baseline};
    y += s.title * 1.22f;
  }
  if (!L.lines.empty()) y += s.gap;
  for (std::size_t i = 0; i < L.lines.size(); ++i) {
    L.lineBaselines.push_back({s.marginX, std::round(y + s.caption * 0.98f)});
    y += s.lineHeight;
  }
  return L;
}

void CaptionPass::draw(const FrameContext& ctx) {
  if (ctx.settings.caption) draw(ctx, *ctx.settings.caption);
}

namespace {

// The previous step's lower third, for a cross-fade (same counter total and progress).
CaptionContent previousContent(const CaptionContent& c) {
  CaptionContent p = c;
  p.title = c.previousTitle;
  p.caption = c.previousCaption;
  p.stepIndex = c.stepIndex > 0 ? c.stepIndex - 1 : 0;
  p.blend = 1.0;
  return p;
}

}  // namespace

void CaptionPass::addText(const CaptionLayout& L, float alpha) {
  if (alpha <= 0.0f) return;
  // The band gives the contrast; a halo would only blur the letters.
  TextStyle title;
  title.face = FontFace::Bold;
  title.sizePx = L.titleSizePx;
  title.color.a = alpha;
  title.halo.a = 0.0f;
  if (!L.title.empty()) text_.addText(L.title, L.titleBaseline, title);
  if (!L.counter.empty()) {
    TextStyle counter = title;
    counter.sizePx = L.counterSizePx;
    counter.color = glm::vec4(1.0f, 0.87f, 0.45f, alpha);
    text_.addText(L.counter, L.counterBaseline, counter);
  }
  TextStyle body;
  body.face = FontFace::Regular;
  body.sizePx = L.captionSizePx;
  body.color = glm::vec4(0.90f, 0.92f, 0.94f, alpha);
  body.halo.a = 0.0f;
  for (std::size_t i = 0; i < L.lines.size(); ++i) text_.addText(L.lines[i], L.lineBaselines[i], body);
}

void CaptionPass::draw(const FrameContext& ctx, const CaptionContent& content) {
  const float blend = static_cast<float>(std::clamp(content.blend, 0.0, 1.0));
  const CaptionLayout L = captionLayout(ctx, text_, content);
  CaptionLayout P;
  if (blend < 1.0f) P = captionLayout(ctx, text_, previousContent(content));
  // One band under both texts: the taller of the two (it holds either one whole).
  const CaptionLayout& frame = P.visible && (!L.visible || P.band.min.y < L.band.min.y) ? P : L;
  if (frame.visible) {
    text_.addRect(frame.band.min, frame.band.max, glm::vec4(0.02f, 0.03f, 0.05f, 0.86f));
    if (frame.progress) {
      text_.addRect(frame.progressTrack.min, frame.progressTrack.max, glm::vec4(1.0f, 1.0f, 1.0f, 0.22f));
      if (frame.progressDone.max.x > frame.progressDone.min.x)
        text_.addRect(frame.progressDone.min, frame.progressDone.max, glm::vec4(1.0f, 0.78f, 0.30f, 1.0f));
    }
    if (P.visible) addText(P, 1.0f - blend);
    if (L.visible) addText(L, blend);
  }

  const float fade = static_cast<float>(std::clamp(content.fadeAlpha, 0.0, 1.0));
  if (fade > 0.0f) {
    text_.addRect({0.0f, 0.0f}, {float(ctx.fullWidth), float(ctx.fullHeight)}, glm::vec4(0.0f, 0.0f, 0.0f, fade));
    // The stamp belongs to every frame of synthetic data, black or not: redraw it above the fade.
    const HudLayout hud = hudLayout(ctx, text_);
    if (hud.stamp) {
      text_.addRect(hud.stampBox.min, hud.stampBox.max, glm::vec4(0.0f, 0.0f, 0.0f, 0.66f));
      TextStyle s;
      s.face = FontFace::Bold;
      s.sizePx = hud.stampSizePx;
      s.color = glm::vec4(1.0f, 0.87f, 0.45f, 1.0f);
      s.halo.a = 0.0f;
      text_.addText(kSyntheticStamp, hud.stampBaseline, s);
    }
  }
  if (!text_.empty()) text_.flush(ctx);
}

}  // namespace tb::render
