// The briefing's lower third, drawn over a finished frame in whole-image pixels (so tiled
// renders agree): a dark band across the bottom with the step title, a step counter ("3 / 9"),
// the caption wrapped to the width, and a thin progress line on the band's top edge; then the
// fade-to-black, with the synthetic-data stamp redrawn above it so it never disappears.
// Used by SceneRenderer (FrameSettings::caption) for stills and video, and by presenter mode.
#pragma once
#include <string>
#include <vector>

#include <glm/glm.hpp>

#include "render/CaptionContent.h"
#include "render/GlyphAtlas.h"
#include "render/LabelLayout.h"
#include "render/RenderPass.h"

namespace tb::render {

struct FrameContext;
class TextRenderer;

struct CaptionLayout {
  bool visible = false;  // false: nothing but (maybe) the fade
  LabelRect band;        // the dark band, full width, down to the image bottom
  float titleSizePx = 0, captionSizePx = 0, counterSizePx = 0;
  glm::vec2 titleBaseline{0.0f};
  std::string title;     // shortened with "…" when wider than the band
  std::string counter;   // "3 / 9" or empty
  glm::vec2 counterBaseline{0.0f};  // right-aligned at the band's right padding
  std::vector<std::string> lines;   // the caption as wrapped (cut with "…" when too many)
  std::vector<glm::vec2> lineBaselines;
  bool progress = false;
  LabelRect progressTrack, progressDone;  // the thin line: whole width, and the part done
};

// Word wrap of one paragraph into lines no wider than maxWidthPx (a word wider than that gets a
// line of its own), as few lines as a greedy wrap but balanced in length. Exposed for tests.
std::vector<std::string> wrapParagraph(const std::string& paragraph, float maxWidthPx, TextRenderer& text,
                                       FontFace face, float sizePx);

// The whole-image layout (identical for every tile). Sizes follow ctx.uiScale and the frame
// size, shrinking so the band never takes more than about 45% of the image height.
CaptionLayout captionLayout(const FrameContext& ctx, TextRenderer& text, const CaptionContent& content);

class CaptionPass final : public RenderPass {
 public:
  explicit CaptionPass(TextRenderer& text) : text_(text) {}
  const char* name() const override { return "caption"; }
  // The frame's caption (FrameSettings::caption), when it has one.
  void draw(const FrameContext& ctx) override;
  // Draws into the bound framebuffer (the tile described by ctx); leaves GL state as it was.
  // A cross-fade (content.blend < 1) draws both steps' text over one band.
  void draw(const FrameContext& ctx, const CaptionContent& content);

 private:
  void addText(const CaptionLayout& layout, float alpha);  // title, counter and caption lines
  TextRenderer& text_;
};

}  // namespace tb::render
