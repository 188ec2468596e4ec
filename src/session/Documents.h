// The documents a viewing session edits: the scene's sites and drawings (with their categories),
// its saved views, and the briefing. Owned by session::Session; panels read them and change them
// only through commands (session/Command.h). No GL, no ImGui.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "briefing/Briefing.h"
#include "scene/Scene.h"

namespace tb::session {

enum class DocumentKind { Sites, Views, Briefing };
constexpr int kDocumentKinds = 3;

// Pins, paths, polygons and notes: one list (scene::Site), saved to the scene's sites GeoJSON;
// categories are saved to the scene file (a new category is added there).
struct SitesDocument {
  std::vector<scene::Site> sites;
  std::map<std::string, scene::Category> categories;

  const scene::Site* find(const std::string& id) const;
  int indexOf(const std::string& id) const;  // -1 when absent
};

struct ViewsDocument {
  std::vector<scene::ViewSpec> views;
  // Views the scene file itself defines (as it defines them): not renamed or deleted here, and
  // written to the views file only once replaced (the views file's version then wins on loading).
  std::vector<scene::ViewSpec> ofSceneFile;
  bool inSceneFile(const std::string& name) const;
};

struct BriefingDocument {
  bool loaded = false;
  briefing::Briefing briefing;  // briefing.path: where Save writes
};

struct Documents {
  SitesDocument sites;
  ViewsDocument views;
  BriefingDocument briefing;
};

// Canonical text of a document (what would be saved), for comparing states in tests and logs.
std::string serialize(const Documents& docs, DocumentKind kind);

}  // namespace tb::session
