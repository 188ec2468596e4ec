// The application session: the documents being edited (sites and drawings, views, briefing), the
// command history over them, and where each is saved. Panels read documents() and call
// execute(); the viewer's Ctrl+Z / Ctrl+Shift+Z call undo()/redo(). No GL, no ImGui.
#pragma once
#include <string>

#include "scene/Scene.h"
#include "session/History.h"
#include "session/SiteEdits.h"

namespace tb::session {

class Session {
 public:
  Session();
  explicit Session(const scene::Scene& scene);  // sites, categories and views of the scene
  Session(const Session&) = delete;  // the history refers to the documents
  Session& operator=(const Session&) = delete;

  const Documents& documents() const { return docs_; }
  History& history() { return history_; }
  const History& history() const { return history_; }

  // Runs an edit: on a problem nothing changes and the problem comes back ("" when done).
  std::string execute(Edit edit);
  void execute(CommandPtr command) { history_.push(std::move(command)); }
  bool undo() { return history_.undo(); }
  bool redo() { return history_.redo(); }
  bool dirty(DocumentKind kind) const { return history_.dirty(kind); }
  bool anyDirty() const { return history_.anyDirty(); }

  // Opening a briefing replaces the briefing document; its edits leave the history.
  void openBriefing(briefing::Briefing b);

  // Saving writes atomically; on failure it throws tb::Error and the document stays dirty and
  // as it was in memory. Sites go to the scene's sites file (a new "<scene>-sites.geojson"
  // beside the scene when it has none, named in the scene file); categories to the scene file.
  void saveSites();
  void saveViews();
  void saveBriefing();
  // Save As: writes the briefing to `path` (its scene reference made relative to the new file's
  // directory), which becomes where Save writes. Returns the absolute path written.
  std::string saveBriefingAs(const std::string& path);
  void saveAll();  // every dirty document; throws at the first failure

  const std::string& scenePath() const { return scenePath_; }
  const std::string& sitesPath() const { return sitesPath_; }
  const std::string& viewsPath() const { return viewsPath_; }
  const scene::LonLatExtent& extent() const { return extent_; }

 private:
  Documents docs_;
  History history_{docs_};
  std::string scenePath_, sitesPath_, viewsPath_;
  std::map<std::string, scene::Category> savedCategories_;  // as in the scene file
  scene::LonLatExtent extent_;
};

}  // namespace tb::session
