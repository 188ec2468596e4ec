// The Analysis section of the sidebar: tools (measure, area, profile, line of sight, viewshed,
// range rings), their options and results, the profile chart, grids and the coordinate format.
#include <algorithm>
#include <cmath>
#include <sstream>

#include <fmt/format.h>
#include <imgui.h>
#include <imgui_stdlib.h>

#include "analysis/RangeRings.h"
#include "render/AnalysisOverlay.h"
#include "ui/PanelParts.h"

namespace tb::ui {

std::optional<std::vector<double>> parseRadiiKm(const std::string& text, std::string& error) {
  std::string spaced = text;
  std::replace(spaced.begin(), spaced.end(), ',', ' ');
  std::istringstream in(spaced);
  std::vector<double> radii;
  std::string word;
  while (in >> word) {
    char* end = nullptr;
    const double km = std::strtod(word.c_str(), &end);
    if (end == word.c_str() || *end != '\0' || !std::isfinite(km) || km <= 0) {
      error = fmt::format("radius \"{}\" is not a positive number of km", word);
      return std::nullopt;
    }
    radii.push_back(km * 1000.0);
  }
  if (radii.empty()) {
    error = "give at least one radius in km, e.g. \"5 10 17\"";
    return std::nullopt;
  }
  return radii;
}

namespace {

const char* hintFor(AnalysisMode mode) {
  switch (mode) {
    case AnalysisMode::Measure: return "Click points on the terrain; Enter finishes, Backspace removes the last, Esc clears.";
    case AnalysisMode::Area: return "Click the corners of an area; Enter closes it.";
    case AnalysisMode::Profile: return "Click the path's points; Enter draws the profile.";
    case AnalysisMode::LineOfSight: return "Click the observer, then the target.";
    case AnalysisMode::Viewshed: return "Click the observer's position.";
    case AnalysisMode::Rings: return "Click the centre.";
    case AnalysisMode::None: return "";
  }
  return "";
}

void toolButton(const char* label, AnalysisMode mode, const AnalysisUiState& state, AnalysisRequests& out) {
  const bool active = state.mode == mode;
  if (active) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
  if (ImGui::Button(label)) out.setMode = active ? AnalysisMode::None : mode;
  logItemPosition("analysis tool", label);
  if (active) ImGui::PopStyleColor();
}

std::string bearingText(double deg) { return fmt::format("{:03.0f}°", std::fmod(std::round(deg) + 360.0, 360.0)); }

void drawMeasurement(const analysis::Measurement& m, const std::string& unit) {
  if (m.closed && m.area) {
    ImGui::Text("Area %s", render::formatArea(*m.area).c_str());
    ImGui::Text("Perimeter %s (geodesic)", analysis::formatDistance(m.horizontal).c_str());
    return;
  }
  ImGui::Text("Horizontal %s (geodesic, WGS 84)", analysis::formatDistance(m.horizontal).c_str());
  ImGui::Text("Along the ground %s", analysis::formatDistance(m.surface).c_str());
  ImGui::Text("Slant %s", analysis::formatDistance(m.slant).c_str());
  ImGui::Text("Height difference %+.0f %s", m.heightDelta, unit.c_str());
  if (!m.legs.empty())
    ImGui::Text("Bearing %s true, %s grid", bearingText(m.legs.front().trueBearing).c_str(),
                bearingText(m.legs.front().gridBearing).c_str());
}

void drawProfile(const analysis::Profile& p, AnalysisUiState& state, AnalysisRequests& out) {
  std::vector<float> heights;
  heights.reserve(p.samples.size());
  float lo = 1e30f, hi = -1e30f;
  for (const analysis::ProfileSample& s : p.samples) {
    const float h = s.height ? static_cast<float>(*s.height) : std::nanf("");
    heights.push_back(h);
    if (s.height) lo = std::min(lo, h), hi = std::max(hi, h);
  }
  if (lo > hi) lo = hi = 0;
  const float pad = std::max(5.0f, (hi - lo) * 0.08f);
  const float width = ImGui::GetContentRegionAvail().x;
  ImGui::PlotLines("##profile", heights.data(), static_cast<int>(heights.size()), 0, nullptr, lo - pad, hi + pad,
                   ImVec2(width, ImGui::GetFontSize() * 9));
  const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
  state.chartMin = {min.x, min.y};
  state.chartMax = {max.x, max.y};
  logItemPosition("profile chart");
  if (ImGui::IsItemHovered() && heights.size() > 1) {
    const float t = std::clamp((ImGui::GetIO().MousePos.x - min.x) / std::max(1.0f, max.x - min.x), 0.0f, 1.0f);
    const int index = static_cast<int>(std::lround(t * (heights.size() - 1)));
    out.profileHover = index;
    const analysis::ProfileSample& s = p.samples[static_cast<std::size_t>(index)];
    ImGui::SetTooltip("%s along  ·  %s", analysis::formatDistance(s.distance).c_str(),
                      s.height ? fmt::format("{:.0f} {}", *s.height, state.heightUnit).c_str() : "no data");
  } else {
    out.profileHover = -1;
  }
  ImGui::Text("%s long, a sample every %.0f m (the DEM's own cells)", analysis::formatDistance(p.length).c_str(),
              p.spacing);
  if (p.minHeight && p.maxHeight)
    ImGui::Text("Min %.0f, max %.0f %s", *p.minHeight, *p.maxHeight, state.heightUnit.c_str());
  ImGui::Text("Ascent %.0f m, descent %.0f m", p.ascent, p.descent);
  ImGui::Text("Slope: max %.0f %%, mean %.0f %%", p.maxSlope * 100.0, p.meanSlope * 100.0);
  if (p.missing > 0) ImGui::TextColored(ImVec4(1, 0.7f, 0.3f, 1), "%zu samples without data", p.missing);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10);
  ImGui::InputText("##csv", &state.csvPath);
  ImGui::SameLine();
  if (ImGui::Button("Export CSV")) out.exportCsv = state.csvPath;
  logItemPosition("button", "Export CSV");
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10);
  ImGui::InputText("##png", &state.pngPath);
  ImGui::SameLine();
  if (ImGui::Button("Export PNG")) out.exportPng = state.pngPath;
}

}  // namespace

void drawAnalysisSection(const world::World&, AnalysisUiState& state, AnalysisRequests& out) {
  toolButton("Measure", AnalysisMode::Measure, state, out);
  ImGui::SameLine();
  toolButton("Area", AnalysisMode::Area, state, out);
  ImGui::SameLine();
  toolButton("Profile", AnalysisMode::Profile, state, out);
  toolButton("Line of sight", AnalysisMode::LineOfSight, state, out);
  ImGui::SameLine();
  toolButton("Viewshed", AnalysisMode::Viewshed, state, out);
  ImGui::SameLine();
  toolButton("Rings", AnalysisMode::Rings, state, out);
  if (state.mode != AnalysisMode::None) ImGui::TextWrapped("%s", hintFor(state.mode));

  bool changed = false;
  const float field = ImGui::GetFontSize() * 5;
  if (state.mode == AnalysisMode::LineOfSight || state.lineOfSight) {
    ImGui::SetNextItemWidth(field);
    changed |= ImGui::InputDouble("observer height (m)", &state.sight.observerHeight, 0, 0, "%.1f");
    ImGui::SetNextItemWidth(field);
    changed |= ImGui::InputDouble("target height (m)", &state.sight.targetHeight, 0, 0, "%.1f");
    ImGui::SetNextItemWidth(field);
    changed |= ImGui::InputDouble("refraction k", &state.sight.refraction, 0, 0, "%.2f");
    changed |= ImGui::Checkbox("earth curvature", &state.sight.curvature);
  }
  if (state.mode == AnalysisMode::Viewshed || state.viewshedResult) {
    ImGui::SetNextItemWidth(field);
    changed |= ImGui::InputDouble("observer height##vs", &state.viewshed.observerHeight, 0, 0, "%.1f m");
    double km = state.viewshed.radius / 1000.0;
    ImGui::SetNextItemWidth(field);
    if (ImGui::InputDouble("##radiuskm", &km, 0, 0, "%.1f")) {
      state.viewshed.radius = km * 1000.0;
      changed = true;
    }
    logItemPosition("viewshed radius field");  // the box itself (the window test types into it)
    ImGui::SameLine(0, ImGui::GetStyle().ItemInnerSpacing.x);
    ImGui::TextUnformatted("radius (km)");
    changed |= ImGui::Checkbox("sector", &state.sector);
    if (state.sector) {
      ImGui::SameLine();
      ImGui::SetNextItemWidth(field);
      changed |= ImGui::InputFloat("from°", &state.sectorFrom, 0, 0, "%.0f");
      ImGui::SameLine();
      ImGui::SetNextItemWidth(field);
      changed |= ImGui::InputFloat("to° (true)", &state.sectorTo, 0, 0, "%.0f");
    }
  }
  if (state.mode == AnalysisMode::Rings || state.rings > 0) {
    ImGui::SetNextItemWidth(field * 2);
    changed |= ImGui::InputText("radii (km)", &state.ringsKm);
  }
  if (changed) out.recompute = true;

  if (!state.error.empty()) ImGui::TextColored(ImVec4(1.0f, 0.45f, 0.4f, 1.0f), "%s", state.error.c_str());
  static const char* const kSpinner[] = {"|", "/", "-", "\\"};
  const char* spinner = kSpinner[static_cast<int>(ImGui::GetTime() * 8.0) % 4];
  if (state.computing) ImGui::Text("Computing the viewshed... %s", spinner);
  for (const std::string& name : state.savedComputing)
    ImGui::Text("Saved \"%s\": computing... %s", name.c_str(), spinner);
  if (state.measurement) drawMeasurement(*state.measurement, state.heightUnit);
  if (state.profile) drawProfile(*state.profile, state, out);
  if (state.lineOfSight) {
    const analysis::LineOfSight& los = *state.lineOfSight;
    ImGui::TextColored(los.visible ? ImVec4(0.3f, 1, 0.4f, 1) : ImVec4(1, 0.35f, 0.3f, 1), "%s over %s",
                       los.visible ? "Target visible" : "Target hidden", analysis::formatDistance(los.distance).c_str());
    if (los.firstObstruction) {
      const double along = glm::length(glm::dvec2(*los.firstObstruction) - glm::dvec2(los.observer));
      ImGui::Text("First obstruction %s from the observer (marked)", analysis::formatDistance(along).c_str());
    }
    ImGui::Text("Closest approach to the ground %.0f m", los.minClearance);
  }
  if (state.viewshedResult) {
    const analysis::Viewshed& v = *state.viewshedResult;
    const double total = static_cast<double>(v.visibleCount + v.hiddenCount);
    ImGui::Text("Visible %s (%.0f %% of the ground within %s)", render::formatArea(v.visibleArea()).c_str(),
                total > 0 ? 100.0 * v.visibleCount / total : 0.0, analysis::formatDistance(v.options.radius).c_str());
  }
  const bool result = state.measurement || state.profile || state.lineOfSight || state.viewshedResult || state.rings > 0;
  if (result || state.pointsPlaced > 0) {
    if (ImGui::Button("Clear")) out.clear = true;
  }
  if (result) {
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
    ImGui::InputText("##savename", &state.saveName);
    ImGui::SameLine();
    if (ImGui::Button("Save to scene")) out.save = state.saveName;
    if (ImGui::IsItemHovered() && !state.savedPath.empty()) ImGui::SetTooltip("into %s", state.savedPath.c_str());
  }

  ImGui::Separator();
  int grid = static_cast<int>(state.grid);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9);
  if (ImGui::Combo("grid", &grid, "none\0degrees / minutes\0UTM / MGRS\0")) out.grid = static_cast<GridKind>(grid);
  int format = static_cast<int>(state.coordinates);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9);
  if (ImGui::Combo("coordinates", &format, "decimal degrees\0DMS\0UTM\0MGRS\0"))
    state.coordinates = static_cast<analysis::CoordinateFormat>(format);
}

}  // namespace tb::ui
