// The Briefing section of the sidebar: the steps of the loaded briefing (a list and a timeline
// strip that retimes by dragging), the selected step's editor (title, caption, view from the
// camera, hold, transition, orbit, exaggeration, sun, layers, highlights), adding the current view
// as a step, reordering, deleting, preview and presenter mode, Save, Undo/Redo; and the Save /
// Discard / Cancel question when unsaved changes would be lost. Every change is a request that
// the viewer turns into a session command (undoable); the panel only reads the briefing. The
// selected step's fields are in StepEditor.cpp.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cmath>
#include <filesystem>

#include <fmt/format.h>

#include "core/Log.h"
#include "ui/PanelParts.h"

namespace tb::ui {
namespace {

// Logged at debug level (when it moves) so that the real-window test can click a button without
// guessing pixel positions, as the Sites list does for its rows.
void logButtonPosition(const char* name) {
  const ImVec2 c((ImGui::GetItemRectMin().x + ImGui::GetItemRectMax().x) * 0.5f,
                 (ImGui::GetItemRectMin().y + ImGui::GetItemRectMax().y) * 0.5f);
  const ImGuiID key = ImGui::GetID("button-pos");
  ImGuiStorage* storage = ImGui::GetStateStorage();
  const float packed = std::round(c.x) * 100000.0f + std::round(c.y);
  if (storage->GetFloat(key, -1.0f) != packed) {
    storage->SetFloat(key, packed);
    if (ImGui::IsItemVisible()) log::debug("ui: briefing button \"{}\" at {:.0f},{:.0f}", name, c.x, c.y);
  }
}

// The steps side by side, as wide as their time; click to select, drag a right edge to change
// that step's hold, the playhead while previewing.
void drawTimelineStrip(BriefingEditorState& editor, const briefing::Briefing& b, UiRequests& requests) {
  if (editor.strip.size() != b.steps.size() || b.steps.empty()) return;
  const float height = ImGui::GetFrameHeight() * 1.4f;
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float width = std::max(10.0f, ImGui::GetContentRegionAvail().x);
  ImGui::InvisibleButton("##timeline", ImVec2(width, height));
  const bool hovered = ImGui::IsItemHovered(), active = ImGui::IsItemActive();
  const briefing::StripLayout L = briefing::layoutStrip(editor.strip, origin.x, width);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float grab = std::max(3.0f, ImGui::GetFontSize() * 0.3f);
  const float mx = ImGui::GetIO().MousePos.x;
  int edgeUnderMouse = -1;
  for (std::size_t i = 0; i < b.steps.size(); ++i) {
    const float x0 = L.edges[i], x1 = L.edges[i + 1], h = L.holdStarts[i];
    const bool selected = static_cast<int>(i) == editor.selectedStep;
    draw->AddRectFilled(ImVec2(x0, origin.y), ImVec2(h, origin.y + height), IM_COL32(60, 70, 90, 255));
    draw->AddRectFilled(ImVec2(h, origin.y), ImVec2(x1, origin.y + height),
                        selected ? IM_COL32(200, 150, 60, 255) : IM_COL32(90, 110, 140, 255));
    draw->AddLine(ImVec2(x1, origin.y), ImVec2(x1, origin.y + height), IM_COL32(20, 20, 25, 255), 2.0f);
    const std::string n = std::to_string(i + 1);
    if (x1 - x0 > ImGui::CalcTextSize(n.c_str()).x + 4)
      draw->AddText(ImVec2(x0 + 3, origin.y + 2), IM_COL32(240, 240, 240, 255), n.c_str());
    if (hovered && std::abs(mx - x1) <= grab) edgeUnderMouse = static_cast<int>(i);
  }
  if (editor.playhead >= 0) {
    const float x = briefing::stripX(L, editor.playhead);
    draw->AddLine(ImVec2(x, origin.y - 2), ImVec2(x, origin.y + height + 2), IM_COL32(255, 80, 60, 255), 2.0f);
  }
  if (edgeUnderMouse >= 0 || editor.dragStep >= 0) ImGui::SetMouseCursor(ImGuiMouseCursor_ResizeEW);
  if (ImGui::IsItemActivated()) {
    if (edgeUnderMouse >= 0) {
      editor.dragStep = edgeUnderMouse;
      editor.dragHoldAtPress = b.steps[static_cast<std::size_t>(edgeUnderMouse)].holdSeconds;
      editor.dragPixelsPerSecond = L.pixelsPerSecond;
      editor.dragPressX = mx;
    } else {
      for (std::size_t i = 0; i < b.steps.size(); ++i)
        if (mx >= L.edges[i] && mx < L.edges[i + 1]) editor.selectedStep = static_cast<int>(i);
    }
  }
  if (active && editor.dragStep >= 0 && editor.dragStep < static_cast<int>(b.steps.size())) {
    const auto i = static_cast<std::size_t>(editor.dragStep);
    briefing::Step step = b.steps[i];
    step.holdSeconds = briefing::retimedHold(editor.dragHoldAtPress, mx - editor.dragPressX, editor.dragPixelsPerSecond);
    if (step.holdSeconds != b.steps[i].holdSeconds)
      requests.editStep = StepChange{editor.dragStep, std::move(step), "retime step", "hold:" + b.steps[i].id};
    ImGui::SetTooltip("Step %d holds %.1f s", editor.dragStep + 1, step.holdSeconds);
  }
  if (ImGui::IsItemDeactivated() && editor.dragStep >= 0) {
    editor.dragStep = -1;
    requests.endGesture = true;
  }
  // Where the test can grab step 1's right edge.
  ImGui::PushID("strip-edge");
  const ImGuiID key = ImGui::GetID("pos");
  const float packed = std::round(L.edges[1]) * 100000.0f + std::round(origin.y + height * 0.5f);
  if (ImGui::GetStateStorage()->GetFloat(key, -1.0f) != packed) {
    ImGui::GetStateStorage()->SetFloat(key, packed);
    log::debug("ui: timeline edge of step 1 at {:.0f},{:.0f}", L.edges[1], origin.y + height * 0.5f);
  }
  ImGui::PopID();
}

void drawOpenRow(BriefingEditorState& editor, UiRequests& requests) {
  ImGui::SetNextItemWidth(-ImGui::GetFontSize() * 4);
  const bool entered = ImGui::InputTextWithHint("##briefingpath", "briefing.json", &editor.openPath,
                                                ImGuiInputTextFlags_EnterReturnsTrue);
  ImGui::SameLine();
  if ((ImGui::Button("Open") || entered) && !editor.openPath.empty()) requests.openBriefing = editor.openPath;
}

}  // namespace

bool placedButton(const char* label) {
  const bool pressed = ImGui::Button(label);
  ImGui::PushID(label);
  logButtonPosition(label);
  ImGui::PopID();
  return pressed;
}

void drawBriefingSection(const world::World& world, ViewerUiState& state, UiRequests& requests) {
  BriefingEditorState& editor = state.editor;
  if (!state.documents || !state.documents->briefing.loaded) {
    ImGui::TextDisabled("No briefing loaded. Open one (a briefing file):");
    drawOpenRow(editor, requests);
    return;
  }
  const briefing::Briefing& b = state.documents->briefing.briefing;
  ImGui::TextWrapped("%s", b.title.empty() ? "(untitled briefing)" : b.title.c_str());
  ImGui::TextDisabled("%s%s", std::filesystem::path(b.path).filename().c_str(),
                      editor.dirty ? "  — unsaved changes" : "");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", b.path.c_str());

  const int n = static_cast<int>(b.steps.size());
  const int sel = editor.selectedStep >= 0 && editor.selectedStep < n ? editor.selectedStep : -1;
  ImGui::BeginDisabled(n == 0);
  if (placedButton("Present")) requests.presentFromStep = std::max(0, sel);
  ImGui::SameLine();
  if (editor.previewing) {
    if (placedButton("Stop preview")) requests.stopPreview = true;
  } else if (placedButton("Preview from step")) {
    requests.previewFromStep = std::max(0, sel);
  }
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::BeginDisabled(!editor.dirty);
  if (placedButton("Save")) requests.saveBriefing = true;
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (ImGui::Button("Undo")) requests.undo = true;
  ImGui::SameLine();
  if (ImGui::Button("Redo")) requests.redo = true;

  drawTimelineStrip(editor, b, requests);

  // The steps, numbered as the presenter's counter numbers them.
  const float rows = static_cast<float>(std::clamp(n, 3, 8));
  if (ImGui::BeginListBox("##steps", ImVec2(-1, rows * ImGui::GetTextLineHeightWithSpacing() + 4))) {
    for (int i = 0; i < n; ++i) {
      ImGui::PushID(i);
      const std::string label = fmt::format("{}. {}", i + 1, b.steps[static_cast<std::size_t>(i)].title);
      if (ImGui::Selectable(label.c_str(), i == sel)) {
        editor.selectedStep = i;
        log::info("ui: selected step {}", i + 1);
      }
      logItemPosition("step", std::to_string(i + 1));
      ImGui::PopID();
    }
    ImGui::EndListBox();
  }
  if (placedButton("Add current view as step")) requests.addStepFromView = true;
  if (sel >= 0) {
    ImGui::SameLine();
    ImGui::BeginDisabled(sel == 0);
    if (ImGui::ArrowButton("##up", ImGuiDir_Up)) requests.moveStepUp = sel;
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::BeginDisabled(sel + 1 >= n);
    if (ImGui::ArrowButton("##down", ImGuiDir_Down)) requests.moveStepDown = sel;
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button("Delete")) requests.deleteStep = sel;
    ImGui::Separator();
    ImGui::Text("Step %d / %d  (id %s)", sel + 1, n, b.steps[static_cast<std::size_t>(sel)].id.c_str());
    ImGui::PushID(b.steps[static_cast<std::size_t>(sel)].id.c_str());
    drawStepEditor(world, sel, b.steps[static_cast<std::size_t>(sel)], requests);
    ImGui::PopID();
  }
  ImGui::Separator();
  // The default briefing lives in the install folder: Save As keeps edits elsewhere.
  ImGui::TextDisabled("Save as a new file:");
  ImGui::SetNextItemWidth(-ImGui::GetFontSize() * 4);
  const bool saveAsEntered = ImGui::InputTextWithHint("##saveas", "my-briefing.json", &editor.saveAsPath,
                                                      ImGuiInputTextFlags_EnterReturnsTrue);
  ImGui::SameLine();
  if ((ImGui::Button("Save as") || saveAsEntered) && !editor.saveAsPath.empty())
    requests.saveBriefingAs = editor.saveAsPath;
  ImGui::TextDisabled("Open another briefing:");
  drawOpenRow(editor, requests);
}

void drawLeaveQuestion(ViewerUiState& state, UiRequests& requests) {
  BriefingEditorState& editor = state.editor;
  constexpr const char* kTitle = "Unsaved changes";
  if (editor.askLeave && !ImGui::IsPopupOpen(kTitle)) ImGui::OpenPopup(kTitle);
  ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  if (ImGui::BeginPopupModal(kTitle, nullptr, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings)) {
    if (editor.leaveSubject.empty())
      ImGui::Text("The briefing \"%s\" has unsaved changes.",
                  std::filesystem::path(state.documents ? state.documents->briefing.briefing.path : "")
                      .filename()
                      .c_str());
    else
      ImGui::Text("%s unsaved changes.", editor.leaveSubject.c_str());
    ImGui::Text("Save them before %s?", editor.leaveWhat.c_str());
    std::optional<LeaveChoice> choice;
    if (placedButton("Save##leave")) choice = LeaveChoice::Save;
    ImGui::SameLine();
    if (placedButton("Discard##leave")) choice = LeaveChoice::Discard;
    ImGui::SameLine();
    if (placedButton("Cancel##leave") || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) choice = LeaveChoice::Cancel;
    if (choice) {
      requests.leaveChoice = choice;
      editor.askLeave = false;
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }
}

}  // namespace tb::ui
