// The frame, pass by pass, in drawing order. Adding a pass: its class, and one line here.
#include "render/CaptionPass.h"
#include "render/DrapedRasterPass.h"
#include "render/HudPass.h"
#include "render/LabelPass.h"
#include "render/OverlayGeometryPass.h"
#include "render/RenderPass.h"
#include "render/SiteMarkerPass.h"
#include "render/TerrainPass.h"
#include "render/VectorOverlayPass.h"

namespace tb::render {

std::vector<std::unique_ptr<RenderPass>> makePasses(PassResources& r) {
  std::vector<std::unique_ptr<RenderPass>> passes;
  passes.push_back(std::make_unique<TerrainPass>(r));          // every pixel: terrain, sea, fog, sky
  passes.push_back(std::make_unique<DrapedRasterPass>(r));     // viewsheds, through the terrain's depth
  passes.push_back(std::make_unique<VectorOverlayPass>(r));    // the scene's vector overlays
  passes.push_back(std::make_unique<OverlayGeometryPass>(r));  // the caller's per-frame geometry
  passes.push_back(std::make_unique<OverlayGeometryPass>(r, &FrameSettings::liveOverlay));  // and its rubber band
  passes.push_back(std::make_unique<SiteMarkerPass>(r));       // pins and area outlines
  passes.push_back(std::make_unique<LabelPass>(r));            // site labels (avoid the HUD)
  passes.push_back(std::make_unique<HudPass>(r));              // stamp, scale bar, north arrow
  passes.push_back(std::make_unique<CaptionPass>(r.text));     // a briefing's lower third, last
  return passes;
}

}  // namespace tb::render
