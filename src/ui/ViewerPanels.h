// The viewer's ImGui panels: a toolbar and status line across the top, a sidebar on the right
// (selected site's card, Sites, Layers, Views), and over the 3D view pin and compass tooltips and
// notices. The 3D view fills the rest, so the renderer's scale bar, north arrow (the compass) and
// stamp stay visible. Call between ImGuiLayer::newFrame() and render().
#pragma once
#include <vector>

#include "ui/UiState.h"
#include "world/World.h"

namespace tb::ui {

// The top bar and the sidebar draw no background of their own: the viewer clears their rectangles
// to this colour first (a scissored glClear, opaque). ImGui would blend two textured quads over a
// third of the window every frame; with llvmpipe at 1280x720 the clear measured ~0.2 ms less
// (`terrabrief bench --viewer`), and nothing stale shows through the 3% transparency.
inline constexpr float kPanelBackground[3] = {0.10f, 0.11f, 0.13f};

// Where the panels go for a window of this size (screen units); needs a current ImGui context.
Layout computeLayout(float windowWidth, float windowHeight, bool sidebarOpen);

void drawViewerUi(const world::World& world, const Layout& layout, ViewerUiState& state,
                  const std::vector<PinOnScreen>& pins, UiRequests& requests, double nowSeconds);

}  // namespace tb::ui
