// Editing the selected drawing with the mouse (DrawingHandles.h), and what the editing shows on
// the terrain: the selected drawing's handles, and the drawing under way with its rubber band.
// A drag is one undo step: vertex and shape moves merge while the button is down (the gesture
// ends on release); a midpoint's new vertex is inserted once, where the button comes up.
#include <fmt/format.h>
#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include <algorithm>

#include "camera/CameraRay.h"
#include "core/Log.h"
#include "render/SiteDrawings.h"
#include "viewer/DrawingHandles.h"
#include "viewer/ViewerSession.h"

namespace tb::viewer {
namespace {

constexpr float kHandleRadius = 8.0f;  // window units: a pointer is not a pixel
constexpr glm::vec4 kHandleFill{1.0f, 1.0f, 1.0f, 1.0f};
constexpr glm::vec4 kDrawingColor{1.0f, 0.93f, 0.35f, 1.0f};  // the drawing under way

bool isEditable(const scene::Site& s) {
  return render::isUserDrawing(s) && (s.kind == geo::GeometryKind::Line || s.kind == geo::GeometryKind::Polygon);
}

}  // namespace

std::optional<glm::dvec3> ViewerSession::groundUnderCursor() const {
  const double px = cursor_.x, py = cursor_.y - layout_.topBarHeight;
  const int vpW = std::max(1, static_cast<int>(layout_.viewWidth())), vpH = std::max(1, static_cast<int>(layout_.viewHeight()));
  const CameraPose& pose = nav_.pose();
  return world_.pick(pose.eye, camera::rayDirection(pose, vpW, vpH, px, py), appliedExaggeration_);
}

const scene::Site* ViewerSession::selectedDrawing() const {
  const scene::Site* s = authoring_->documents().sites.find(selectedSiteId());
  return s && isEditable(*s) ? s : nullptr;
}

std::vector<std::optional<glm::vec2>> ViewerSession::onScreen(const std::vector<glm::dvec2>& lonLat) const {
  std::vector<glm::dvec2> local;
  for (glm::dvec2 p : lonLat) local.push_back(world_.toLocal(p.x, p.y));
  return projectGroundPoints(world_, windowFrameSettings(), pixelsPerUnit_, glm::vec2(0.0f, layout_.topBarHeight), local);
}

std::optional<DrawingHandle> ViewerSession::handleUnderCursor() const {
  const scene::Site* s = selectedDrawing();
  if (!s) return std::nullopt;
  std::vector<glm::dvec2> local;
  for (glm::dvec2 p : session::vertices(*s)) local.push_back(world_.toLocal(p.x, p.y));
  const bool polygon = s->kind == geo::GeometryKind::Polygon;
  const render::FrameSettings settings = windowFrameSettings();
  const glm::vec2 origin(0.0f, layout_.topBarHeight);
  // The midpoint handles as drawn (appendHandleMarkers): on the ground at the edges' middles.
  return handleAt(drawingHandles(projectGroundPoints(world_, settings, pixelsPerUnit_, origin, local), polygon,
                                 projectGroundPoints(world_, settings, pixelsPerUnit_, origin, edgeMiddles(local, polygon))),
                  glm::vec2(cursor_), kHandleRadius);
}

bool ViewerSession::pressOnDrawing(int mods) {
  const scene::Site* s = selectedDrawing();
  const auto hit = groundUnderCursor();
  if (s && hit) {
    const glm::dvec2 lonLat = world_.toLonLat(glm::dvec2(*hit));
    if (const auto h = handleUnderCursor()) {
      drawingDrag_ = DrawingDrag{s->id, h->kind == DrawingHandle::Kind::Midpoint ? DrawingDrag::What::Insert
                                                                                 : DrawingDrag::What::Vertex,
                                 h->index, lonLat, lonLat, false};
      return true;
    }
    const bool polygon = s->kind == geo::GeometryKind::Polygon;
    if ((mods & (GLFW_MOD_SHIFT | GLFW_MOD_ALT)) && cursorOnShape(onScreen(session::vertices(*s)), polygon, glm::vec2(cursor_), kHandleRadius * 0.75f)) {
      drawingDrag_ = DrawingDrag{s->id, DrawingDrag::What::Shape, -1, lonLat, lonLat, false};
      return true;
    }
  }
  // A click on another drawing's line selects it.
  for (std::size_t i = 0; i < world_.sites.size(); ++i) {
    const scene::Site& other = *world_.sites[i].site;
    if (!isEditable(other) || (s && other.id == s->id)) continue;
    std::vector<glm::dvec2> outline = session::vertices(other);
    if (other.kind == geo::GeometryKind::Polygon && !outline.empty()) outline.push_back(outline.front());
    if (cursorOnShape(onScreen(outline), false, glm::vec2(cursor_), kHandleRadius * 0.75f)) {  // its line, not inside
      selectSite(static_cast<int>(i), false);
      return true;
    }
  }
  return false;
}

void ViewerSession::dragDrawing() {
  DrawingDrag& d = *drawingDrag_;
  const auto hit = groundUnderCursor();
  if (!hit) return;  // off the terrain: the drawing stays where it last was
  const glm::dvec2 lonLat = world_.toLonLat(glm::dvec2(*hit));
  if (lonLat == d.last) return;
  d.moved = true;
  const session::SitesDocument& doc = authoring_->documents().sites;
  session::Edit edit;
  if (d.what == DrawingDrag::What::Vertex) edit = session::moveVertex(doc, d.id, d.index, lonLat);
  else if (d.what == DrawingDrag::What::Shape) edit = session::moveShape(doc, d.id, lonLat - d.last);
  d.last = lonLat;
  if (!edit.command) return;  // Insert: only the preview follows the cursor until release
  if (const std::string problem = authoring_->execute(std::move(edit)); !problem.empty()) {
    notify("Not done: " + problem, true);
    return;
  }
  syncSites();
}

void ViewerSession::releaseDrawing() {
  const DrawingDrag d = *drawingDrag_;
  drawingDrag_.reset();
  authoring_->history().endGesture();  // the next drag is a new undo step
  const session::SitesDocument& doc = authoring_->documents().sites;
  if (d.what == DrawingDrag::What::Insert) {
    const scene::Site* s = doc.find(d.id);
    if (!s) return;
    // A click puts the vertex at the edge's middle; a drag, where the button came up.
    const glm::dvec2 at = d.moved ? d.last : midpointLonLat(session::vertices(*s), d.index);
    runEdit(session::insertVertex(doc, d.id, d.index, at));
    log::info("authoring: inserted vertex {} of {} at {:.6f}, {:.6f}", d.index + 1, d.id, at.y, at.x);
  } else if (d.moved) {
    if (d.what == DrawingDrag::What::Vertex)
      log::info("authoring: moved vertex {} of {} to {:.6f}, {:.6f}", d.index + 1, d.id, d.last.y, d.last.x);
    else
      log::info("authoring: moved {} by {:.6f}, {:.6f}", d.id, d.last.y - d.start.y, d.last.x - d.start.x);
  }
}

bool ViewerSession::deleteVertexUnderCursor() {
  const scene::Site* s = selectedDrawing();
  const auto h = handleUnderCursor();
  if (!s || !h || h->kind != DrawingHandle::Kind::Vertex) return false;
  const std::string id = s->id;
  const std::size_t before = session::vertices(*s).size();
  runEdit(session::deleteVertex(authoring_->documents().sites, id, h->index));
  if (const scene::Site* after = authoring_->documents().sites.find(id); after && session::vertices(*after).size() < before)
    log::info("authoring: deleted vertex {} of {}", h->index + 1, id);
  return true;  // refused or done, the click was the drawing's
}

// Where the selected drawing's handles are on screen, when that changes (the real-window tests
// press them).
void ViewerSession::logHandles(const scene::Site& site, const std::vector<glm::dvec2>& local) {
  const bool polygon = site.kind == geo::GeometryKind::Polygon;
  const render::FrameSettings settings = windowFrameSettings();
  const glm::vec2 origin(0.0f, layout_.topBarHeight);
  std::string text;
  for (const DrawingHandle& h : drawingHandles(projectGroundPoints(world_, settings, pixelsPerUnit_, origin, local), polygon,
                                              projectGroundPoints(world_, settings, pixelsPerUnit_, origin, edgeMiddles(local, polygon))))
    text += fmt::format(" {} {} at {:.0f},{:.0f};", h.kind == DrawingHandle::Kind::Vertex ? "vertex" : "midpoint",
                        h.index + 1, h.at.x, h.at.y);
  if (text == loggedHandles_) return;
  loggedHandles_ = text;
  log::debug("authoring: handles of {}:{}", site.id, text);
}

// The selected drawing's handles, the drawing under way (its points, its lines and the rubber band
// to the cursor) and a midpoint being dragged out, joined to the analysis tools' geometry.
void ViewerSession::addEditingOverlay(render::FrameSettings& settings) {
  render::OverlayGeometry g;
  const auto localOf = [&](glm::dvec2 lonLat) { return glm::dvec3(world_.toLocal(lonLat.x, lonLat.y), 0.0); };
  if (const scene::Site* s = selectedDrawing(); s && !session::vertices(*s).empty()) {
    const std::vector<glm::dvec2> v = session::vertices(*s);
    const bool polygon = s->kind == geo::GeometryKind::Polygon;
    std::vector<glm::dvec2> local;
    for (glm::dvec2 p : v) local.push_back(world_.toLocal(p.x, p.y));
    appendHandleMarkers(local, polygon, g);
    if (spdlog::should_log(spdlog::level::debug)) logHandles(*s, local);
    if (drawingDrag_ && drawingDrag_->what == DrawingDrag::What::Insert && drawingDrag_->moved) {
      const int n = static_cast<int>(v.size()), before = drawingDrag_->index;
      render::OverlayPolyline band;
      band.points = {localOf(v[static_cast<std::size_t>((before - 1 + n) % n)]), localOf(drawingDrag_->last)};
      if (before < n || polygon) band.points.push_back(localOf(v[static_cast<std::size_t>(before % n)]));
      band.color = kDrawingColor;
      band.widthPx = 2.5f;
      g.lines.push_back(band);
      g.markers.push_back({localOf(drawingDrag_->last), true, kHandleFill, 6.0f});
    }
  }
  if (authoringUi_.drawing != geo::GeometryKind::None && !authoringUi_.drawnVertices.empty()) {
    render::OverlayPolyline line;
    for (glm::dvec2 p : authoringUi_.drawnVertices) line.points.push_back(localOf(p));
    if (cursorGround_) line.points.emplace_back(*cursorGround_, 0.0);  // the rubber band
    line.closed = authoringUi_.drawing == geo::GeometryKind::Polygon && line.points.size() >= 3;
    line.color = kDrawingColor;
    line.widthPx = 3.0f;
    g.lines.push_back(std::move(line));
    for (glm::dvec2 p : authoringUi_.drawnVertices) g.markers.push_back({localOf(p), true, kDrawingColor, 5.0f});
  }
  if (g.empty()) return;
  if (settings.overlay) {
    const render::OverlayGeometry& a = *settings.overlay;
    g.lines.insert(g.lines.begin(), a.lines.begin(), a.lines.end());
    g.markers.insert(g.markers.begin(), a.markers.begin(), a.markers.end());
    g.labels = a.labels;
    g.rasters = a.rasters;
  }
  settings.overlay = std::make_shared<const render::OverlayGeometry>(std::move(g));
}

}  // namespace tb::viewer
