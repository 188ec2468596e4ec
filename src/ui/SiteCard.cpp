// The selected site's card: what the site is, where (with no more digits than its precision
// supports), how far the position can be trusted and why, and where the brief says so.
#include <fmt/format.h>
#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "analysis/Coordinates.h"
#include "analysis/RangeRings.h"
#include "core/Error.h"
#include "ui/CoordinateText.h"
#include "ui/PanelParts.h"

namespace tb::ui {
namespace {

const char* compassPoint(double deg) {
  static const char* kPoints[] = {"N", "NE", "E", "SE", "S", "SW", "W", "NW"};
  const int i = static_cast<int>(std::lround(std::fmod(deg + 360.0, 360.0) / 45.0)) % 8;
  return kPoints[i];
}

void labelled(const char* label, const std::string& text) {
  ImGui::TextDisabled("%s", label);
  ImGui::SameLine();
  ImGui::TextWrapped("%s", text.c_str());
}

// MGRS/UTM digits no finer than the precision: ±60 m is a 100 m square (three digits an axis).
int gridDigits(std::optional<double> precisionM) {
  const double p = std::max(precisionM.value_or(1000.0), 1.0);
  return std::clamp(5 - static_cast<int>(std::ceil(std::log10(p))), 1, 5);
}

// A position in the format the cursor readout uses (the Analysis panel's switch), with no more
// digits than the site's precision supports.
std::string positionText(glm::dvec2 lonLat, analysis::CoordinateFormat format, std::optional<double> precisionM) {
  switch (format) {
    case analysis::CoordinateFormat::DecimalDegrees:
      return formatDecimalDegrees(lonLat.y, lonLat.x, digitsForPrecision(precisionM));
    case analysis::CoordinateFormat::Dms:
      return formatDms(lonLat.y, lonLat.x, digitsForPrecision(precisionM));
    case analysis::CoordinateFormat::Utm:
    case analysis::CoordinateFormat::Mgrs:
      break;
  }
  return analysis::formatCoordinate(lonLat, format, gridDigits(precisionM));
}

void drawPosition(const scene::Site& site, analysis::CoordinateFormat format) {
  if (site.honesty == scene::Honesty::Note || site.lonLat.empty() || site.lonLat.front().empty()) {
    ImGui::TextWrapped("Named in the brief, position not given: it is listed here but not pinned on the map.");
    if (site.directionDeg && site.distanceKm)
      ImGui::TextWrapped("The brief puts it about %g km %s of %s; a direction note at the map's edge points "
                         "that way.",
                         *site.distanceKm, compassPoint(*site.directionDeg),
                         site.directionFrom.empty() ? "the town" : site.directionFrom.c_str());
    return;
  }
  const glm::dvec2 first = site.lonLat.front().front();
  if (site.honesty == scene::Honesty::Area) {
    const glm::dvec2 last = site.lonLat.back().back();
    ImGui::TextUnformatted("From");
    ImGui::SameLine();
    ImGui::TextUnformatted(positionText(first, format, site.precisionM).c_str());
    ImGui::TextUnformatted("to  ");
    ImGui::SameLine();
    ImGui::TextUnformatted(positionText(last, format, site.precisionM).c_str());
    if (!site.uncertainEnd.empty())
      ImGui::TextWrapped("The %s of the line is uncertain (drawn fading).", site.uncertainEnd == "start" ? "start" : "end");
  } else {
    ImGui::TextUnformatted(positionText(first, format, site.precisionM).c_str());
  }
  labelled("Precision", formatPrecision(site.precisionM));
}

}  // namespace

void drawSiteCard(const world::World& world, ViewerUiState& state, UiRequests& requests) {
  const world::PlacedSite& placed = world.sites[static_cast<std::size_t>(state.selectedSite)];
  const scene::Site& site = *placed.site;
  ImGui::PushID("sitecard");
  // Content on channel 1, its background (sized once the content is known) on channel 0.
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->ChannelsSplit(2);
  draw->ChannelsSetCurrent(1);
  const float pad = ImGui::GetStyle().WindowPadding.x * 0.75f;
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() + pad);
  ImGui::Indent(pad);
  ImGui::BeginGroup();
  ImGui::PushTextWrapPos(ImGui::GetContentRegionMax().x - pad);
  ImGui::TextColored(categoryColor(world, site.category), "■");
  ImGui::SameLine();
  ImGui::TextWrapped("%s", site.name.c_str());
  ImGui::TextDisabled("%s", categoryLabel(world, site.category).c_str());
  ImGui::Separator();
  drawPosition(site, state.analysis.coordinates);
  labelled("Position", std::string(scene::honestyName(site.honesty)) + ": " + scene::honestyExplanation(site.honesty));
  labelled("Source", site.source);
  if (!site.description.empty()) ImGui::TextWrapped("%s", site.description.c_str());
  // Range rings need the site's one position: a line, an area or a note says why not.
  std::string noRings;
  try {
    analysis::ringCentreOf(site);
  } catch (const Error& e) {
    noRings = e.problem();
  }
  if (placed.anchor || !placed.outline.empty()) {
    if (ImGui::Button("Fly there")) requests.flyToSite = state.selectedSite;
    ImGui::SameLine();
  }
  if (noRings.empty()) {
    if (ImGui::Button("Range rings…")) requests.ringsAroundSite = state.selectedSite;
    logItemPosition("site card button", "Range rings…");
    ImGui::SameLine();
  }
  if (ImGui::Button("Close")) state.selectedSite = -1;
  if (!noRings.empty() && site.honesty != scene::Honesty::Note)
    labelled("Range rings", "unavailable: " + noRings + "; place them with the Rings tool instead");
  ImGui::PopTextWrapPos();
  ImGui::EndGroup();
  ImGui::Unindent(pad);
  const ImVec2 min(ImGui::GetWindowPos().x + ImGui::GetStyle().WindowPadding.x * 0.5f, ImGui::GetItemRectMin().y - pad);
  const ImVec2 max(ImGui::GetWindowPos().x + ImGui::GetWindowWidth() - ImGui::GetStyle().WindowPadding.x * 0.5f,
                   ImGui::GetItemRectMax().y + pad);
  draw->ChannelsSetCurrent(0);
  draw->AddRectFilled(min, max, ImGui::GetColorU32(ImVec4(0.17f, 0.20f, 0.25f, 1.0f)), 4.0f);
  draw->AddRect(min, max, ImGui::GetColorU32(categoryColor(world, site.category)), 4.0f);
  draw->ChannelsMerge();
  ImGui::Dummy(ImVec2(0, pad));
  ImGui::PopID();
}

}  // namespace tb::ui
