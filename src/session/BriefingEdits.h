// Edits of the saved views and of the briefing's steps as commands (see Command.h): each returns
// a command, or a one-line problem and no command (nothing changes). The panels build the new
// value (a step with its title, layers, sun... changed) and these check it and wrap it.
#pragma once
#include <string>

#include "session/SiteEdits.h"

namespace tb::session {

// Views. Adding a view with the name of an existing one replaces it (one undo step).
Edit addView(const ViewsDocument& doc, scene::ViewSpec view);
Edit renameView(const ViewsDocument& doc, int index, const std::string& name);
Edit deleteView(const ViewsDocument& doc, int index);

// Why a step cannot be in `briefing` at `index` (-1: a new one), or "": an id that is empty or
// taken by another step, and the ranges the file format allows (docs/briefing-format.md): hold and
// transition 0..3600 s, orbit up to 90°/s, exaggeration in (0, 100], sun azimuth ±360°, elevation ±90°.
std::string stepProblem(const briefing::Briefing& briefing, int index, const briefing::Step& step);

// Steps. `at` may be the step count (append). Moving is by one or more places, in one undo step.
Edit addStep(const BriefingDocument& doc, int at, briefing::Step step);
Edit deleteStep(const BriefingDocument& doc, int index);
Edit moveStep(const BriefingDocument& doc, int index, int delta);
// The step at `index` becomes `after` ("edit step title", "update step view"...). Edits with the
// same non-empty merge key (typing into one field, dragging one edge) merge into one undo step.
Edit editStep(const BriefingDocument& doc, int index, briefing::Step after, std::string label,
              std::string mergeKey = {});

}  // namespace tb::session
