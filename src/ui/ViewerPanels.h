// The viewer's ImGui panels: a toolbar and status line across the top, a sidebar on the right
// (selected site's card, Sites, Layers, Views), and over the 3D view a compass, pin tooltips and
// notices. The 3D view fills the rest, so the renderer's scale bar, north arrow and stamp stay
// visible. Call between ImGuiLayer::newFrame() and render().
#pragma once
#include <vector>

#include "ui/UiState.h"
#include "world/World.h"

namespace tb::ui {

// Where the panels go for a window of this size (screen units); needs a current ImGui context.
Layout computeLayout(float windowWidth, float windowHeight, bool sidebarOpen);

void drawViewerUi(const world::World& world, const Layout& layout, ViewerUiState& state,
                  const std::vector<PinOnScreen>& pins, UiRequests& requests, double nowSeconds);

}  // namespace tb::ui
