// The viewer's side of the analysis tools: clicks and the cursor's ground point go to the
// AnalysisTool, its results to the Analysis panel and its overlay to the renderer; the panel's
// requests (tool, options, export, save, grid) are carried out here. No input ends the session:
// every problem becomes a notice.
#include <epoxy/gl.h>
#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include <algorithm>
#include <cmath>
#include <filesystem>

#include <fmt/format.h>

#include "analysis/RangeRings.h"
#include "analysis/VerticalDatum.h"
#include "camera/GroundFootprint.h"
#include "core/AtomicFile.h"
#include "core/Error.h"
#include "core/Log.h"
#include "core/PngFile.h"
#include "viewer/ViewerSession.h"

namespace tb::viewer {

void ViewerSession::initAnalysis() {
  analysis_ = std::make_unique<AnalysisTool>(world_);
  ui::AnalysisUiState& a = state_.analysis;
  a.sight = analysis_->sight;
  a.viewshed = analysis_->viewshed;
  try {
    displayHeights_ = std::make_unique<analysis::DisplayHeights>(analysis::verticalDatumOf(world_.scene.demPath));
    a.heightUnit = displayHeights_->unitLabel();
    analysis_->setDisplayHeights(displayHeights_.get());
  } catch (const Error& e) {
    a.heightUnit = "m, datum of the DEM unknown";
    log::debug("viewer: vertical datum not read: {}", e.what());
  }
  a.savedPath = analysis::savedAnalysesPathFor(world_.scene.path);
  if (std::filesystem::exists(a.savedPath)) {
    try {
      analysis_->showSaved(analysis::readSavedAnalyses(a.savedPath));
      log::info("viewer: {} saved analyses from {}", analysis_->saved().size(), a.savedPath);
    } catch (const Error& e) {
      notify(e.what(), true);
    }
  }
}

// Range rings centred on a point site, at the panel's radii; a site without one position says
// why (the card offers the action only when it has one, so this is the last guard).
void ViewerSession::ringsAroundSite(int index) {
  if (!analysis_ || index < 0 || index >= static_cast<int>(world_.sites.size())) return;
  const scene::Site& site = *world_.sites[static_cast<std::size_t>(index)].site;
  ui::AnalysisUiState& a = state_.analysis;
  try {
    const glm::dvec2 lonLat = analysis::ringCentreOf(site);
    std::string error;
    const auto radii = ui::parseRadiiKm(a.ringsKm, error);
    if (!radii) throw Error("Range rings", error);
    analysis_->ringRadii = *radii;
    a.mode = AnalysisMode::Rings;
    analysis_->ringsAround(site.name, world_.toLocal(lonLat.x, lonLat.y));
    if (!analysis_->error().empty()) throw Error("Range rings", analysis_->error());
    log::info("viewer: range rings around \"{}\" ({} rings)", site.name, analysis_->rings().size());
  } catch (const Error& e) {
    notify(e.what(), true);
  }
}

// A left click that did not drag the camera places a point where the cursor meets the ground.
void ViewerSession::analysisClick() {
  if (!analysis_ || !analysis_->placing()) return;
  if (!cursorGround_) {
    notify("Not over the terrain: click on the ground to place a point", true);
    return;
  }
  analysis_->click(*cursorGround_);
  log::info("viewer: {} point {} placed", analysisModeName(analysis_->mode()), analysis_->points().size());
}

bool ViewerSession::handleAnalysisKey(int key) {
  if (!analysis_ || !analysis_->placing()) return false;
  switch (key) {
    case GLFW_KEY_ENTER:
    case GLFW_KEY_KP_ENTER:
      analysis_->finish();
      return true;
    case GLFW_KEY_BACKSPACE:
      analysis_->removeLast();
      return true;
    case GLFW_KEY_ESCAPE:
      if (analysis_->points().empty()) {
        analysis_->setMode(AnalysisMode::None);
        state_.analysis.mode = AnalysisMode::None;
      } else {
        analysis_->clear();
      }
      return true;
    default:
      return false;
  }
}

void ViewerSession::handleAnalysisRequests(const ui::AnalysisRequests& r) {
  if (!analysis_) return;
  ui::AnalysisUiState& a = state_.analysis;
  if (r.setMode) {
    a.mode = *r.setMode;
    analysis_->setMode(*r.setMode);
    log::info("viewer: analysis tool {}", analysisModeName(*r.setMode));
  }
  if (r.clear) analysis_->clear();
  if (r.recompute) {
    analysis_->sight = a.sight;
    analysis_->viewshed = a.viewshed;
    if (a.sector) {
      analysis_->viewshed.azimuthFrom = a.sectorFrom;
      analysis_->viewshed.azimuthTo = a.sectorTo;
    } else {
      analysis_->viewshed.azimuthFrom.reset();
      analysis_->viewshed.azimuthTo.reset();
    }
    std::string error;
    if (const auto radii = ui::parseRadiiKm(a.ringsKm, error))
      analysis_->ringRadii = *radii;
    else
      a.error = error;
    analysis_->recompute();
  }
  if (r.grid) a.grid = *r.grid;
  if (r.profileHover) analysis_->setProfileHover(*r.profileHover);
  if (r.exportCsv && analysis_->profile()) {
    try {
      analysis::writeProfileCsv(*analysis_->profile(), *r.exportCsv);
      notify(fmt::format("Profile written to {}", std::filesystem::absolute(*r.exportCsv).string()), false);
    } catch (const Error& e) {
      notify(e.what(), true);
    }
  }
  if (r.exportPng) chartPngPending_ = *r.exportPng;
  if (r.save) {
    const std::string& path = a.savedPath;
    try {
      std::optional<analysis::SavedAnalysis> one = analysis_->toSaved(*r.save);
      if (!one) throw Error(path, "there is no result to save");
      std::vector<analysis::SavedAnalysis> all = analysis_->saved();
      std::erase_if(all, [&](const analysis::SavedAnalysis& s) { return s.name == one->name; });  // same name: replaced
      all.push_back(*one);
      analysis::writeSavedAnalyses(path, all);
      analysis_->keepAsSaved(*one);  // it now shows as a saved analysis
      notify(fmt::format("Saved \"{}\" to {}", *r.save, std::filesystem::absolute(path).string()), false);
    } catch (const Error& e) {
      notify(e.what(), true);
    }
  }
}

// Each frame: the cursor's ground point moves the rubber band, the grid follows the zoom, and the
// panel sees the results.
void ViewerSession::updateAnalysis(render::FrameSettings& settings) {
  if (!analysis_) return;
  ui::AnalysisUiState& a = state_.analysis;
  analysis_->poll();  // viewsheds finished on their workers since the last frame
  a.computing = analysis_->computing();
  a.savedComputing = analysis_->savedComputing();
  if (a.computing) log::debug("viewer: frame while the viewshed computes");
  if (!a.savedComputing.empty()) log::debug("viewer: frame while {} saved viewshed(s) compute", a.savedComputing.size());
  analysis_->hover(analysis_->placing() ? cursorGround_ : std::nullopt);
  // The grid's spacing follows how much ground the view shows (a tilted view reaches far beyond
  // the camera's height); its lines cover the ground around the middle of what it shows.
  if (a.grid != GridKind::None) {
    const CameraPose& pose = nav_.pose();
    const camera::GroundFootprint shown =
        camera::groundFootprint(pose, settings.width, settings.height, world_.heights, settings.exaggeration);
    const double span = camera::gridViewSize(shown, pose, world_.heights, settings.exaggeration);
    analysis_->setGrid(a.grid, span, shown.any ? shown.centre() : glm::dvec2(pose.eye));
  } else {
    analysis_->setGrid(GridKind::None, 0.0);
  }
  a.pointsPlaced = static_cast<int>(analysis_->points().size());
  a.measurement = analysis_->measurement() ? &*analysis_->measurement() : nullptr;
  a.profile = analysis_->profile() ? &*analysis_->profile() : nullptr;
  a.lineOfSight = analysis_->lineOfSight() ? &*analysis_->lineOfSight() : nullptr;
  a.viewshedResult = analysis_->viewshedResult() ? &*analysis_->viewshedResult() : nullptr;
  a.rings = static_cast<int>(analysis_->rings().size());
  if (!analysis_->error().empty()) a.error = analysis_->error();
  else if (!a.error.starts_with("radius")) a.error.clear();
  const auto overlay = analysis_->overlay();
  analysisOverlay_ = overlay->empty() ? nullptr : overlay;
  settings.overlay = analysisOverlay_;
  const auto live = analysis_->liveOverlay();
  analysisLiveOverlay_ = live->empty() ? nullptr : live;
  settings.liveOverlay = analysisLiveOverlay_;
}

// After the panels are drawn, before the swap: the chart's pixels as they are on screen.
void ViewerSession::writePendingChartPng(int fbHeight) {
  if (!chartPngPending_) return;
  const std::string path = *chartPngPending_;
  chartPngPending_.reset();
  const ui::AnalysisUiState& a = state_.analysis;
  const int x0 = static_cast<int>(std::floor(a.chartMin.x * pixelsPerUnit_));
  const int y0 = static_cast<int>(std::floor(a.chartMin.y * pixelsPerUnit_));
  const int w = static_cast<int>(std::ceil((a.chartMax.x - a.chartMin.x) * pixelsPerUnit_));
  const int h = static_cast<int>(std::ceil((a.chartMax.y - a.chartMin.y) * pixelsPerUnit_));
  try {
    if (w < 2 || h < 2) throw Error(path, "the profile chart is not on screen (open the Analysis panel)");
    checkWritableOutput(path);
    ImageRGBA image(w, h);
    std::vector<std::uint8_t> rows(static_cast<std::size_t>(w) * h * 4);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadBuffer(GL_BACK);
    glReadPixels(x0, fbHeight - y0 - h, w, h, GL_RGBA, GL_UNSIGNED_BYTE, rows.data());
    for (int r = 0; r < h; ++r)
      std::copy_n(rows.data() + static_cast<std::size_t>(h - 1 - r) * w * 4, static_cast<std::size_t>(w) * 4, image.at(0, r));
    for (std::size_t i = 3; i < image.pixels.size(); i += 4) image.pixels[i] = 255;
    writePng(path, image, {{"Software", "terrabrief"}, {"Title", "elevation profile"}});
    notify(fmt::format("Profile chart written to {}", std::filesystem::absolute(path).string()), false);
  } catch (const Error& e) {
    notify(e.what(), true);
  }
}

}  // namespace tb::viewer
