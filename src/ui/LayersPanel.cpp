// The Layers section: imagery order, visibility and opacity, vector overlays, vertical
// exaggeration, sun, fog, labels and terrain detail. Edits FrameSettings directly (the viewer
// passes it, imageryOrder included, to every frame and screenshot): the next frame shows them.
#include <imgui.h>

#include <cmath>
#include <optional>
#include <string>
#include <utility>

#include "core/Log.h"
#include "ui/LayerOrder.h"
#include "ui/PanelParts.h"

namespace tb::ui {

void drawLayersSection(const world::World& world, ViewerUiState& state) {
  render::FrameSettings& f = state.frame;
  f.imagery.resize(world.imagery.size());
  f.overlays.resize(world.overlays.size(), 1);

  // Listed top first, as drawn: the first row covers the ones below it where both are opaque.
  f.imageryOrder = validLayerOrder(f.imageryOrder, world.imagery.size());
  ImGui::TextDisabled("Imagery (the top row is drawn on top)");
  const std::size_t layerCount = f.imageryOrder.size();
  std::optional<std::pair<std::size_t, bool>> move;  // position (0 = bottom), up
  for (std::size_t row = 0; row < layerCount; ++row) {
    const std::size_t position = layerCount - 1 - row;
    const std::size_t i = f.imageryOrder[position];
    ImGui::PushID(static_cast<int>(i));
    ImGui::BeginDisabled(row == 0);
    if (ImGui::ArrowButton("##up", ImGuiDir_Up)) move = {position, true};
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Draw above the layer listed over it");
    logItemPosition("imagery up", world.imagery[i].spec.name);
    ImGui::EndDisabled();
    ImGui::SameLine(0, 2);
    ImGui::BeginDisabled(row + 1 == layerCount);
    if (ImGui::ArrowButton("##down", ImGuiDir_Down)) move = {position, false};
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Draw below the layer listed under it");
    logItemPosition("imagery down", world.imagery[i].spec.name);
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::Checkbox(world.imagery[i].spec.name.c_str(), &f.imagery[i].visible);
    if (world.imagery[i].raster.synthetic) {
      ImGui::SameLine();
      ImGui::TextDisabled("(synthetic)");
    }
    ImGui::BeginDisabled(!f.imagery[i].visible);
    ImGui::SetNextItemWidth(-1);
    ImGui::SliderFloat("##opacity", &f.imagery[i].opacity, 0.0f, 1.0f, "opacity %.2f");
    ImGui::EndDisabled();
    ImGui::PopID();
  }
  // After the loop, so every row of this frame shows the same order.
  if (move && moveLayer(f.imageryOrder, layerCount, move->first, move->second)) {
    std::string order;
    for (std::size_t i : f.imageryOrder) order += (order.empty() ? "" : ", ") + world.imagery[i].spec.name;
    log::info("ui: imagery drawn bottom to top: {}", order);
  }
  if (world.imagery.empty()) ImGui::TextDisabled("The scene has no imagery.");

  ImGui::Spacing();
  ImGui::TextDisabled("Overlays");
  for (std::size_t i = 0; i < world.overlays.size(); ++i) {
    bool on = f.overlays[i] != 0;
    ImGui::PushID(1000 + static_cast<int>(i));
    const glm::vec4 c = world.overlays[i].spec.color;
    ImGui::TextColored(ImVec4(c.r, c.g, c.b, 1.0f), "■");
    ImGui::SameLine();
    if (ImGui::Checkbox(world.overlays[i].spec.name.c_str(), &on)) f.overlays[i] = on ? 1 : 0;
    logItemPosition("overlay", world.overlays[i].spec.name);
    ImGui::PopID();
  }
  if (world.overlays.empty()) ImGui::TextDisabled("The scene has no vector overlays.");

  ImGui::Spacing();
  ImGui::TextDisabled("Terrain and light");
  const float labelWidth = ImGui::GetFontSize() * 7.5f;
  auto slider = [&](const char* label, double& value, float lo, float hi, const char* format, ImGuiSliderFlags flags) {
    float v = static_cast<float>(value);
    ImGui::SetNextItemWidth(-labelWidth);
    if (ImGui::SliderFloat(label, &v, lo, hi, format, flags | ImGuiSliderFlags_AlwaysClamp)) value = v;
  };
  slider("Exaggeration", f.exaggeration, 1.0f, 5.0f, "%.1f×", 0);
  slider("Sun azimuth", f.sunAzimuthDeg, 0.0f, 360.0f, "%.0f°", 0);
  slider("Sun elevation", f.sunElevationDeg, 0.0f, 90.0f, "%.0f°", 0);
  slider("Detail (τ)", f.tauPixels, 0.5f, 16.0f, "%.1f px", ImGuiSliderFlags_Logarithmic);
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("Largest terrain error on screen, in pixels: smaller is finer and slower");
  ImGui::Checkbox("Fog", &f.fog);
  ImGui::SameLine();
  ImGui::Checkbox("Labels", &f.labels);
  ImGui::SameLine();
  ImGui::Checkbox("Scale bar", &f.decorations);
}

}  // namespace tb::ui
