// Files in the viewer: File > Open, the recent files, and files dropped onto the window (the
// GLFW drop callback and --test-drop both call filesDropped). A scene or briefing opens after
// the unsaved-changes question; the viewer then starts again on the new world in the same window
// (runViewer), and a scene that fails to load leaves the old one open. A raster or vector file
// becomes a layer of the open scene (kept until "Save to the scene file").
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <filesystem>

#include "briefing/Briefing.h"
#include "core/DataPaths.h"
#include "core/Error.h"
#include "core/Log.h"
#include "scene/SitesWrite.h"
#include "session/RecentFiles.h"
#include "viewer/DroppedFile.h"
#include "viewer/PresenterEdits.h"
#include "viewer/ViewerSession.h"
#include "world/WorldReload.h"

namespace tb::viewer {
namespace fs = std::filesystem;

void ViewerSession::initFiles() {
  files_.recent = session::loadRecentFiles(session::recentFilesPath(), files_.recentProblem);
  if (!files_.recentProblem.empty()) log::warn("viewer: {}", files_.recentProblem);
  files_.path = fs::absolute(world_.scene.path).parent_path().string();
}

void ViewerSession::filesDropped(const std::vector<std::string>& paths) {
  for (const std::string& p : paths) pendingDrops_.push_back(p);
  redrawFrames_ = std::max(redrawFrames_, 3);
}

std::string ViewerSession::unsavedSubject() const {
  std::vector<std::string> what;
  if (authoring_->dirty(session::DocumentKind::Sites)) what.push_back("the sites");
  if (state_.editor.dirty) what.push_back("the briefing");
  if (!addedImagery_.empty() || !addedOverlays_.empty()) what.push_back("the added layers");
  if (what.empty()) return {};
  std::string s = what[0];
  for (std::size_t i = 1; i < what.size(); ++i) s += (i + 1 == what.size() ? " and " : ", ") + what[i];
  s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
  return s + (what.size() == 1 && what[0] != "the added layers" && what[0] != "the sites" ? " has" : " have");
}

void ViewerSession::openFile(const std::string& given) {
  const std::string path = fs::absolute(resolveDataArgument(given)).lexically_normal().string();
  const ClassifiedFile f = classifyFile(path);
  log::info("viewer: opening {} ({})", path, fileKindName(f.kind));
  switch (f.kind) {
    case FileKind::Unreadable:
      notify("Cannot open " + f.problem, true);
      return;
    case FileKind::Raster:
    case FileKind::Vector:
      addLayer(path, f.kind);
      return;
    case FileKind::Scene:
    case FileKind::Briefing:
      if (const std::string what = unsavedSubject(); !what.empty()) {
        files_.askUnsaved = path;
        files_.unsavedWhat = what;
        log::info("viewer: unsaved changes: asking before opening {}", path);
        redrawFrames_ = std::max(redrawFrames_, 3);  // the question opens over the next frames
        return;
      }
      openNow(path, f.kind);
      return;
  }
}

void ViewerSession::rememberRecent(const std::string& path) {
  files_.recent = session::withRecentFile(files_.recent, path);
  const std::string where = session::recentFilesPath();
  if (where.empty()) return;
  try {
    session::saveRecentFiles(where, files_.recent);
    files_.recentProblem.clear();
  } catch (const std::exception& e) {
    log::warn("viewer: recent files not kept: {}", e.what());  // opening goes on regardless
  }
}

void ViewerSession::openNow(const std::string& path, FileKind kind) {
  try {
    ViewerOptions next = options_;
    next.present = false;
    next.briefing.reset();
    if (kind == FileKind::Briefing) {
      briefing::Briefing b = briefing::loadBriefing(path);
      if (sameScene(b.scenePath, world_.scene.path)) {  // the same scene: only the briefing changes
        openBriefing(path);
        if (briefingDoc().briefing.path == b.path) rememberRecent(path);  // opened, not refused
        return;
      }
      next.scenePath = b.scenePath;
      next.briefing = std::move(b);
    } else {
      next.scenePath = path;
    }
    notify("Opening " + next.scenePath + "...", false);
    world::World w = world::loadWorld(next.scenePath);
    if (next.briefing) briefing::validateAgainst(*next.briefing, w.scene);
    rememberRecent(path);
    log::info("viewer: opened {} ({} sites); the viewer starts again on it", next.scenePath, w.sites.size());
    next_.emplace(NextScene{std::move(next), std::move(w)});
  } catch (const std::exception& e) {
    notify(std::string("Could not open it (the scene shown stays open): ") + e.what(), true);
  }
}

// The scene as it is (sites as edited) with one more layer, loaded again: a layer that does not
// load leaves everything as it was.
void ViewerSession::addLayer(const std::string& path, FileKind kind) {
  scene::Scene sc = world_.scene;
  const std::string name = fs::path(path).stem().string();
  if (kind == FileKind::Raster) {
    scene::ImageryLayerSpec spec;
    spec.name = name;
    spec.path = path;
    sc.imagery.push_back(spec);
  } else {
    scene::OverlaySpec spec;
    spec.name = name;
    spec.path = path;
    spec.color = glm::vec4(1.0f, 0.85f, 0.25f, 1.0f);
    spec.widthPx = 2.5f;
    sc.overlays.push_back(spec);
  }
  try {
    world::World w = world::loadWorld(std::move(sc));
    renderer_.reset();  // it refers to the world being replaced
    world_ = std::move(w);
    renderer_ = std::make_unique<render::SceneRenderer>(world_);
    areaSignature_ = areaSitesSignature(world_.scene.sites);
    nav_.setGroundDetail(world_.groundDetail.get());  // first: the old world's is gone, and
    nav_.setTerrain(&world_.heights, appliedExaggeration_);  // this clamps the pose through it
    if (kind == FileKind::Raster) addedImagery_.push_back(world_.scene.imagery.back());
    else addedOverlays_.push_back(world_.scene.overlays.back());
    files_.layersUnsaved = static_cast<int>(addedImagery_.size() + addedOverlays_.size());
    notify(fmt::format("Added the {} layer \"{}\" (File > Save to the scene file keeps it)",
                       kind == FileKind::Raster ? "imagery" : "overlay", name), false);
    log::info("viewer: added {} layer \"{}\" from {}", kind == FileKind::Raster ? "imagery" : "overlay", name, path);
  } catch (const std::exception& e) {
    notify(std::string("Could not add the layer (nothing changed): ") + e.what(), true);
  }
}

bool ViewerSession::saveAddedLayers() {
  if (addedImagery_.empty() && addedOverlays_.empty()) return true;
  try {
    scene::addLayersToSceneFile(world_.scene.path, addedImagery_, addedOverlays_);
    notify(fmt::format("Saved {} layer{} to {}", files_.layersUnsaved, files_.layersUnsaved == 1 ? "" : "s",
                       world_.scene.path), false);
    addedImagery_.clear();
    addedOverlays_.clear();
    files_.layersUnsaved = 0;
    return true;
  } catch (const std::exception& e) {
    notify(std::string("Could not save the layers (they stay in this session): ") + e.what(), true);
  }
  return false;
}

void ViewerSession::handleFileRequests(const ui::FileRequests& r) {
  std::vector<std::string> drops;
  drops.swap(pendingDrops_);
  for (const std::string& p : drops) {
    log::info("viewer: file dropped: {}", p);
    openFile(p);
  }
  if (r.open) openFile(*r.open);
  if (r.saveLayers) saveAddedLayers();
  if (r.unsavedChoice && files_.askUnsaved) {
    const std::string path = *files_.askUnsaved;
    files_.askUnsaved.reset();
    bool go = *r.unsavedChoice == ui::LeaveChoice::Discard;
    if (*r.unsavedChoice == ui::LeaveChoice::Save)
      go = (!authoring_->dirty(session::DocumentKind::Sites) || saveSiteEdits()) &&
           (!state_.editor.dirty || saveBriefingEdits()) && saveAddedLayers();
    log::info("viewer: unsaved changes before opening: {}", *r.unsavedChoice == ui::LeaveChoice::Save      ? "save"
                                                           : *r.unsavedChoice == ui::LeaveChoice::Discard ? "discard"
                                                                                                          : "cancel");
    if (go) openNow(path, classifyFile(path).kind);
  }
}

std::optional<ViewerSession::NextScene> ViewerSession::takeNextScene() {
  std::optional<NextScene> n = std::move(next_);
  next_.reset();
  return n;
}

}  // namespace tb::viewer
