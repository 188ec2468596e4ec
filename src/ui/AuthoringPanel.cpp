// The Edit window (see AuthoringPanel.h).
#include "ui/AuthoringPanel.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <cctype>
#include <cmath>

#include "core/Log.h"

#include "ui/PanelParts.h"

namespace tb::ui {
namespace {

// Where an item is, logged at debug level for the real-window tests when it first shows or
// moves. (An auto-resizing window's first frame is measured, not shown: that one does not count.)
void logPosition(const char* what) {
  if (!ImGui::IsItemVisible() || ImGui::GetCurrentContext() == nullptr) return;
  const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  const ImVec2 c((a.x + b.x) * 0.5f, (a.y + b.y) * 0.5f);
  const ImGuiID key = ImGui::GetID(what);
  const float packed = std::round(c.x) * 100000.0f + std::round(c.y);
  if (ImGui::GetStateStorage()->GetFloat(key, -1.0f) == packed) return;
  ImGui::GetStateStorage()->SetFloat(key, packed);
  log::debug("ui: {} at {:.0f},{:.0f}", what, c.x, c.y);
}

bool loggedButton(const char* label, const char* what) {
  const bool pressed = ImGui::Button(label);
  logPosition(what);
  return pressed;
}

// "Battery site" -> "battery-site": a category key from its label.
std::string categoryKey(const std::string& label) {
  std::string key;
  for (char c : label) {
    if (std::isalnum(static_cast<unsigned char>(c))) key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    else if (!key.empty() && key.back() != '-') key += '-';
  }
  while (!key.empty() && key.back() == '-') key.pop_back();
  return key;
}

void drawProperties(const session::Session& session, AuthoringUiState& state, const scene::Site& site,
                    AuthoringRequests& requests) {
  const session::SitesDocument& doc = session.documents().sites;
  if (state.formSite != site.id) {
    state.formSite = site.id;
    state.form = session::propertiesOf(site);
    state.precisionText = session::precisionText(state.form.precisionM);
    state.newCategoryLabel.clear();
  }
  session::SiteProperties& f = state.form;
  ImGui::Separator();
  ImGui::TextDisabled("Properties of %s", site.id.c_str());
  if (loggedButton("Apply##props", "apply properties button")) {
    scene::Category cat;
    cat.label = state.newCategoryLabel.empty() ? f.category : state.newCategoryLabel;
    cat.color = session::newCategoryColor(doc, f.category);
    requests.edits.push_back(session::setProperties(doc, site.id, f, cat));
    state.formSite.clear();  // reload from the document after the edit
  }
  ImGui::SameLine();
  if (loggedButton("Delete##site", "delete site button")) requests.edits.push_back(session::deleteSite(doc, site.id));
  ImGui::InputText("Name", &f.name);
  logPosition("site name field");
  const auto current = doc.categories.find(f.category);
  if (ImGui::BeginCombo("Category", current != doc.categories.end() ? current->second.label.c_str() : f.category.c_str())) {
    for (const auto& [key, cat] : doc.categories)
      if (ImGui::Selectable(cat.label.c_str(), key == f.category)) f.category = key;
    ImGui::EndCombo();
  }
  ImGui::InputTextWithHint("##newcat", "new category", &state.newCategoryLabel);
  ImGui::SameLine();
  if (ImGui::Button("Use") && !categoryKey(state.newCategoryLabel).empty()) f.category = categoryKey(state.newCategoryLabel);
  if (site.kind == geo::GeometryKind::Point) {
    int honesty = f.honesty == scene::Honesty::Given ? 0 : 1;
    ImGui::RadioButton("given", &honesty, 0);
    ImGui::SameLine();
    ImGui::RadioButton("derived", &honesty, 1);
    f.honesty = honesty == 0 ? scene::Honesty::Given : scene::Honesty::Derived;
    if (site.placedBy == "click")
      ImGui::TextWrapped("Placed by clicking: derived. Say in the description how you placed it.");
  }
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextDisabled("%s", scene::honestyExplanation(f.honesty));
  ImGui::PopTextWrapPos();
  // Empty (shown as "unknown") when no precision is set, never a made-up 0.
  if (ImGui::InputTextWithHint("Precision (m)", "unknown", &state.precisionText, ImGuiInputTextFlags_CharsDecimal))
    f.precisionM = session::precisionFromText(state.precisionText);
  ImGui::InputText("Source", &f.source);
  ImGui::InputTextMultiline("Description", &f.description, ImVec2(0, ImGui::GetTextLineHeight() * 3));
}

}  // namespace

void drawAuthoringWindow(const session::Session& session, const Layout& layout, AuthoringUiState& state,
                         const std::string& selectedSiteId, AuthoringRequests& requests) {
  if (!state.showEdit) {
    state.placingPin = false;
    return;
  }
  const float pad = ImGui::GetFontSize() * 0.5f;
  ImGui::SetNextWindowPos(ImVec2(pad, layout.topBarHeight + pad), ImGuiCond_Always);
  ImGui::SetNextWindowSizeConstraints(ImVec2(ImGui::GetFontSize() * 16, 0), ImVec2(ImGui::GetFontSize() * 24, layout.viewHeight() - 2 * pad));
  const ImGuiWindowFlags flags = ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoMove |
                                 ImGuiWindowFlags_NoSavedSettings;
  const bool open = ImGui::Begin("Edit (Ctrl+E)", &state.showEdit, flags);
  {
    // Its title bar's fold arrow (a click opens or folds it), for the real-window tests.
    const ImVec2 pos = ImGui::GetWindowPos();
    const float x = pos.x + ImGui::GetStyle().FramePadding.x + ImGui::GetFontSize() * 0.5f;
    const float y = pos.y + ImGui::GetFrameHeight() * 0.5f;
    static float logged = -1.0f;
    if (const float packed = std::round(x) * 100000.0f + std::round(y); packed != logged) {
      logged = packed;
      log::debug("ui: edit window arrow at {:.0f},{:.0f}", x, y);
    }
  }
  if (open) {
    const session::History& h = session.history();
    ImGui::BeginDisabled(!h.canUndo());
    if (loggedButton(h.canUndo() ? ("Undo " + h.undoLabel()).c_str() : "Undo", "undo button")) requests.undo = true;
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::BeginDisabled(!h.canRedo());
    if (loggedButton(h.canRedo() ? ("Redo " + h.redoLabel()).c_str() : "Redo", "redo button")) requests.redo = true;
    ImGui::EndDisabled();
    const bool dirty = session.dirty(session::DocumentKind::Sites);
    if (loggedButton(dirty ? "Save sites *" : "Save sites", "save sites button")) requests.save = true;

    ImGui::Separator();
    ImGui::TextDisabled("Place");
    if (loggedButton(state.placingPin ? "Click the terrain... (Esc: stop)" : "Place pin by clicking", "place pin button"))
      state.placingPin = !state.placingPin;
    if (state.drawing == geo::GeometryKind::None) {
      if (loggedButton("Draw path", "draw path button")) state.drawing = geo::GeometryKind::Line;
      ImGui::SameLine();
      if (loggedButton("Draw polygon", "draw polygon button")) state.drawing = geo::GeometryKind::Polygon;
      if (state.drawing != geo::GeometryKind::None) state.placingPin = false;
    } else {
      ImGui::Text("%s: %zu points (click the terrain)", state.drawing == geo::GeometryKind::Line ? "Path" : "Polygon",
                  state.drawnVertices.size());
      if (loggedButton("Finish (Enter)", "finish drawing button")) requests.finishDrawing = true;
      ImGui::SameLine();
      if (ImGui::Button("Cancel (Esc)")) {
        state.drawing = geo::GeometryKind::None;
        state.drawnVertices.clear();
      }
    }
    if (ImGui::CollapsingHeader("Type coordinates, notes")) {
    ImGui::InputTextWithHint("##typed", "lat, lon (41.5812, 129.6712)", &state.typedPosition);
    ImGui::InputTextWithHint("##source", "source it is typed from", &state.typedSource);
    if (loggedButton("Place typed pin", "place typed button")) requests.placeTyped = state.typedPosition;
    ImGui::InputTextWithHint("##note", "note text (no position)", &state.noteText);
    if (ImGui::Button("Add note") && !state.noteText.empty()) requests.addNote = state.noteText;
    }
    if (ImGui::CollapsingHeader("KML")) {
      ImGui::InputTextWithHint("##kml", "file.kml", &state.kmlPath);
      if (ImGui::Button("Import") && !state.kmlPath.empty()) requests.importKml = state.kmlPath;
      ImGui::SameLine();
      if (ImGui::Button("Export all sites") && !state.kmlPath.empty()) requests.exportKml = state.kmlPath;
    }

    if (const scene::Site* site = session.documents().sites.find(selectedSiteId))
      drawProperties(session, state, *site, requests);
    else
      state.formSite.clear();
  }
  ImGui::End();
}

void drawHelpWindow(AuthoringUiState& state) {
  if (!state.showHelp) return;
  ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  if (ImGui::Begin("Keys and mouse (F1)", &state.showHelp, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings)) {
    static const char* const kRows[][2] = {
        {"Left-drag", "orbit about the point under the cursor"},
        {"Right- / middle-drag", "pan"},
        {"Wheel", "zoom toward the cursor"},
        {"F", "fly mode on/off (WASD/QE move, mouse looks, Shift faster)"},
        {"Home", "fly back to the overview"},
        {"Click the north arrow", "face north"},
        {"Click a pin", "select the site"},
        {"F12", "screenshot into ./screenshots/"},
        {"F5 / Shift+F5", "present the briefing from the first / selected step"},
        {"Ctrl+E", "the Edit window: place pins, draw, site properties, KML"},
        {"Ctrl+Z", "undo"},
        {"Ctrl+Shift+Z, Ctrl+Y", "redo"},
        {"Ctrl+S", "save the changed sites, views and briefing"},
        {"Place pin by clicking, then click", "a pin on the terrain (derived)"},
        {"Draw path / polygon, then clicks", "its points; Enter finishes, Esc drops it"},
        {"Drag a handle", "move the selected drawing's vertex"},
        {"Shift- or Alt-drag the drawing", "move it whole"},
        {"Click an edge's middle handle", "insert a vertex"},
        {"Right-click a vertex, or Delete", "delete it (a path keeps 2, a polygon 3)"},
        {"Esc", "stop placing pins or drawing, or a briefing preview"},
        {"Ctrl+O or File", "open a scene or briefing, or add a raster/vector layer (or drop files)"},
        {"F1 or ?", "this reference"},
        {"Ctrl+Q", "quit (asks about unsaved changes)"},
        {"Presenting", "Right/Space/PageDown next, Left/PageUp previous, Home first, B black, Esc leaves"},
    };
    if (ImGui::BeginTable("keys", 2, ImGuiTableFlags_RowBg)) {
      for (const auto& row : kRows) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(row[0]);
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(row[1]);
      }
      ImGui::EndTable();
    }
  }
  ImGui::End();
}

}  // namespace tb::ui
