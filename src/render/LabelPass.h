// Site labels in screen space: for each pin its name and a small honesty line ("given ±60 m"),
// for each area its name and "area, approximate" at the outline's middle. Drawn above the pin
// head without depth test (never sinks into terrain), placed by LabelLayout so labels do not
// overlap each other or the HUD; hidden when the anchor is behind the camera or off-image.
#pragma once
#include <string>
#include <vector>

#include <glm/glm.hpp>

#include "render/LabelLayout.h"
#include "render/RenderPass.h"
#include "world/World.h"

namespace tb::render {

struct FrameContext;
class TextRenderer;

std::string honestyLine(const scene::Site& site);  // "given ±60 m", "area, approximate"

// One label of the frame, laid out in whole-image pixels.
struct SiteLabel {
  const scene::Site* site = nullptr;
  std::string title, detail;
  glm::vec2 anchor{0.0f};  // pin head centre / the point of an area its label names (px)
  float anchorRadius = 0;  // pin head radius (the leader line stops there)
  LabelPlacement placement;
  bool dimmed = false;
};
// Whole-image label layout for the frame (identical for every tile).
std::vector<SiteLabel> layoutSiteLabels(const FrameContext& ctx, TextRenderer& text);

class LabelPass final : public RenderPass {
 public:
  // Labels come from the frame (ctx.world), so it keeps only the text renderer.
  explicit LabelPass(PassResources& resources);
  const char* name() const override { return "labels"; }
  void draw(const FrameContext& ctx) override;

 private:
  TextRenderer& text_;
};

}  // namespace tb::render
