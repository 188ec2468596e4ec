// The Briefing section of the sidebar: the steps of the loaded briefing (a list and a timeline
// strip that retimes by dragging), the selected step's editor (title, caption, view from the
// camera, hold, transition, orbit, exaggeration, sun, layers, highlights), adding the current view
// as a step, reordering, deleting, preview and presenter mode, Save, Undo/Redo; and the Save /
// Discard / Cancel question when unsaved changes would be lost. Every change is a request that
// the viewer turns into a session command (undoable); the panel only reads the briefing.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <functional>

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

constexpr double kAzimuthMin = 0, kAzimuthMax = 360, kElevationMin = -10, kElevationMax = 90;

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

// Which field an edit changed: the Edit menu's label, and a merge key so that typing into one
// field (or dragging one number) of one step is one undo step.
struct FieldEdit {
  bool changed = false;
  const char* label = "";
  std::string key;
  void set(const char* l, const std::string& field, const std::string& stepId, bool continuous) {
    changed = true;
    label = l;
    key = continuous ? field + ":" + stepId : std::string();
  }
};

// A field let go after typing or dragging closes its undo step.
void noteRelease(UiRequests& requests) {
  if (ImGui::IsItemDeactivatedAfterEdit()) requests.endGesture = true;
}

// Visible / hidden / as before, for one layer of the scene.
void layerRow(std::vector<briefing::LayerState>& layers, const std::string& name, FieldEdit& edit, const std::string& id) {
  auto it = std::find_if(layers.begin(), layers.end(), [&](const briefing::LayerState& l) { return l.name == name; });
  int choice = it == layers.end() || !it->visible ? 0 : *it->visible ? 1 : 2;
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7);
  if (ImGui::Combo(name.c_str(), &choice, "as before\0on\0off\0")) {
    if (choice == 0 && it != layers.end()) {
      it->visible.reset();
      if (!it->opacity) layers.erase(it);
    } else if (choice != 0) {
      if (it == layers.end()) it = layers.insert(layers.end(), briefing::LayerState{name, std::nullopt, std::nullopt});
      it->visible = choice == 1;
    }
    edit.set("set step layers", "layers", id, false);
  }
}

// An optional number: a checkbox ("set") and, when set, its value.
template <typename Draw>
void optionalRow(const char* check, bool set, FieldEdit& edit, const char* label, const std::string& id,
                 const std::function<void(bool)>& toggle, Draw draw) {
  bool on = set;
  if (ImGui::Checkbox(check, &on)) {
    toggle(on);
    edit.set(label, check, id, false);
  }
  if (on) draw();
}

// The selected step's fields on a copy; the change (if any) goes out as one request.
void drawStepEditor(const world::World& world, int index, const briefing::Step& original, UiRequests& requests) {
  briefing::Step step = original;
  FieldEdit edit;
  const std::string& id = original.id;
  const float labelWidth = ImGui::GetFontSize() * 6.5f;
  ImGui::PushItemWidth(-labelWidth);
  if (ImGui::InputText("Title", &step.title)) edit.set("edit step title", "title", id, true);
  noteRelease(requests);
  logItemPosition("step field", "Title");
  if (ImGui::InputTextMultiline("Caption", &step.caption, ImVec2(-labelWidth, ImGui::GetTextLineHeight() * 5)))
    edit.set("edit step caption", "caption", id, true);
  noteRelease(requests);

  ImGui::TextDisabled("View: %s", viewDescription(step.view).c_str());
  if (placedButton("Update view from camera")) requests.stepViewFromCamera = index;

  double hold = step.holdSeconds;
  if (ImGui::InputDouble("Hold (s)", &hold, 0.5, 2.0, "%.1f")) {
    step.holdSeconds = std::clamp(hold, 0.0, 3600.0);
    edit.set("retime step", "hold", id, true);
  }
  noteRelease(requests);
  int kind = static_cast<int>(step.transition.kind);
  if (ImGui::Combo("Transition", &kind, "flight\0cut\0fade\0")) {
    step.transition.kind = static_cast<briefing::TransitionKind>(kind);
    edit.set("set step transition", "transition", id, false);
  }
  if (step.transition.kind != briefing::TransitionKind::Cut) {
    bool automatic = !step.transition.durationSeconds;
    if (ImGui::Checkbox("automatic length", &automatic)) {
      if (automatic)
        step.transition.durationSeconds.reset();
      else
        step.transition.durationSeconds =
            step.transition.kind == briefing::TransitionKind::Fade ? briefing::kDefaultFadeSeconds : 5.0;
      edit.set("set step transition", "transition", id, false);
    }
    if (step.transition.durationSeconds) {
      double d = *step.transition.durationSeconds;
      if (ImGui::InputDouble("Length (s)", &d, 0.5, 2.0, "%.1f")) {
        step.transition.durationSeconds = std::clamp(d, 0.0, 3600.0);
        edit.set("set transition length", "length", id, true);
      }
      noteRelease(requests);
    }
    int easing = static_cast<int>(step.transition.easing);
    if (ImGui::Combo("Easing", &easing, "linear\0ease-in-out\0smoothstep\0")) {
      step.transition.easing = static_cast<camera::Easing>(easing);
      edit.set("set step transition", "transition", id, false);
    }
  }

  optionalRow("Orbit during the hold", step.orbitDegPerSec.has_value(), edit, "set step orbit", id,
              [&](bool on) { step.orbitDegPerSec = on ? std::optional<double>(3.0) : std::nullopt; }, [&] {
                double v = *step.orbitDegPerSec;
                if (ImGui::DragScalar("°/s", ImGuiDataType_Double, &v, 0.1f, nullptr, nullptr, "%.1f")) {
                  step.orbitDegPerSec = std::clamp(v, -90.0, 90.0);
                  edit.set("set step orbit", "orbit", id, true);
                }
                noteRelease(requests);
              });
  optionalRow("Own vertical exaggeration", step.exaggeration.has_value(), edit, "set step exaggeration", id,
              [&](bool on) { step.exaggeration = on ? std::optional<double>(1.5) : std::nullopt; }, [&] {
                double v = *step.exaggeration;
                if (ImGui::DragScalar("× height", ImGuiDataType_Double, &v, 0.05f, nullptr, nullptr, "%.2f")) {
                  step.exaggeration = std::clamp(v, 0.1, 100.0);
                  edit.set("set step exaggeration", "exaggeration", id, true);
                }
                noteRelease(requests);
              });
  optionalRow("Own sun", step.sun.has_value(), edit, "set step sun", id,
              [&](bool on) { step.sun = on ? std::optional<briefing::Sun>(briefing::Sun{}) : std::nullopt; }, [&] {
                briefing::Sun sun = *step.sun;
                bool moved = ImGui::SliderScalar("azimuth °", ImGuiDataType_Double, &sun.azimuthDeg, &kAzimuthMin,
                                                 &kAzimuthMax, "%.0f");
                noteRelease(requests);
                moved |= ImGui::SliderScalar("elevation °", ImGuiDataType_Double, &sun.elevationDeg, &kElevationMin,
                                             &kElevationMax, "%.0f");
                noteRelease(requests);
                if (moved) {
                  step.sun = sun;
                  edit.set("set step sun", "sun", id, true);
                }
              });
  ImGui::PopItemWidth();

  if (ImGui::TreeNode("Layers shown")) {
    for (const auto& l : world.scene.imagery) layerRow(step.layers, l.name, edit, id);
    for (const auto& o : world.scene.overlays) layerRow(step.layers, o.name, edit, id);
    if (world.scene.imagery.empty() && world.scene.overlays.empty()) ImGui::TextDisabled("The scene has no layers.");
    ImGui::TreePop();
  }
  const std::string highlights = fmt::format("Highlighted sites ({})###highlights", step.highlight.size());
  if (ImGui::TreeNode(highlights.c_str())) {
    ImGui::TextDisabled("The others are dimmed while any is highlighted.");
    for (const world::PlacedSite& placed : world.sites) {
      const scene::Site& site = *placed.site;
      auto it = std::find(step.highlight.begin(), step.highlight.end(), site.id);
      bool on = it != step.highlight.end();
      if (ImGui::Checkbox((site.name + "##hl" + site.id).c_str(), &on)) {
        if (on) step.highlight.push_back(site.id);
        else step.highlight.erase(it);
        edit.set("set step highlights", "highlight", id, false);
      }
    }
    ImGui::TreePop();
  }
  if (edit.changed) requests.editStep = StepChange{index, std::move(step), edit.label, edit.key};
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
