// What ImGui adds over the 3D view: the name of the pin under the cursor, the compass's tooltip
// (the compass itself is the renderer's north arrow), and a short notice (screenshot path, saved
// view, or what went wrong).
#include <imgui.h>

#include <cmath>

#include "ui/PanelParts.h"

namespace tb::ui {
namespace {

constexpr ImGuiWindowFlags kOverlayFlags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                           ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing |
                                           ImGuiWindowFlags_NoNav;

// The compass is the renderer's north arrow (drawn into every frame, screenshots too); the
// viewer turns a click on it into a flight to face north. Here only its hover feedback.
void drawCompassHover(const ViewerUiState& state) {
  if (!state.compass || ImGui::GetIO().WantCaptureMouse) return;
  const ImVec2 m = ImGui::GetIO().MousePos;
  if (!state.compass->contains({m.x, m.y})) return;
  ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
  ImGui::SetTooltip("Click to face north");
}

void drawNotice(const Layout& layout, const ViewerUiState& state, double now) {
  if (state.notice.empty() || (state.noticeUntil > 0 && now > state.noticeUntil)) return;
  const float margin = std::round(ImGui::GetFontSize() * 0.9f);
  ImGui::SetNextWindowPos(ImVec2(layout.viewWidth() * 0.5f, layout.windowHeight - margin), ImGuiCond_Always,
                          ImVec2(0.5f, 1.0f));
  ImGui::SetNextWindowSizeConstraints(ImVec2(0, 0), ImVec2(layout.viewWidth() * 0.7f, layout.viewHeight() * 0.5f));
  ImGui::SetNextWindowBgAlpha(0.92f);
  if (ImGui::Begin("##notice", nullptr, kOverlayFlags | ImGuiWindowFlags_AlwaysAutoResize)) {
    ImGui::PushTextWrapPos(layout.viewWidth() * 0.65f);
    if (state.noticeIsError)
      ImGui::TextColored(ImVec4(1.0f, 0.55f, 0.5f, 1.0f), "%s", state.notice.c_str());
    else
      ImGui::TextUnformatted(state.notice.c_str());
    ImGui::PopTextWrapPos();
  }
  ImGui::End();
}

}  // namespace

void drawViewOverlay(const world::World& world, const Layout& layout, ViewerUiState& state,
                     const std::vector<PinOnScreen>& pins, UiRequests& requests, double nowSeconds) {
  drawCompassHover(state);
  drawNotice(layout, state, nowSeconds);
  if (state.hoveredSite >= 0 && state.hoveredSite < static_cast<int>(world.sites.size()) &&
      !ImGui::GetIO().WantCaptureMouse) {
    const scene::Site& site = *world.sites[static_cast<std::size_t>(state.hoveredSite)].site;
    ImGui::BeginTooltip();
    ImGui::TextUnformatted(site.name.c_str());
    ImGui::TextDisabled("%s  ·  click to select", categoryLabel(world, site.category).c_str());
    ImGui::EndTooltip();
  }
  (void)pins;
  (void)requests;
}

}  // namespace tb::ui
