// The Edit window over the 3D view: undo/redo, saving, placing pins (by clicking the terrain or
// from typed coordinates), notes, and the properties of the selected site. It reads the session's
// documents and asks for edits (session/SiteEdits.h); the viewer runs them. Also the key and
// mouse reference (F1 or ?).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "session/Session.h"
#include "ui/UiState.h"
#include "world/World.h"

namespace tb::ui {

struct AuthoringUiState {
  bool showEdit = false;    // the Edit window (Ctrl+E), closed at start so the view is clear
  bool placingPin = false;  // the next left click on the terrain places a pin
  // Drawing a path or polygon: each left click on the terrain adds a vertex (lon, lat); Enter or
  // "Finish" makes the drawing, Esc drops it.
  geo::GeometryKind drawing = geo::GeometryKind::None;
  std::vector<glm::dvec2> drawnVertices;
  std::string typedPosition;
  std::string typedSource;
  std::string noteText;
  std::string kmlPath;
  bool showHelp = false;
  // The properties form, for the site `formSite` (reloaded when the selection changes).
  std::string formSite;
  session::SiteProperties form;
  std::string precisionText;  // the precision field as typed ("" = unknown)
  std::string newCategoryLabel;
};

struct AuthoringRequests {
  std::vector<session::Edit> edits;  // run in order by the viewer
  bool undo = false, redo = false, save = false;
  std::optional<std::string> placeTyped;  // the typed text (parsed by the viewer, which knows the extent)
  std::optional<std::string> addNote;
  bool finishDrawing = false;
  std::optional<std::string> importKml, exportKml;  // a KML file
};

// selectedSiteId: the selected site's id ("" when none).
void drawAuthoringWindow(const session::Session& session, const Layout& layout, AuthoringUiState& state,
                         const std::string& selectedSiteId, AuthoringRequests& requests);
void drawHelpWindow(AuthoringUiState& state);

}  // namespace tb::ui
