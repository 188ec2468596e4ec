// Commands that are not plain list edits, and the documents' lookups (see Command.h, Documents.h).
#include "session/Command.h"

#include <nlohmann/json.hpp>

#include "scene/SitesWrite.h"

namespace tb::session {

const scene::Site* SitesDocument::find(const std::string& id) const {
  const int i = indexOf(id);
  return i < 0 ? nullptr : &sites[static_cast<std::size_t>(i)];
}

int SitesDocument::indexOf(const std::string& id) const {
  for (std::size_t i = 0; i < sites.size(); ++i)
    if (sites[i].id == id) return static_cast<int>(i);
  return -1;
}

bool ViewsDocument::inSceneFile(const std::string& name) const {
  for (const scene::ViewSpec& v : ofSceneFile)
    if (v.name == name) return true;
  return false;
}

std::string serialize(const Documents& docs, DocumentKind kind) {
  switch (kind) {
    case DocumentKind::Sites: {
      nlohmann::ordered_json cats = nlohmann::ordered_json::object();
      for (const auto& [key, c] : docs.sites.categories)
        cats[key] = {{"label", c.label}, {"color", scene::colorToHex(c.color)}};
      return cats.dump() + "\n" + scene::sitesToGeoJson(docs.sites.sites);
    }
    case DocumentKind::Views: return scene::viewsToJson(docs.views.views);
    case DocumentKind::Briefing: return docs.briefing.loaded ? briefing::briefingToJson(docs.briefing.briefing) : "";
  }
  return {};
}

CategoryEdit::CategoryEdit(std::string key, std::optional<scene::Category> before,
                           std::optional<scene::Category> after)
    : Command("add category", {}), key_(std::move(key)), before_(std::move(before)), after_(std::move(after)) {}

void CategoryEdit::apply(Documents& d) {
  if (after_) d.sites.categories[key_] = *after_;
  else d.sites.categories.erase(key_);
}

void CategoryEdit::undo(Documents& d) {
  if (before_) d.sites.categories[key_] = *before_;
  else d.sites.categories.erase(key_);
}

CompositeCommand::CompositeCommand(std::string label, std::vector<CommandPtr> parts)
    : Command(std::move(label), {}), parts_(std::move(parts)) {}

void CompositeCommand::apply(Documents& d) {
  for (auto& p : parts_) p->apply(d);
}

void CompositeCommand::undo(Documents& d) {
  for (auto it = parts_.rbegin(); it != parts_.rend(); ++it) (*it)->undo(d);
}

}  // namespace tb::session
