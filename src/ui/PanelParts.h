// The pieces ViewerPanels.cpp assembles (one file each); internal to ui/.
#pragma once
#include <string>

#include <imgui.h>

#include "ui/UiState.h"
#include "world/World.h"

namespace tb::ui {

void drawTopBar(const world::World& world, const Layout& layout, ViewerUiState& state, UiRequests& requests);
void drawSiteCard(const world::World& world, ViewerUiState& state, UiRequests& requests);
void drawSitesSection(const world::World& world, ViewerUiState& state, UiRequests& requests);
void drawLayersSection(const world::World& world, ViewerUiState& state);
void drawViewsSection(const world::World& world, ViewerUiState& state, UiRequests& requests);
void drawBriefingSection(const world::World& world, ViewerUiState& state, UiRequests& requests);
void drawAnalysisSection(const world::World& world, AnalysisUiState& state, AnalysisRequests& requests);
void drawLeaveQuestion(ViewerUiState& state, UiRequests& requests);  // the unsaved-changes modal
void drawViewOverlay(const world::World& world, const Layout& layout, ViewerUiState& state,
                     const std::vector<PinOnScreen>& pins, UiRequests& requests, double nowSeconds);

// The selected briefing step's fields (StepEditor.cpp); a change goes out as requests.editStep.
void drawStepEditor(const world::World& world, int index, const briefing::Step& step, UiRequests& requests);
// A button that logs (debug) where it is, "ui: briefing button "<label>" at x,y", when it moves.
bool placedButton(const char* label);

// Logs (debug) where the last item's centre is, "ui: <what> "<name>" at x,y", when it moves: the
// real-window tests click items by it.
void logItemPosition(const char* what, const std::string& name = {});
// The same for a point inside the last item (a part of it, like a number field's + button).
void logPosition(const char* what, const std::string& name, ImVec2 centre);

// A category's display label and colour (the key itself and grey when the scene lacks it).
std::string categoryLabel(const world::World& world, const std::string& key);
ImVec4 categoryColor(const world::World& world, const std::string& key);

}  // namespace tb::ui
