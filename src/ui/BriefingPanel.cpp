// The Briefing section of the sidebar: the steps of the loaded briefing, editing the selected
// one (title, caption, hold, transition), adding the current view as a step, reordering,
// deleting, preview and presenter mode, Save; and the Save / Discard / Cancel question when
// unsaved changes would be lost. Structural edits are requests the viewer carries out.
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

// A button that reports where it is (see logButtonPosition).
bool placedButton(const char* label) {
  const bool pressed = ImGui::Button(label);
  ImGui::PushID(label);
  logButtonPosition(label);
  ImGui::PopID();
  return pressed;
}

std::string viewDescription(const briefing::StepView& v) {
  switch (v.kind) {
    case briefing::StepView::Kind::Site: return "site " + v.ref;
    case briefing::StepView::Kind::View: return "saved view " + v.ref;
    case briefing::StepView::Kind::LookAt:
      return fmt::format("looking at {:.4f}, {:.4f} from {:.0f} m", v.spec.lat, v.spec.lon, v.spec.rangeOrHeight);
    case briefing::StepView::Kind::Camera:
      return fmt::format("camera at {:.4f}, {:.4f}, {:.0f} m, heading {:.0f}°, pitch {:.0f}°", v.spec.lat, v.spec.lon,
                         v.spec.rangeOrHeight, v.spec.headingDeg, v.spec.pitchDeg);
  }
  return "";
}

// The selected step's fields, edited in place; true when something changed.
bool drawStepEditor(briefing::Step& step) {
  bool changed = false;
  const float labelWidth = ImGui::GetFontSize() * 6.5f;
  ImGui::PushItemWidth(-labelWidth);
  changed |= ImGui::InputText("Title", &step.title);
  changed |= ImGui::InputTextMultiline("Caption", &step.caption, ImVec2(-labelWidth, ImGui::GetTextLineHeight() * 6));
  double hold = step.holdSeconds;
  if (ImGui::InputDouble("Hold (s)", &hold, 0.5, 2.0, "%.1f")) {
    step.holdSeconds = std::clamp(hold, 0.0, 3600.0);
    changed = true;
  }
  int kind = static_cast<int>(step.transition.kind);
  if (ImGui::Combo("Transition", &kind, "flight\0cut\0fade\0")) {
    step.transition.kind = static_cast<briefing::TransitionKind>(kind);
    changed = true;
  }
  if (step.transition.kind != briefing::TransitionKind::Cut) {
    bool automatic = !step.transition.durationSeconds;
    if (ImGui::Checkbox("automatic length", &automatic)) {
      if (automatic)
        step.transition.durationSeconds.reset();
      else
        step.transition.durationSeconds = step.transition.kind == briefing::TransitionKind::Fade
                                              ? briefing::kDefaultFadeSeconds
                                              : 5.0;
      changed = true;
    }
    if (step.transition.durationSeconds) {
      double d = *step.transition.durationSeconds;
      if (ImGui::InputDouble("Length (s)", &d, 0.5, 2.0, "%.1f")) {
        step.transition.durationSeconds = std::clamp(d, 0.0, 600.0);
        changed = true;
      }
    }
    int easing = static_cast<int>(step.transition.easing);
    if (ImGui::Combo("Easing", &easing, "linear\0ease-in-out\0smoothstep\0")) {
      step.transition.easing = static_cast<camera::Easing>(easing);
      changed = true;
    }
  }
  ImGui::PopItemWidth();
  ImGui::TextDisabled("View: %s", viewDescription(step.view).c_str());
  return changed;
}

void drawOpenRow(BriefingEditorState& editor, UiRequests& requests) {
  ImGui::SetNextItemWidth(-ImGui::GetFontSize() * 4);
  const bool entered = ImGui::InputTextWithHint("##briefingpath", "briefing.json", &editor.openPath,
                                                ImGuiInputTextFlags_EnterReturnsTrue);
  ImGui::SameLine();
  if ((ImGui::Button("Open") || entered) && !editor.openPath.empty()) requests.openBriefing = editor.openPath;
}

}  // namespace

void drawBriefingSection(const world::World&, ViewerUiState& state, UiRequests& requests) {
  BriefingEditorState& editor = state.editor;
  if (!editor.loaded) {
    ImGui::TextDisabled("No briefing loaded. Open one (a briefing file):");
    drawOpenRow(editor, requests);
    return;
  }
  briefing::Briefing& b = editor.briefing;
  ImGui::TextWrapped("%s", b.title.empty() ? "(untitled briefing)" : b.title.c_str());
  ImGui::TextDisabled("%s%s", std::filesystem::path(b.path).filename().c_str(),
                      editor.dirty ? "  — unsaved changes" : "");

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

  // The steps, numbered as the presenter's counter numbers them.
  const float rows = static_cast<float>(std::clamp(n, 3, 9));
  if (ImGui::BeginListBox("##steps", ImVec2(-1, rows * ImGui::GetTextLineHeightWithSpacing() + 4))) {
    for (int i = 0; i < n; ++i) {
      ImGui::PushID(i);
      const std::string label = fmt::format("{}. {}", i + 1, b.steps[static_cast<std::size_t>(i)].title);
      if (ImGui::Selectable(label.c_str(), i == sel)) editor.selectedStep = i;
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
    if (drawStepEditor(b.steps[static_cast<std::size_t>(sel)])) editor.dirty = true;
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
                  std::filesystem::path(editor.briefing.path).filename().c_str());
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
