// What ImGui adds over the 3D view: the name of the pin under the cursor, a compass (click to
// face north), and a short notice (screenshot path, saved view, or what went wrong).
#include <imgui.h>

#include <cmath>

#include "ui/PanelParts.h"

namespace tb::ui {
namespace {

constexpr ImGuiWindowFlags kOverlayFlags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                           ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing |
                                           ImGuiWindowFlags_NoNav;

void drawCompass(const Layout& layout, const ViewerUiState& state, UiRequests& requests) {
  const float r = std::round(ImGui::GetFontSize() * 1.6f);
  const float margin = std::round(ImGui::GetFontSize() * 0.9f);
  const ImVec2 size(2 * r, 2 * r);
  ImGui::SetNextWindowPos(ImVec2(layout.viewWidth() - margin - size.x, layout.windowHeight - margin - size.y));
  ImGui::SetNextWindowSize(size);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
  if (ImGui::Begin("##compass", nullptr, kOverlayFlags | ImGuiWindowFlags_NoBackground)) {
    const ImVec2 p = ImGui::GetCursorScreenPos();
    if (ImGui::InvisibleButton("##facenorth", size)) requests.faceNorth = true;
    const bool hovered = ImGui::IsItemHovered();
    if (hovered) ImGui::SetTooltip("Click to face north");
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 c(p.x + r, p.y + r);
    dl->AddCircleFilled(c, r, IM_COL32(20, 24, 30, hovered ? 235 : 200), 32);
    dl->AddCircle(c, r - 1, IM_COL32(230, 230, 230, 200), 32, 1.5f);
    // Heading h (clockwise from true north) turns north h degrees anticlockwise on screen.
    const double a = -state.status.camera.headingDeg * M_PI / 180.0;
    const ImVec2 up(static_cast<float>(std::sin(a)), static_cast<float>(-std::cos(a)));
    const ImVec2 side(-up.y, up.x);
    const float len = r * 0.62f, w = r * 0.22f;
    const ImVec2 tip(c.x + up.x * len, c.y + up.y * len), tail(c.x - up.x * len, c.y - up.y * len);
    const ImVec2 l(c.x + side.x * w, c.y + side.y * w), rr(c.x - side.x * w, c.y - side.y * w);
    dl->AddTriangleFilled(tip, l, rr, IM_COL32(220, 60, 50, 255));
    dl->AddTriangleFilled(tail, rr, l, IM_COL32(235, 235, 235, 255));
  }
  ImGui::End();
  ImGui::PopStyleVar();
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
  drawCompass(layout, state, requests);
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
}

}  // namespace tb::ui
