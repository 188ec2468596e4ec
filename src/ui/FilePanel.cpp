// The File window (see FilePanel.h).
#include "ui/FilePanel.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <filesystem>

#include "ui/PanelParts.h"

namespace tb::ui {
namespace fs = std::filesystem;

void listFolder(FileUiState& state) {
  std::error_code ec;
  fs::path dir = state.path.empty() ? fs::current_path(ec) : fs::path(state.path);
  if (!fs::is_directory(dir, ec)) dir = dir.parent_path();
  if (dir.empty()) dir = fs::current_path(ec);
  if (dir.string() == state.listedDir) return;
  state.listedDir = dir.string();
  state.entries.clear();
  for (fs::directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec), end; !ec && it != end;
       it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.empty() || name[0] == '.') continue;
    state.entries.push_back({name, it->is_directory(ec)});
  }
  std::sort(state.entries.begin(), state.entries.end(), [](const FileUiState::Entry& a, const FileUiState::Entry& b) {
    return a.folder != b.folder ? a.folder : a.name < b.name;
  });
}

namespace {

void drawUnsavedQuestion(FileUiState& state, FileRequests& requests) {
  const char* kTitle = "Unsaved changes##file";
  if (state.askUnsaved && !ImGui::IsPopupOpen(kTitle)) ImGui::OpenPopup(kTitle);
  ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  if (ImGui::BeginPopupModal(kTitle, nullptr, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings)) {
    ImGui::Text("%s unsaved changes.", state.unsavedWhat.c_str());
    ImGui::Text("Save them before opening %s?", fs::path(state.askUnsaved.value_or("")).filename().c_str());
    std::optional<LeaveChoice> choice;
    if (ImGui::Button("Save##open")) choice = LeaveChoice::Save;
    logItemPosition("save before opening button");
    ImGui::SameLine();
    if (ImGui::Button("Discard##open")) choice = LeaveChoice::Discard;
    logItemPosition("discard before opening button");
    ImGui::SameLine();
    if (ImGui::Button("Cancel##open")) choice = LeaveChoice::Cancel;
    logItemPosition("cancel before opening button");
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) choice = LeaveChoice::Cancel;
    if (choice) {
      requests.unsavedChoice = choice;
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }
}

}  // namespace

void drawFileWindow(const Layout& layout, FileUiState& state, FileRequests& requests) {
  drawUnsavedQuestion(state, requests);
  if (!state.show) return;
  const float em = ImGui::GetFontSize();
  ImGui::SetNextWindowPos(ImVec2(layout.viewWidth() * 0.5f, layout.topBarHeight + em), ImGuiCond_Appearing, ImVec2(0.5f, 0.0f));
  ImGui::SetNextWindowSize(ImVec2(em * 32, em * 26), ImGuiCond_Appearing);
  if (!ImGui::Begin("Open (Ctrl+O)", &state.show, ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoCollapse)) {
    ImGui::End();
    return;
  }
  listFolder(state);
  ImGui::TextWrapped("A scene or briefing opens; a raster or vector file becomes a layer of this scene.");
  ImGui::SetNextItemWidth(-em * 5);
  const bool enter = ImGui::InputText("##path", &state.path, ImGuiInputTextFlags_EnterReturnsTrue);
  logItemPosition("open path field");
  ImGui::SameLine();
  std::error_code ec;
  const bool isFile = !state.path.empty() && fs::is_regular_file(state.path, ec);
  ImGui::BeginDisabled(!isFile);
  if ((ImGui::Button("Open##file") || enter) && isFile) requests.open = state.path;
  ImGui::EndDisabled();
  logItemPosition("open file button");
  if (!state.recentProblem.empty()) ImGui::TextColored(ImVec4(1.0f, 0.55f, 0.4f, 1.0f), "%s", state.recentProblem.c_str());
  if (!state.recent.empty()) {
    ImGui::TextDisabled("Recent");
    for (const std::string& r : state.recent) {
      ImGui::PushID(r.c_str());
      if (ImGui::Selectable(("  " + r).c_str())) requests.open = r;
      logItemPosition("recent file", r);
      ImGui::PopID();
    }
  }
  ImGui::TextDisabled("%s", state.listedDir.c_str());
  if (ImGui::BeginChild("##entries", ImVec2(0, state.layersUnsaved > 0 ? -ImGui::GetFrameHeightWithSpacing() : 0), true)) {
    if (ImGui::Selectable("  ..")) state.path = fs::path(state.listedDir).parent_path().string();
    for (const FileUiState::Entry& e : state.entries) {
      const std::string full = (fs::path(state.listedDir) / e.name).string();
      ImGui::PushID(e.name.c_str());
      if (ImGui::Selectable((e.folder ? "[" + e.name + "]" : "  " + e.name).c_str(), full == state.path,
                            ImGuiSelectableFlags_AllowDoubleClick)) {
        state.path = full;
        if (!e.folder && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) requests.open = full;
      }
      logItemPosition("file entry", e.name);
      ImGui::PopID();
    }
  }
  ImGui::EndChild();
  if (state.layersUnsaved > 0) {
    ImGui::Text("%d layer%s added, not in the scene file:", state.layersUnsaved, state.layersUnsaved == 1 ? "" : "s");
    ImGui::SameLine();
    if (ImGui::Button("Save to the scene file")) requests.saveLayers = true;
    logItemPosition("save layers button");
  }
  ImGui::End();
}

}  // namespace tb::ui
