// The Views section: the scene's saved views (click to fly), a typed lat/lon to fly to, and
// "save current view" into the scene's views file.
#include <fmt/format.h>
#include <imgui.h>
#include <imgui_stdlib.h>

#include <filesystem>

#include "analysis/Coordinates.h"
#include "ui/CoordinateText.h"
#include "ui/PanelParts.h"

namespace tb::ui {

void drawViewsSection(const world::World& world, ViewerUiState& state, UiRequests& requests) {
  for (int i = 0; i < static_cast<int>(state.views.size()); ++i) {
    ImGui::PushID(i);
    if (ImGui::Selectable(state.views[static_cast<std::size_t>(i)].name.c_str())) requests.flyToView = i;
    ImGui::PopID();
  }
  if (state.views.empty()) ImGui::TextDisabled("The scene has no saved views.");

  ImGui::Spacing();
  ImGui::TextDisabled("Fly to a position (degrees, DMS, UTM or MGRS)");
  ImGui::SetNextItemWidth(-ImGui::GetFontSize() * 3);
  const bool entered = ImGui::InputTextWithHint("##goto", "41.60, 129.62", &state.gotoText,
                                                ImGuiInputTextFlags_EnterReturnsTrue);
  ImGui::SameLine();
  if (ImGui::Button("Go") || entered) {
    const analysis::CoordinateParse parsed = analysis::parseCoordinate(state.gotoText);
    if (parsed.value)
      requests.gotoLonLat = parsed.value->lonLat;
    else {
      state.notice = fmt::format("{} (e.g. 41.60, 129.62 or 52T EL 50000 03000)", parsed.error);
      state.noticeIsError = true;
      state.noticeUntil = 0;  // the viewer sets the expiry
    }
  }

  ImGui::Spacing();
  ImGui::TextDisabled("Save the current view");
  ImGui::SetNextItemWidth(-ImGui::GetFontSize() * 3.5f);
  const bool save = ImGui::InputText("##viewname", &state.newViewName, ImGuiInputTextFlags_EnterReturnsTrue);
  ImGui::SameLine();
  ImGui::BeginDisabled(world.scene.viewsPath.empty());
  if ((ImGui::Button("Save") || save) && !state.newViewName.empty()) requests.saveView = state.newViewName;
  ImGui::EndDisabled();
  if (world.scene.viewsPath.empty())
    ImGui::TextDisabled("This scene names no views file.");
  else
    ImGui::TextDisabled("into %s", std::filesystem::path(world.scene.viewsPath).filename().c_str());
}

}  // namespace tb::ui
