// What the viewer does on request: flights (site, view, typed position, home, face north),
// selection, saving the current view, screenshots; and the status-bar readouts.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "camera/CameraFlight.h"
#include "camera/CameraRay.h"
#include "core/Error.h"
#include "core/Log.h"
#include "session/BriefingEdits.h"
#include "terrain/TerrainRay.h"
#include "viewer/PresenterEdits.h"
#include "viewer/Screenshot.h"
#include "viewer/StatusReadout.h"
#include "viewer/ViewerSession.h"

namespace tb::viewer {
namespace {

double wrap360(double deg) {
  const double d = std::fmod(deg, 360.0);
  return d < 0 ? d + 360.0 : d;
}

}  // namespace

void ViewerSession::notify(const std::string& text, bool error) {
  state_.notice = text;
  state_.noticeIsError = error;
  state_.noticeUntil = now() + (error ? 10.0 : 6.0);
  if (error)
    log::warn("viewer: {}", text);
  else
    log::info("viewer: {}", text);
}

void ViewerSession::selectSite(int index, bool fly) {
  if (index < 0 || index >= static_cast<int>(world_.sites.size())) return;
  state_.selectedSite = index;
  const world::PlacedSite& placed = world_.sites[static_cast<std::size_t>(index)];
  log::info("viewer: selected site \"{}\" ({})", placed.site->id, placed.site->name);
  if (fly && (placed.anchor || !placed.outline.empty()))
    nav_.flyTo(world_.sitePose(*placed.site, state_.frame.exaggeration));
}

// Turns about the point looked at until true north is straight ahead (the compass, the toolbar).
void ViewerSession::faceNorth() {
  camera::LookAtView v = camera::lookAtViewOf(nav_.pose(), &world_.heights, state_.frame.exaggeration);
  const std::optional<double> north = trueNorthBearing(world_, glm::dvec2(v.target));
  if (!north) {
    notify("No north here: the view looks at a point with no geographic position", true);
    return;
  }
  const double from = nav_.pose().headingDeg;
  v.headingDeg = *north;
  nav_.flyTo(v.pose());
  facingNorth_ = true;
  log::info("viewer: turning to face north from heading {:.1f}°", wrap360(from - *north));
}

// The renderer's north arrow, from framebuffer pixels in the 3D view to window units.
void ViewerSession::updateCompass(float viewTop) {
  std::optional<ui::WindowRect> compass;
  if (stats_.northArrow) {
    const glm::vec2 offset(0.0f, viewTop);
    compass = ui::WindowRect{stats_.northArrowMin / pixelsPerUnit_ + offset,
                             stats_.northArrowMax / pixelsPerUnit_ + offset};
  }
  if (compass != state_.compass && compass)
    log::debug("viewer: compass at {:.0f},{:.0f} size {:.0f}x{:.0f}", compass->min.x, compass->min.y,
               compass->max.x - compass->min.x, compass->max.y - compass->min.y);
  state_.compass = compass;
}

void ViewerSession::handleRequests(const ui::UiRequests& r) {
  const double ex = state_.frame.exaggeration;
  if (r.flyToSite) selectSite(*r.flyToSite, true);
  if (r.ringsAroundSite) ringsAroundSite(*r.ringsAroundSite);
  const std::vector<scene::ViewSpec>& views = authoring_->documents().views.views;
  if (r.flyToView && *r.flyToView >= 0 && *r.flyToView < static_cast<int>(views.size())) {
    const scene::ViewSpec& view = views[static_cast<std::size_t>(*r.flyToView)];
    log::info("viewer: flying to view \"{}\"", view.name);
    nav_.flyTo(world_.viewPose(view, ex));
  }
  if (r.gotoLonLat) {
    const glm::dvec2 local = world_.toLocal(r.gotoLonLat->x, r.gotoLonLat->y);
    if (!world_.heights.contains(local)) {
      notify(fmt::format("{:.4f}, {:.4f} is outside this scene", r.gotoLonLat->y, r.gotoLonLat->x), true);
    } else {
      // Keep the current range and angles; only what is looked at moves.
      camera::LookAtView v = camera::lookAtViewOf(nav_.pose(), &world_.heights, ex);
      v.target = glm::dvec3(local, world_.heights.sample(local) * ex);
      v.range = std::clamp(v.range, 1500.0, 60000.0);
      nav_.flyTo(v.pose());
    }
  }
  if (r.home) nav_.goHome();
  if (r.faceNorth) faceNorth();
  if (r.setFlyMode) {
    state_.flyMode = *r.setFlyMode;
    nav_.setMode(state_.flyMode ? camera::NavigationMode::Fly : camera::NavigationMode::Orbit);
  }
  if (r.saveView) saveCurrentView(*r.saveView);
  if (r.renameView) runDocumentEdit(session::renameView(authoring_->documents().views, r.renameView->first, r.renameView->second));
  if (r.deleteView) {
    runDocumentEdit(session::deleteView(authoring_->documents().views, *r.deleteView));
    state_.selectedView = -1;
  }
  if (r.saveViews) saveViewEdits();
  if (r.undo) undoEdit();
  if (r.redo) redoEdit();
  if (r.screenshot && !state_.busy) {
    screenshotPending_ = true;
    state_.busy = true;
    notify("Saving screenshot...", false);
  }
}

// Exaggeration scales the terrain's render-space z; the controller keeps the point looked at.
void ViewerSession::applyExaggeration() {
  const double ex = state_.frame.exaggeration;
  if (ex == appliedExaggeration_ || ex <= 0) return;
  appliedExaggeration_ = ex;
  nav_.setTerrain(&world_.heights, ex);
  nav_.setHome(world_.overviewPose(ex));
}

void ViewerSession::updateStatus() {
  const double ex = appliedExaggeration_;
  const CameraPose& pose = nav_.pose();
  state_.status.camera = cameraReadout(world_, pose, ex);

  ui::CursorReadout& cur = state_.status.cursor;
  cur.onTerrain = false;
  cursorGround_.reset();
  const double px = cursor_.x, py = cursor_.y - layout_.topBarHeight;
  if (!cursorInWindow_ || px < 0 || py < 0 || px >= layout_.viewWidth() || py >= layout_.viewHeight()) return;
  const int vpW = std::max(1, static_cast<int>(layout_.viewWidth())), vpH = std::max(1, static_cast<int>(layout_.viewHeight()));
  const glm::dvec3 dir = camera::rayDirection(pose, vpW, vpH, px, py);
  if (const auto hit = world_.pick(pose.eye, dir, ex)) {
    cur = cursorReadout(world_, *hit, ex);
    if (cur.onTerrain) cursorGround_ = glm::dvec2(*hit);
    // An ellipsoidal DEM's heights are shown above EGM96, as the unit label says.
    if (cur.onTerrain && displayHeights_ && displayHeights_->converts())
      cur.elevationM = displayHeights_->shown({cur.lonDeg, cur.latDeg}, cur.elevationM);
  }
}

// The current camera as a view of the views document (one undo step; Save views writes the file).
void ViewerSession::saveCurrentView(const std::string& name) {
  if (world_.scene.viewsPath.empty()) {
    notify("Could not save the view: " + world_.scene.path + ": the scene names no views file", true);
    return;
  }
  if (!state_.status.camera.located) {
    notify("Could not save the view: the camera has no geographic position here", true);
    return;
  }
  scene::ViewSpec view = viewFromCamera(state_.status.camera).spec;
  view.name = name;
  if (runDocumentEdit(session::addView(authoring_->documents().views, view)))
    notify(fmt::format("Added view \"{}\": Save views (or Ctrl+S) writes it to {}", name, world_.scene.viewsPath),
           false);
}

bool ViewerSession::saveViewEdits() {
  try {
    authoring_->saveViews();
    notify("Saved the views to " + std::filesystem::absolute(world_.scene.viewsPath).lexically_normal().string(), false);
    return true;
  } catch (const std::exception& e) {
    notify(std::string("Could not save the views (they are kept here, unsaved): ") + e.what(), true);
  }
  return false;
}

void ViewerSession::takeScreenshot() {
  ScreenshotRequest request;
  request.settings = windowFrameSettings();
  request.directory = options_.screenshotDir;
  request.rendererName = window_->renderer();
  const int w = request.settings.width, h = request.settings.height;
  const float uiScale = request.settings.uiScale;
  switch (state_.screenshot.scale) {
    case ui::ScreenshotScale::Window: break;
    case ui::ScreenshotScale::Double:
    case ui::ScreenshotScale::Quadruple: {
      const int k = state_.screenshot.scale == ui::ScreenshotScale::Double ? 2 : 4;
      request.settings.width = w * k;
      request.settings.height = h * k;
      request.settings.uiScale = uiScale * static_cast<float>(k);  // the same picture, sharper
      break;
    }
    case ui::ScreenshotScale::Explicit:
      request.settings.width = state_.screenshot.width;
      request.settings.height = state_.screenshot.height;
      request.settings.uiScale = 0;  // derived from the output size
      break;
  }
  try {
    const auto t0 = std::chrono::steady_clock::now();
    const std::string path = saveScreenshot(*renderer_, world_, request);
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    notify(fmt::format("Screenshot {}x{} saved to {} ({:.1f} s)", request.settings.width, request.settings.height,
                       path, s),
           false);
  } catch (const Error& e) {
    notify(std::string("Screenshot failed: ") + e.what(), true);
  } catch (const std::exception& e) {
    notify(std::string("Screenshot failed: ") + e.what(), true);
  }
}

}  // namespace tb::viewer
