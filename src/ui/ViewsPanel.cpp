// The Views section: the saved views (click to fly; rename or delete the selected one), a typed
// lat/lon to fly to, "save current view", and Save views into the scene's views file. The views
// are the session's document: every change is a request the viewer runs as an undoable command.
#include <fmt/format.h>
#include <imgui.h>
#include <imgui_stdlib.h>

#include <filesystem>

#include "analysis/Coordinates.h"
#include "core/Log.h"
#include "ui/CoordinateText.h"
#include "ui/PanelParts.h"

namespace tb::ui {

void drawViewsSection(const world::World& world, ViewerUiState& state, UiRequests& requests) {
  static const std::vector<scene::ViewSpec> kNone;
  const session::ViewsDocument* doc = state.documents ? &state.documents->views : nullptr;
  const std::vector<scene::ViewSpec>& views = doc ? doc->views : kNone;
  const int n = static_cast<int>(views.size());
  if (state.selectedView >= n) state.selectedView = -1;
  for (int i = 0; i < n; ++i) {
    ImGui::PushID(i);
    const std::string& name = views[static_cast<std::size_t>(i)].name;
    if (ImGui::Selectable(name.c_str(), i == state.selectedView)) {
      requests.flyToView = i;
      state.selectedView = i;
      state.renameViewText = name;
    }
    logItemPosition("view", name);
    ImGui::PopID();
  }
  if (views.empty()) ImGui::TextDisabled("The scene has no saved views.");
  if (state.selectedView >= 0) {
    const std::string& name = views[static_cast<std::size_t>(state.selectedView)].name;
    if (doc->inSceneFile(name)) {
      ImGui::TextDisabled("\"%s\" is defined in the scene file.", name.c_str());
    } else {
      ImGui::SetNextItemWidth(-ImGui::GetFontSize() * 8);
      const bool renamed = ImGui::InputText("##rename", &state.renameViewText, ImGuiInputTextFlags_EnterReturnsTrue);
      ImGui::SameLine();
      if (ImGui::Button("Rename") || renamed) requests.renameView = std::make_pair(state.selectedView, state.renameViewText);
      ImGui::SameLine();
      if (ImGui::Button("Delete##view")) requests.deleteView = state.selectedView;
    }
  }

  ImGui::Spacing();
  ImGui::TextDisabled("Fly to a position (degrees, DMS, UTM or MGRS)");
  ImGui::SetNextItemWidth(-ImGui::GetFontSize() * 3);
  const bool entered = ImGui::InputTextWithHint("##goto", "41.60, 129.62", &state.gotoText,
                                                ImGuiInputTextFlags_EnterReturnsTrue);
  logItemPosition("go to field");
  ImGui::SameLine();
  if (ImGui::Button("Go") || entered) {
    log::info("ui: go to \"{}\"", state.gotoText);
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
  if (world.scene.viewsPath.empty()) {
    ImGui::TextDisabled("This scene names no views file.");
    return;
  }
  ImGui::BeginDisabled(!state.viewsDirty);
  if (ImGui::Button("Save views")) requests.saveViews = true;
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::TextDisabled("into %s%s", std::filesystem::path(world.scene.viewsPath).filename().c_str(),
                      state.viewsDirty ? " (unsaved changes)" : "");
}

}  // namespace tb::ui
