// The Briefing panel's structural edits, without GL or ImGui: each runs a session command
// (session/BriefingEdits.h, undoable) and keeps the panel's selection on the step concerned.
// The viewer carries out the panel's requests with these; unit tests call them directly.
#pragma once
#include <string>

#include "briefing/Briefing.h"
#include "session/Session.h"
#include "ui/UiState.h"

namespace tb::viewer {

// A step looking from the camera described by `camera` (lat/lon through PROJ, height above sea
// level in real metres, heading from true north, pitch), holding 6 s after a 5 s flight.
briefing::Step stepFromCamera(const ui::CameraReadout& camera, const briefing::Briefing& briefing);
// The same camera as the view of an existing step (which keeps everything else).
briefing::StepView viewFromCamera(const ui::CameraReadout& camera);

// "step-N" with the smallest N not taken by another step's id.
std::string unusedStepId(const briefing::Briefing& briefing);

// Each returns "" when the briefing changed (and then selects the step concerned), else why not;
// out-of-range indices and moves past either end change nothing.
std::string addStep(session::Session& session, int& selected, briefing::Step step);  // after the selection, or last
std::string moveStep(session::Session& session, int& selected, int index, int delta);
std::string deleteStep(session::Session& session, int& selected, int index);
// One frame's step-editor request: the changed field (UiRequests::editStep) as a command, then
// the end of a gesture (a field let go, a button released), in that order, since a change made
// in the frame a field is let go belongs to that field's undo step. "" when the briefing changed
// or nothing was asked, else why not ("nothing changed" when the step is as it was).
std::string applyStepEdit(session::Session& session, const ui::UiRequests& requests);
// A selection still valid after undo/redo changed the step count (-1 when there are no steps).
int keptSelection(const session::Session& session, int selected);

// Whether a briefing's scene file is the scene shown: the same file, or a copy with the same
// bytes (the source tree's assets/<scene>/ and the data directory's copy the build makes).
bool sameScene(const std::string& a, const std::string& b);

}  // namespace tb::viewer
