// The Sites list: sites with a position grouped by category, then the places the brief names
// without one under their own heading; a search box filters both. Clicking a site selects it and
// (when it has a position) flies there.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <vector>

#include "core/Log.h"
#include "ui/PanelParts.h"

namespace tb::ui {
namespace {

bool containsIgnoringCase(const std::string& text, const std::string& needle) {
  if (needle.empty()) return true;
  const auto it = std::search(text.begin(), text.end(), needle.begin(), needle.end(), [](char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
  });
  return it != text.end();
}

}  // namespace

// Logged at debug level so that the real-window tests can click an item without guessing pixel
// positions; only when it moves, so the log stays quiet.
void logItemPosition(const char* what, const std::string& name) {
  logPosition(what, name, ImVec2((ImGui::GetItemRectMin().x + ImGui::GetItemRectMax().x) * 0.5f,
                                 (ImGui::GetItemRectMin().y + ImGui::GetItemRectMax().y) * 0.5f));
}

void logPosition(const char* what, const std::string& name, ImVec2 c) {
  // One remembered position per item: the name is part of the key, or items of one kind (the
  // six analysis tool buttons) overwrite each other's position and log every frame.
  ImGui::PushID(what);
  const ImGuiID key = ImGui::GetID(name.c_str());
  ImGui::PopID();
  ImGuiStorage* storage = ImGui::GetStateStorage();
  const float packed = std::round(c.x) * 100000.0f + std::round(c.y);
  // Kept only once logged: an item hidden now (a popup's first, measuring frame; a scrolled
  // list) is logged when it shows, even where it then stands still.
  if (storage->GetFloat(key, -1.0f) != packed && ImGui::IsItemVisible()) {
    storage->SetFloat(key, packed);
    if (name.empty())
      log::debug("ui: {} at {:.0f},{:.0f}", what, c.x, c.y);
    else
      log::debug("ui: {} \"{}\" at {:.0f},{:.0f}", what, name, c.x, c.y);
  }
}

namespace {

void logRowPosition(const std::string& id) { logItemPosition("site row", id); }

void siteRow(const world::World& world, int index, ViewerUiState& state, UiRequests& requests) {
  const world::PlacedSite& placed = world.sites[static_cast<std::size_t>(index)];
  ImGui::PushID(index);
  const bool selected = state.selectedSite == index;
  if (ImGui::Selectable(placed.site->name.c_str(), selected)) {
    if (placed.anchor || !placed.outline.empty())
      requests.flyToSite = index;
    else
      state.selectedSite = index;
  }
  logRowPosition(placed.site->id);
  if (ImGui::IsItemHovered() && placed.site->honesty != scene::Honesty::Note)
    ImGui::SetTooltip("Select and fly to %s", placed.site->name.c_str());
  ImGui::PopID();
}

}  // namespace

void drawSitesSection(const world::World& world, ViewerUiState& state, UiRequests& requests) {
  ImGui::SetNextItemWidth(-1);
  ImGui::InputTextWithHint("##search", "Search sites", &state.search);

  std::map<std::string, std::vector<int>> byCategory;  // by label, so the list reads alphabetically
  std::vector<int> notes;
  for (int i = 0; i < static_cast<int>(world.sites.size()); ++i) {
    const scene::Site& site = *world.sites[static_cast<std::size_t>(i)].site;
    if (!containsIgnoringCase(site.name, state.search) &&
        !containsIgnoringCase(categoryLabel(world, site.category), state.search))
      continue;
    if (site.honesty == scene::Honesty::Note)
      notes.push_back(i);
    else
      byCategory[categoryLabel(world, site.category)].push_back(i);
  }
  if (byCategory.empty() && notes.empty()) ImGui::TextDisabled("No site matches \"%s\".", state.search.c_str());

  for (const auto& [label, indices] : byCategory) {
    const std::string& key = world.sites[static_cast<std::size_t>(indices.front())].site->category;
    ImGui::TextColored(categoryColor(world, key), "■");
    ImGui::SameLine();
    ImGui::TextUnformatted(label.c_str());
    ImGui::Indent();
    for (int i : indices) siteRow(world, i, state, requests);
    ImGui::Unindent();
  }
  if (!notes.empty()) {
    ImGui::Spacing();
    ImGui::TextUnformatted("Named in the brief, position not given");
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("The brief names these places without saying where they are: they are listed, never pinned.");
    ImGui::Indent();
    for (int i : notes) siteRow(world, i, state, requests);
    ImGui::Unindent();
  }
}

}  // namespace tb::ui
