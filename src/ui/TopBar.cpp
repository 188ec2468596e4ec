// The toolbar (home, orbit/fly, face north, screenshot and its size, sidebar toggle) and, under
// it, the status line: what lies under the cursor, where the camera is, how fast frames are.
#include <fmt/format.h>
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cmath>

#include "analysis/Coordinates.h"
#include "ui/PanelParts.h"

namespace tb::ui {
namespace {

std::string groupedThousands(double value) {
  const long long v = std::llround(value);
  std::string digits = std::to_string(v < 0 ? -v : v), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return (v < 0 ? "-" : "") + out;
}

std::string latLonText(double latDeg, double lonDeg, int decimals) {
  return fmt::format("{:.{}f}° {}  {:.{}f}° {}", std::fabs(latDeg), decimals, latDeg < 0 ? "S" : "N",
                     std::fabs(lonDeg), decimals, lonDeg < 0 ? "W" : "E");
}

void drawToolbar(ViewerUiState& state, UiRequests& requests) {
  if (ImGui::Button("File")) requests.showFiles = true;
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Open a scene or briefing, or add a raster or vector layer (Ctrl+O; or drop files here)");
  logItemPosition("file button");
  ImGui::SameLine();
  if (ImGui::Button("Home")) requests.home = true;
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Fly back to the overview (Home key)");
  ImGui::SameLine();
  int mode = state.flyMode ? 1 : 0;
  if (ImGui::RadioButton("Orbit", &mode, 0)) requests.setFlyMode = false;
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("Left-drag rotates about the ground, right/middle-drag pans, wheel zooms (F toggles)");
  ImGui::SameLine();
  if (ImGui::RadioButton("Fly", &mode, 1)) requests.setFlyMode = true;
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("W A S D move, Q E down/up, Shift faster, drag to look (F toggles)");
  ImGui::SameLine();
  if (ImGui::Button("Face north")) requests.faceNorth = true;
  ImGui::SameLine();
  ImGui::TextDisabled("|");
  ImGui::SameLine();
  ImGui::BeginDisabled(state.busy);
  if (ImGui::Button("Screenshot")) requests.screenshot = true;
  ImGui::EndDisabled();
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
    ImGui::SetTooltip("Save the 3D view without the panels to ./screenshots (F12)");
  ImGui::SameLine();
  static const char* kScales[] = {"view size", "2x", "4x", "W x H"};
  int scale = static_cast<int>(state.screenshot.scale);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6.5f);
  if (ImGui::Combo("##shotsize", &scale, kScales, IM_ARRAYSIZE(kScales)))
    state.screenshot.scale = static_cast<ScreenshotScale>(scale);
  if (state.screenshot.scale == ScreenshotScale::Explicit) {
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 4.5f);
    ImGui::InputInt("##shotw", &state.screenshot.width, 0, 0);
    ImGui::SameLine();
    ImGui::TextUnformatted("x");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 4.5f);
    ImGui::InputInt("##shoth", &state.screenshot.height, 0, 0);
  }
  // The sidebar toggle sits at the right end.
  const char* toggle = state.sidebarOpen ? "Hide panel" : "Show panel";
  const float w = ImGui::CalcTextSize(toggle).x + ImGui::GetStyle().FramePadding.x * 2;
  const float x = ImGui::GetWindowContentRegionMax().x - w;
  ImGui::SameLine();
  if (ImGui::GetCursorPosX() < x) ImGui::SetCursorPosX(x);
  if (ImGui::Button(toggle)) state.sidebarOpen = !state.sidebarOpen;
}

void drawStatusLine(const ViewerUiState& state) {
  const StatusInfo& s = state.status;
  // The cursor readout comes from a ray pick on the 10 m DEM: four decimals (~11 m) and whole
  // metres are all it supports.
  const analysis::CoordinateFormat format = state.analysis.coordinates;
  const std::string where = format == analysis::CoordinateFormat::DecimalDegrees
                                ? latLonText(s.cursor.latDeg, s.cursor.lonDeg, 4)
                                : analysis::formatCoordinate({s.cursor.lonDeg, s.cursor.latDeg}, format, 4);
  std::string cursor = s.cursor.onTerrain
                           ? fmt::format("Cursor {}  ·  {} {}", where, groupedThousands(s.cursor.elevationM),
                                         state.analysis.heightUnit)
                           : std::string("Cursor: not over the terrain");
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(cursor.c_str());
  ImGui::SameLine(0, ImGui::GetFontSize() * 2);
  const std::string heading = s.camera.located
                                  ? fmt::format("{:03.0f}°", std::fmod(std::round(s.camera.headingDeg) + 360.0, 360.0))
                                  : std::string("—");
  ImGui::Text("Camera %s m (%s m above ground), heading %s, pitch %.0f°", groupedThousands(s.camera.heightM).c_str(),
              groupedThousands(s.camera.groundHeightM).c_str(), heading.c_str(), s.camera.pitchDeg);
  ImGui::SameLine(0, ImGui::GetFontSize() * 2);
  const std::string tris = s.triangles >= 1000000 ? fmt::format("{:.2f} M", s.triangles / 1e6)
                                                  : groupedThousands(static_cast<double>(s.triangles));
  ImGui::Text("%.1f ms  ·  %s triangles", s.frameMs, tris.c_str());
}

}  // namespace

void drawTopBar(const world::World& world, const Layout& layout, ViewerUiState& state, UiRequests& requests) {
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(ImVec2(layout.windowWidth, layout.topBarHeight));
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove |
                                 ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings |
                                 ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoBringToFrontOnFocus |
                                 ImGuiWindowFlags_NoBackground;  // kPanelBackground, cleared by the viewer
  if (ImGui::Begin("##topbar", nullptr, flags)) {
    drawToolbar(state, requests);
    drawStatusLine(state);
  }
  ImGui::End();
}

}  // namespace tb::ui
