// The Edit window's requests inside the viewer: every change to sites and drawings is a command
// of the session (session/), run here; the world and renderer then follow the document.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "core/Error.h"
#include "core/Log.h"
#include "render/SceneRenderer.h"
#include "render/SiteDrawings.h"
#include "session/SitesKml.h"
#include "viewer/ViewerSession.h"

namespace tb::viewer {
namespace {

}  // namespace

std::string areaSitesSignature(const std::vector<scene::Site>& sites) {
  std::string s;
  for (const scene::Site& site : sites) {
    if (site.honesty != scene::Honesty::Area || render::isUserDrawing(site)) continue;  // drawings: per-frame overlay
    s += site.id + ":" + site.category + ":" + site.uncertainEnd;
    for (const auto& part : site.lonLat)
      for (glm::dvec2 p : part) s += fmt::format(" {},{}", p.x, p.y);
    s += ";";
  }
  return s;
}

namespace {

// One significant digit, rounded up: a precision is never claimed finer than it is.
double roundedUp(double metres) {
  const double magnitude = std::pow(10.0, std::floor(std::log10(std::max(metres, 0.1))));
  return std::ceil(metres / magnitude) * magnitude;
}

}  // namespace

std::string ViewerSession::selectedSiteId() const {
  const int i = state_.selectedSite;
  return i >= 0 && i < static_cast<int>(world_.sites.size()) ? world_.sites[static_cast<std::size_t>(i)].site->id : "";
}

void ViewerSession::syncSites() {
  const std::string selected = selectedSiteId();
  const session::SitesDocument& doc = authoring_->documents().sites;
  try {
    world::replaceSites(world_, doc.sites, doc.categories);
  } catch (const Error& e) {
    notify(std::string("Cannot show the sites: ") + e.what(), true);
  }
  state_.selectedSite = -1;
  for (std::size_t i = 0; i < world_.sites.size(); ++i)
    if (world_.sites[i].site->id == selected) state_.selectedSite = static_cast<int>(i);
  const std::string areas = areaSitesSignature(world_.scene.sites);
  if (areas != areaSignature_) {
    // Area outlines are draped once when the renderer is made; a changed set needs a new one.
    areaSignature_ = areas;
    renderer_ = std::make_unique<render::SceneRenderer>(world_);
  }
  redrawFrames_ = std::max(redrawFrames_, 3);
}

void ViewerSession::runEdit(session::Edit edit) {
  const std::string problem = authoring_->execute(std::move(edit));
  if (!problem.empty()) {
    notify("Not done: " + problem, true);
    return;
  }
  log::info("authoring: {} ({} sites)", authoring_->history().undoLabel(), authoring_->documents().sites.sites.size());
  syncSites();
}

void ViewerSession::undoEdit() {
  const std::string label = authoring_->history().undoLabel();
  if (!authoring_->undo()) {
    notify("Nothing to undo", false);
    return;
  }
  log::info("authoring: undid {}; next undo: {}", label, authoring_->history().canUndo() ? authoring_->history().undoLabel() : "nothing");
  syncDocuments();
}

void ViewerSession::redoEdit() {
  const std::string label = authoring_->history().redoLabel();
  if (!authoring_->redo()) {
    notify("Nothing to redo", false);
    return;
  }
  log::info("authoring: redid {}", label);
  syncDocuments();
}

bool ViewerSession::saveSiteEdits() {
  try {
    authoring_->saveSites();
    notify("Saved the sites to " + authoring_->sitesPath(), false);
    return true;
  } catch (const std::exception& e) {
    notify(std::string("Could not save the sites (they are kept here, unsaved): ") + e.what(), true);
  }
  return false;
}

// The category a new pin gets: the scene's first, or "My places" added with the pin.
void ViewerSession::placePinAtCursor() {
  const int vpH = std::max(1, static_cast<int>(layout_.viewHeight()));
  const CameraPose& pose = nav_.pose();
  const auto hit = groundUnderCursor();
  if (!hit) {
    notify("No terrain under the cursor: click the ground to place a pin", true);
    return;
  }
  // What one pixel covers there, never finer than the DEM's cells.
  const double pixel = glm::length(*hit - pose.eye) * 2.0 * std::tan(glm::radians(pose.fovYDeg) * 0.5) / vpH;
  const double precision = roundedUp(std::max(pixel, world_.demGrid.cellSize));
  const glm::dvec2 lonLat = world_.toLonLat(glm::dvec2(hit->x, hit->y));
  if (authoringUi_.drawing != geo::GeometryKind::None) {
    authoringUi_.drawnVertices.push_back(lonLat);
    log::info("authoring: vertex {} at {:.6f}, {:.6f}", authoringUi_.drawnVertices.size(), lonLat.y, lonLat.x);
    return;
  }
  const session::SitesDocument& doc = authoring_->documents().sites;
  std::string category = doc.categories.empty() ? "place" : doc.categories.begin()->first;
  scene::Site pin = session::clickedPin(doc, lonLat, precision, category);
  const std::string id = pin.id;
  session::Edit add = session::addSite(doc, std::move(pin));
  if (add && doc.categories.empty()) {
    std::vector<session::CommandPtr> parts;
    parts.push_back(std::make_unique<session::CategoryEdit>(
        category, std::nullopt, scene::Category{"My places", glm::vec4(0.91f, 0.64f, 0.24f, 1.0f)}));
    parts.push_back(std::move(add.command));
    add.command = std::make_unique<session::CompositeCommand>("place pin", std::move(parts));
  }
  runEdit(std::move(add));
  log::info("authoring: pin {} at {:.6f}, {:.6f} (precision {:.0f} m)", id, lonLat.y, lonLat.x, precision);
  for (std::size_t i = 0; i < world_.sites.size(); ++i)
    if (world_.sites[i].site->id == id) state_.selectedSite = static_cast<int>(i);
  authoringUi_.placingPin = false;
}

// Placemarks become sites in one undoable step; a point outside the scene refuses the whole file.
void ViewerSession::importKmlFile(const std::string& path) {
  const session::SitesDocument& doc = authoring_->documents().sites;
  try {
    const std::string category = doc.categories.empty() ? "imported" : doc.categories.begin()->first;
    std::vector<scene::Site> sites = session::importKml(path, doc, category);
    for (const scene::Site& s : sites)
      if (s.kind == geo::GeometryKind::Point)
        if (std::string p = session::outsideProblem(s.lonLat[0][0], authoring_->extent()); !p.empty())
          throw Error(path, "\"" + s.name + "\": " + p);
    std::vector<session::CommandPtr> parts;
    if (doc.categories.empty())
      parts.push_back(std::make_unique<session::CategoryEdit>(
          category, std::nullopt, scene::Category{"Imported", glm::vec4(0.55f, 0.7f, 0.95f, 1.0f)}));
    for (std::size_t i = 0; i < sites.size(); ++i)
      parts.push_back(std::make_unique<session::ListEdit<scene::Site>>("import", doc.sites.size() + i, std::nullopt,
                                                                       std::move(sites[i])));
    const std::size_t count = sites.size();
    authoring_->execute(std::make_unique<session::CompositeCommand>("import KML", std::move(parts)));
    syncSites();
    notify(fmt::format("Imported {} sites from {}", count, path), false);
  } catch (const std::exception& e) {
    notify(std::string("Could not import: ") + e.what(), true);
  }
}

void ViewerSession::finishDrawing() {
  const session::SitesDocument& doc = authoring_->documents().sites;
  if (doc.categories.empty()) {
    notify("Cannot draw: the scene has no category (place a pin first)", true);
    return;
  }
  scene::Site site = session::drawing(doc, authoringUi_.drawing, authoringUi_.drawnVertices, doc.categories.begin()->first);
  const std::string id = site.id;
  session::Edit add = session::addSite(doc, std::move(site));
  if (!add) {  // too few points: keep drawing
    notify("Not done: " + add.problem, true);
    return;
  }
  authoringUi_.drawing = geo::GeometryKind::None;
  authoringUi_.drawnVertices.clear();
  runEdit(std::move(add));
  for (std::size_t i = 0; i < world_.sites.size(); ++i)
    if (world_.sites[i].site->id == id) state_.selectedSite = static_cast<int>(i);
}

void ViewerSession::handleAuthoringRequests(ui::AuthoringRequests& r) {
  if (r.finishDrawing) finishDrawing();
  for (session::Edit& e : r.edits) runEdit(std::move(e));
  if (r.placeTyped) {
    std::string problem;
    const auto at = session::parseTypedPosition(*r.placeTyped, problem);
    if (at) problem = session::outsideProblem(at->lonLat, authoring_->extent());
    if (!problem.empty()) {
      notify("Cannot place the pin: " + problem, true);
    } else {
      const session::SitesDocument& doc = authoring_->documents().sites;
      if (doc.categories.empty()) {
        notify("Cannot place the pin: the scene has no category (add one with a clicked pin first)", true);
      } else {
        scene::Site pin = session::typedPin(doc, *at, doc.categories.begin()->first, authoringUi_.typedSource);
        const std::string id = pin.id;
        runEdit(session::addSite(doc, std::move(pin)));
        for (std::size_t i = 0; i < world_.sites.size(); ++i)
          if (world_.sites[i].site->id == id) selectSite(static_cast<int>(i), true);
      }
    }
  }
  if (r.addNote) {
    const session::SitesDocument& doc = authoring_->documents().sites;
    if (doc.categories.empty()) notify("Cannot add the note: the scene has no category", true);
    else runEdit(session::addSite(doc, session::textNote(doc, *r.addNote, doc.categories.begin()->first)));
  }
  if (r.importKml) importKmlFile(*r.importKml);
  if (r.exportKml) {
    try {
      const session::SitesDocument& doc = authoring_->documents().sites;
      session::exportKml(*r.exportKml, doc.sites, doc.categories);
      notify(fmt::format("Exported {} sites to {}", doc.sites.size(), *r.exportKml), false);
    } catch (const std::exception& e) {
      notify(std::string("Could not export: ") + e.what(), true);
    }
  }
  if (r.undo) undoEdit();
  if (r.redo) redoEdit();
  if (r.save) saveSiteEdits();
}

}  // namespace tb::viewer
