// The session's documents and their saving (see Session.h).
#include "session/Session.h"

#include <algorithm>
#include <filesystem>

#include "core/Error.h"
#include "scene/SitesWrite.h"

namespace tb::session {
namespace fs = std::filesystem;

namespace {

bool sameCategories(const std::map<std::string, scene::Category>& a, const std::map<std::string, scene::Category>& b) {
  if (a.size() != b.size()) return false;
  for (auto ia = a.begin(), ib = b.begin(); ia != a.end(); ++ia, ++ib)
    if (ia->first != ib->first || ia->second.label != ib->second.label || ia->second.color != ib->second.color)
      return false;
  return true;
}

}  // namespace

Session::Session() = default;

Session::Session(const scene::Scene& scene)
    : scenePath_(scene.path), sitesPath_(scene.sitesPath), viewsPath_(scene.viewsPath), extent_(scene.extent) {
  docs_.sites.sites = scene.sites;
  docs_.sites.categories = scene.categories;
  docs_.views.views = scene.views;
  std::vector<scene::ViewSpec> inFile;
  std::error_code ec;
  if (!viewsPath_.empty() && fs::exists(viewsPath_, ec)) inFile = scene::loadViews(viewsPath_);
  for (const scene::ViewSpec& v : scene.views)
    if (std::none_of(inFile.begin(), inFile.end(), [&](const scene::ViewSpec& f) { return f.name == v.name; }))
      docs_.views.ofSceneFile.push_back(v);
  savedCategories_ = scene.categories;
}

std::string Session::execute(Edit edit) {
  if (!edit) return edit.problem.empty() ? "nothing to do" : edit.problem;
  history_.push(std::move(edit.command));
  return {};
}

void Session::openBriefing(briefing::Briefing b) {
  docs_.briefing.briefing = std::move(b);
  docs_.briefing.loaded = true;
  // The history's briefing commands index the old briefing's steps: the history starts again,
  // the other documents keep their unsaved state.
  history_.restart(DocumentKind::Briefing);
}

void Session::saveSites() {
  const std::string sitesPath =
      !sitesPath_.empty() ? sitesPath_
                          : (fs::path(scenePath_).parent_path() / (fs::path(scenePath_).stem().string() + "-sites.geojson"))
                                .string();
  if (scenePath_.empty() && sitesPath_.empty()) throw Error("sites", "no scene file to save the sites beside");
  for (const scene::Site& s : docs_.sites.sites)
    if (!docs_.sites.categories.count(s.category))
      throw Error(sitesPath, "site \"" + s.name + "\": category \"" + s.category + "\" is not defined");
  const bool newFile = sitesPath_.empty();
  scene::saveSites(sitesPath, docs_.sites.sites);
  if (newFile || !sameCategories(savedCategories_, docs_.sites.categories)) {
    scene::updateSceneFile(scenePath_, docs_.sites.categories, newFile ? sitesPath : std::string());
    savedCategories_ = docs_.sites.categories;
  }
  sitesPath_ = sitesPath;
  history_.markSaved(DocumentKind::Sites);
}

void Session::saveViews() {
  if (viewsPath_.empty()) throw Error("views", "no views file to save to");
  // The scene file's own views stay there unless they were replaced.
  std::vector<scene::ViewSpec> toFile;
  for (const scene::ViewSpec& v : docs_.views.views) {
    const auto own = std::find_if(docs_.views.ofSceneFile.begin(), docs_.views.ofSceneFile.end(),
                                  [&](const scene::ViewSpec& o) { return o.name == v.name; });
    if (own == docs_.views.ofSceneFile.end() || scene::viewsToJson({*own}) != scene::viewsToJson({v}))
      toFile.push_back(v);
  }
  scene::saveViews(viewsPath_, toFile);
  history_.markSaved(DocumentKind::Views);
}

void Session::saveBriefing() {
  if (!docs_.briefing.loaded || docs_.briefing.briefing.path.empty())
    throw Error("briefing", "the briefing has no file to save to");
  briefing::saveBriefing(docs_.briefing.briefing.path, docs_.briefing.briefing);
  history_.markSaved(DocumentKind::Briefing);
}

std::string Session::saveBriefingAs(const std::string& path) {
  if (!docs_.briefing.loaded) throw Error("briefing", "no briefing is open");
  if (path.empty()) throw Error("briefing", "no file name to save the briefing as");
  const fs::path target = fs::absolute(path).lexically_normal();
  briefing::Briefing b = docs_.briefing.briefing;
  std::error_code ec;
  const fs::path scene = fs::absolute(b.scenePath).lexically_normal();
  const fs::path rel = fs::relative(scene, target.parent_path(), ec);
  b.scene = ec || rel.empty() ? scene.string() : rel.generic_string();  // the format's rule: relative to the file
  briefing::saveBriefing(target.string(), b);
  // Where the briefing lives is not an edit: the history's step commands stay valid.
  docs_.briefing.briefing.path = target.string();
  docs_.briefing.briefing.scene = b.scene;
  history_.markSaved(DocumentKind::Briefing);
  return target.string();
}

void Session::saveAll() {
  if (dirty(DocumentKind::Sites)) saveSites();
  if (dirty(DocumentKind::Views)) saveViews();
  if (dirty(DocumentKind::Briefing)) saveBriefing();
}

}  // namespace tb::session
