// The frame's decorations in screen space: scale bar and north arrow (FrameSettings::decorations),
// direction notes for sites that have a bearing but no position (an arrow at the image edge, never
// a pin), and the "SYNTHETIC TERRAIN AND IMAGERY — not real data" stamp in every frame that shows
// synthetic data (never hidden). hudLayout() is shared with LabelPass so labels avoid the HUD.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include <glm/glm.hpp>

#include "render/LabelLayout.h"
#include "render/RenderPass.h"
#include "world/World.h"

namespace tb::render {

struct FrameContext;
class TextRenderer;

inline constexpr const char* kSyntheticStamp = "SYNTHETIC TERRAIN AND IMAGERY \u2014 not real data";

// A round scale-bar length (1, 2 or 5 x 10^n metres) no longer than maxFraction of the image width.
struct ScaleBarChoice {
  double metres = 0;
  double pixels = 0;
  std::string text;  // "500 m", "2 km"
};
ScaleBarChoice chooseScaleBar(double metresPerPixel, double imageWidthPx, double maxFraction = 0.2);
std::string compassPoint(double bearingDeg);  // "N", "NE", ... "NW"
// "Orang Airbase — 17 km S of Kyongsong" (drawn with a second line "position not given")
std::string directionNoteText(const scene::Site& site);

struct DirectionNote {
  const scene::Site* site = nullptr;
  std::string text;                // directionNoteText()
  std::vector<std::string> lines;  // bold lines as drawn (text, wrapped at " — " when too wide)
  float titleSizePx = 0, detailSizePx = 0;
  glm::vec2 tip{0.0f};  // arrow tip at the image edge (px)
  glm::vec2 dir{0.0f};  // unit screen direction of the bearing
  LabelRect box;        // text box
};

struct HudLayout {
  // A briefing's lower third (FrameSettings::caption): the HUD lays out above it, labels avoid it.
  bool captionBand = false;
  LabelRect captionBandBox;
  // Stamp (present when the world shows synthetic data).
  bool stamp = false;
  LabelRect stampBox;
  float stampSizePx = 0;
  glm::vec2 stampBaseline{0.0f};
  // Scale bar + north arrow (when decorations are on and the ground is visible).
  bool scaleBar = false;
  ScaleBarChoice scale;
  LabelRect scaleBox;
  glm::vec2 scaleOrigin{0.0f};  // left end of the bar (px)
  bool northArrow = false;
  glm::vec2 northCentre{0.0f};
  glm::vec2 northDir{0.0f, -1.0f};  // unit, screen direction of true north
  float northRadius = 0;
  LabelRect northBox;
  std::vector<DirectionNote> notes;

  std::vector<LabelRect> obstacles() const;
};

// The whole-image layout of the HUD (identical for every tile of a frame).
HudLayout hudLayout(const FrameContext& ctx, TextRenderer& text);

class HudPass final : public RenderPass {
 public:
  // Everything it shows comes from the frame (ctx.world), so it keeps only the text renderer.
  explicit HudPass(PassResources& resources);
  const char* name() const override { return "hud"; }
  void draw(const FrameContext& ctx) override;
  // The north arrow's box in the last frame drawn (whole-image pixels, y down), when it was shown:
  // the viewer makes the arrow its compass (a click there turns to face north).
  const std::optional<LabelRect>& lastNorthArrow() const { return lastNorthArrow_; }

 private:
  TextRenderer& text_;
  std::optional<LabelRect> lastNorthArrow_;
};

}  // namespace tb::render
