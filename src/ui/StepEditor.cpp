// The selected briefing step's fields in the Briefing panel: title, caption, view from the camera,
// hold, transition, orbit, exaggeration, sun, each layer's visibility and opacity, highlights.
// The panel edits a copy of the step; a change goes out as one request (UiRequests::editStep)
// with a merge key, so that typing into one field or one drag is one undo step, and a field let
// go or a −/+ button released (UiRequests::endGesture, in the same frame as a click's change)
// closes that step.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <functional>

#include <fmt/format.h>

#include "ui/PanelParts.h"

namespace tb::ui {
namespace {

constexpr double kAzimuthMin = 0, kAzimuthMax = 360, kElevationMin = -10, kElevationMax = 90;
constexpr double kOpacityMin = 0, kOpacityMax = 1;

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

// ImGui's number field with its − and + buttons. Logs where the buttons are (from InputDouble's
// layout: the buttons, square, at the right end of the item width) for the tests that click them.
bool steppedNumber(const char* label, double& value, UiRequests& requests) {
  const float width = ImGui::CalcItemWidth(), side = ImGui::GetFrameHeight();
  const bool changed = ImGui::InputDouble(label, &value, 0.5, 2.0, "%.1f");
  noteRelease(requests);
  const ImVec2 min = ImGui::GetItemRectMin();
  const float y = min.y + side * 0.5f, plusX = min.x + width - side * 0.5f;
  const ImVec2 buttons[] = {ImVec2(plusX - side - ImGui::GetStyle().ItemInnerSpacing.x, y), ImVec2(plusX, y)};
  const char* signs[] = {"-", "+"};
  ImGui::PushID(label);
  for (int i = 0; i < 2; ++i) {
    ImGui::PushID(signs[i]);
    logPosition("step field button", std::string(label) + " " + signs[i], buttons[i]);
    ImGui::PopID();
  }
  ImGui::PopID();
  return changed;
}

std::vector<briefing::LayerState>::iterator layerEntry(std::vector<briefing::LayerState>& layers,
                                                       const std::string& name) {
  auto it = std::find_if(layers.begin(), layers.end(), [&](const briefing::LayerState& l) { return l.name == name; });
  if (it == layers.end()) it = layers.insert(layers.end(), briefing::LayerState{name, std::nullopt, std::nullopt});
  return it;
}

// An entry that changes nothing any more leaves the list (the file then has no entry for it).
void dropUnchanged(std::vector<briefing::LayerState>& layers) {
  layers.erase(std::remove_if(layers.begin(), layers.end(),
                              [](const briefing::LayerState& l) { return !l.visible && !l.opacity; }),
               layers.end());
}

// One layer of the scene: shown / hidden / as before, and for imagery its opacity: "as before"
// (unchecked: the step leaves it as the previous step had it) or a value of the step's own.
// Overlays are drawn on or off only, so they get no opacity.
void layerRow(std::vector<briefing::LayerState>& layers, const std::string& name, float sceneOpacity, bool imagery,
              FieldEdit& edit, const std::string& id, UiRequests& requests) {
  ImGui::PushID(name.c_str());
  auto found = std::find_if(layers.begin(), layers.end(), [&](const briefing::LayerState& l) { return l.name == name; });
  const briefing::LayerState current =
      found == layers.end() ? briefing::LayerState{name, std::nullopt, std::nullopt} : *found;
  int choice = !current.visible ? 0 : *current.visible ? 1 : 2;
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7);
  if (ImGui::Combo(name.c_str(), &choice, "as before\0on\0off\0")) {
    auto it = layerEntry(layers, name);
    it->visible = choice == 0 ? std::nullopt : std::optional<bool>(choice == 1);
    dropUnchanged(layers);
    edit.set("set step layers", "layers", id, false);
  }
  if (imagery) {
    ImGui::Indent();
    bool own = current.opacity.has_value();
    if (ImGui::Checkbox("own opacity", &own)) {
      auto it = layerEntry(layers, name);
      it->opacity = own ? std::optional<double>(sceneOpacity) : std::nullopt;
      dropUnchanged(layers);
      edit.set("set layer opacity", "opacity", id, false);
    }
    logItemPosition("step layer opacity check", name);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Unchecked: as the step before left it");
    if (own && current.opacity) {
      ImGui::SameLine();
      double v = *current.opacity;
      ImGui::SetNextItemWidth(-1);
      if (ImGui::SliderScalar("##opacity", ImGuiDataType_Double, &v, &kOpacityMin, &kOpacityMax, "%.2f")) {
        layerEntry(layers, name)->opacity = std::clamp(v, 0.0, 1.0);
        edit.set("set layer opacity", "opacity " + name, id, true);
      }
      noteRelease(requests);
      logItemPosition("step layer opacity", name);
    }
    ImGui::Unindent();
  }
  ImGui::PopID();
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

}  // namespace

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
  if (steppedNumber("Hold (s)", hold, requests)) {
    step.holdSeconds = std::clamp(hold, 0.0, 3600.0);
    edit.set("retime step", "hold", id, true);
  }
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
      if (steppedNumber("Length (s)", d, requests)) {
        step.transition.durationSeconds = std::clamp(d, 0.0, 3600.0);
        edit.set("set transition length", "length", id, true);
      }
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

  const bool layersOpen = ImGui::TreeNode("Layers shown");
  logItemPosition("step section", "Layers shown");
  if (layersOpen) {
    for (const auto& l : world.scene.imagery) layerRow(step.layers, l.name, l.opacity, true, edit, id, requests);
    for (const auto& o : world.scene.overlays) layerRow(step.layers, o.name, 1.0f, false, edit, id, requests);
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

}  // namespace tb::ui
