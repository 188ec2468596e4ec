// Layout and assembly of the viewer's panels (see ViewerPanels.h).
#include "ui/ViewerPanels.h"

#include <algorithm>

#include "ui/PanelParts.h"

namespace tb::ui {

std::string categoryLabel(const world::World& world, const std::string& key) {
  const auto it = world.scene.categories.find(key);
  return it != world.scene.categories.end() && !it->second.label.empty() ? it->second.label : key;
}

ImVec4 categoryColor(const world::World& world, const std::string& key) {
  const auto it = world.scene.categories.find(key);
  if (it == world.scene.categories.end()) return ImVec4(0.6f, 0.6f, 0.6f, 1.0f);
  const glm::vec4 c = it->second.color;
  return ImVec4(c.r, c.g, c.b, 1.0f);
}

Layout computeLayout(float windowWidth, float windowHeight, bool sidebarOpen) {
  Layout l;
  l.windowWidth = windowWidth;
  l.windowHeight = windowHeight;
  const ImGuiStyle& style = ImGui::GetStyle();
  // Two rows (toolbar, status line) of framed widgets plus the window padding.
  l.topBarHeight = std::round(2 * ImGui::GetFrameHeight() + style.ItemSpacing.y + 2 * style.WindowPadding.y);
  const float fontSize = ImGui::GetFontSize();
  l.sidebarWidth = sidebarOpen ? std::round(std::clamp(windowWidth * 0.3f, fontSize * 20, fontSize * 28)) : 0.0f;
  // Keep a usable 3D view in small windows.
  l.sidebarWidth = std::min(l.sidebarWidth, std::max(0.0f, windowWidth - 160.0f));
  l.topBarHeight = std::min(l.topBarHeight, std::max(0.0f, windowHeight - 120.0f));
  return l;
}

void drawViewerUi(const world::World& world, const Layout& layout, ViewerUiState& state,
                  const std::vector<PinOnScreen>& pins, UiRequests& requests, double nowSeconds) {
  drawTopBar(world, layout, state, requests);

  if (layout.sidebarWidth > 0) {
    ImGui::SetNextWindowPos(ImVec2(layout.viewWidth(), layout.topBarHeight));
    ImGui::SetNextWindowSize(ImVec2(layout.sidebarWidth, layout.viewHeight()));
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize |
                                   ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoCollapse |
                                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus |
                                   ImGuiWindowFlags_NoBackground;  // kPanelBackground, cleared by the viewer
    if (ImGui::Begin("##sidebar", nullptr, flags)) {
      if (state.selectedSite >= 0 && state.selectedSite < static_cast<int>(world.sites.size()))
        drawSiteCard(world, state, requests);
      // A loaded briefing is what the user came to work on: its section first.
      const bool briefingLoaded = state.documents && state.documents->briefing.loaded;
      if (briefingLoaded && ImGui::CollapsingHeader("Briefing", ImGuiTreeNodeFlags_DefaultOpen))
        drawBriefingSection(world, state, requests);
      const bool analysisOpen = ImGui::CollapsingHeader("Analysis");
      logItemPosition("analysis header");
      if (analysisOpen) drawAnalysisSection(world, state.analysis, requests.analysis);
      if (ImGui::CollapsingHeader("Sites", ImGuiTreeNodeFlags_DefaultOpen)) drawSitesSection(world, state, requests);
      const bool layersOpen = ImGui::CollapsingHeader("Layers");
      logItemPosition("layers header");
      if (layersOpen) drawLayersSection(world, state);
      const bool viewsOpen = ImGui::CollapsingHeader("Views");
      logItemPosition("views header");
      if (viewsOpen) drawViewsSection(world, state, requests);
      if (!briefingLoaded && ImGui::CollapsingHeader("Briefing")) drawBriefingSection(world, state, requests);
    }
    ImGui::End();
  }

  drawViewOverlay(world, layout, state, pins, requests, nowSeconds);
  drawLeaveQuestion(state, requests);
}

}  // namespace tb::ui
