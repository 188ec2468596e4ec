// The Briefing panel's edits to a briefing, without GL or ImGui: adding the current camera as a
// step, moving and deleting steps, keeping the selection and the unsaved-changes flag right.
// The viewer carries out the panel's requests with these; unit tests call them directly.
#pragma once
#include <string>

#include "briefing/Briefing.h"
#include "ui/UiState.h"

namespace tb::viewer {

// A step looking from the camera described by `camera` (lat/lon through PROJ, height above sea
// level in real metres, heading from true north, pitch), holding 6 s after a 5 s flight.
briefing::Step stepFromCamera(const ui::CameraReadout& camera, const briefing::Briefing& briefing);

// "step-N" with the smallest N not taken by another step's id.
std::string unusedStepId(const briefing::Briefing& briefing);

// Each returns true when the briefing changed (and then marks it dirty and selects the step
// concerned); out-of-range indices and moves past either end change nothing.
bool addStep(ui::BriefingEditorState& editor, briefing::Step step);  // after the selection, or last
bool moveStep(ui::BriefingEditorState& editor, int index, int delta);
bool deleteStep(ui::BriefingEditorState& editor, int index);

// Loads (and checks against the scene) a briefing into the editor: clean, first step selected.
void loadIntoEditor(ui::BriefingEditorState& editor, briefing::Briefing briefing);
// Saves atomically to editor.briefing.path and clears dirty; throws tb::Error and stays dirty.
void saveEditor(ui::BriefingEditorState& editor);
// Save As: writes the briefing to `path` (its scene reference made relative to the new file's
// directory), which becomes where Save writes. Returns the absolute path written.
std::string saveEditorAs(ui::BriefingEditorState& editor, const std::string& path);

// Whether a briefing's scene file is the scene shown: the same file, or a copy with the same
// bytes (the source tree's assets/<scene>/ and the data directory's copy the build makes).
bool sameScene(const std::string& a, const std::string& b);

}  // namespace tb::viewer
