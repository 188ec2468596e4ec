// The viewer's analysis tools: the user picks a tool, clicks points on the terrain, and the
// result (with a rubber band to the cursor while placing) is computed at the DEM's native
// resolution and handed to the renderer as overlay geometry. No ImGui, no GL: the panel reads
// and drives this, the session feeds it clicks and the cursor's ground point.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "analysis/Elevation.h"
#include "analysis/GridLines.h"
#include "analysis/SavedAnalyses.h"
#include "analysis/VerticalDatum.h"
#include "render/AnalysisOverlay.h"
#include "ui/AnalysisUi.h"
#include "viewer/LatestJob.h"
#include "viewer/StepAnalyses.h"
#include "world/World.h"

namespace tb::viewer {

using ui::AnalysisMode;
using ui::GridKind;
const char* analysisModeName(AnalysisMode mode);
// How many points the mode takes (0: any number, finished with Enter or a double click).
int pointsFor(AnalysisMode mode);

class AnalysisTool {
 public:
  explicit AnalysisTool(const world::World& world);

  AnalysisMode mode() const { return mode_; }
  void setMode(AnalysisMode mode);  // clears the points being placed (keeps the last result)
  bool placing() const { return mode_ != AnalysisMode::None; }

  // A click on the ground (local xy). Tools with a fixed number of points compute when they have it.
  void click(glm::dvec2 local);
  // The cursor's ground point this frame (nothing: off the terrain). Moves the rubber band.
  void hover(std::optional<glm::dvec2> local);
  void finish();      // Enter / double click: computes a measure, area or profile path
  void removeLast();  // Backspace
  void clear();       // Esc: points and result gone
  // Range rings (ringRadii) centred on a site (local xy of its position, from
  // analysis::ringCentreOf): labelled with its name, saved with it. A click elsewhere moves them.
  void ringsAround(const std::string& siteName, glm::dvec2 local);

  // Options the panel edits; recompute() applies them to the current result.
  analysis::SightOptions sight;
  analysis::ViewshedOptions viewshed;
  std::vector<double> ringRadii{5000, 10000, 17000};
  void recompute();

  const std::vector<glm::dvec2>& points() const { return points_; }
  const std::optional<analysis::Measurement>& measurement() const { return measurement_; }
  const std::optional<analysis::Profile>& profile() const { return profile_; }
  const std::optional<analysis::LineOfSight>& lineOfSight() const { return los_; }
  const std::optional<analysis::Viewshed>& viewshedResult() const { return viewshedResult_; }
  const std::vector<analysis::RangeRing>& rings() const { return rings_; }
  const std::string& error() const { return error_; }  // the last problem, one line ("" = none)

  // A viewshed is computed on a worker thread (0.2-1 s here): the click checks the input and
  // starts it; poll() (once a frame) takes the result or its error when it is ready. A new
  // request, clear() or destruction cancels the one running.
  bool computing() const { return viewshedAsked_; }
  bool poll();                // true when a result or an error arrived (the overlay changed)
  void waitForComputation();  // blocks until the running computations are done, then polls
  void setProfileHover(int sample);                     // the chart's hovered sample (-1: none)

  // The result as a saved analysis (lon/lat), for the scene's analyses file; nothing when none.
  std::optional<analysis::SavedAnalysis> toSaved(const std::string& name) const;
  // Saved analyses shown beside the live tool (from the scene's analyses file). Their viewsheds
  // are computed on a worker, in order, each drawn when poll() takes it; the rest at once.
  void showSaved(const std::vector<analysis::SavedAnalysis>& saved);
  // The current result, already written to the file as `saved` (from toSaved), joins the saved
  // analyses (replacing one of its name); a viewshed is not computed again.
  void keepAsSaved(const analysis::SavedAnalysis& saved);
  std::vector<analysis::SavedAnalysis> saved() const;
  std::vector<std::string> savedComputing() const;  // names of the saved analyses not drawn yet
  // This saved analysis as shown here (nothing: not shown): its geometry (the draped raster
  // shared, not copied), or that it is still computing, so that the presenter does not compute
  // it again.
  std::optional<ViewerDrawing> drawnSaved(const analysis::SavedAnalysis& saved) const;
  bool busy() const { return computing() || !savedComputing().empty(); }  // frames must keep coming

  // Reference grid spaced for a view `viewSizeMetres` across, over the ground around
  // `viewCentre` (a few view sizes, in buckets of one: the lines are rebuilt only when the kind,
  // the spacing or the bucket changes), or over all the data when no centre is given.
  void setGrid(GridKind kind, double viewSizeMetres, std::optional<glm::dvec2> viewCentre = std::nullopt);
  GridKind grid() const { return gridKind_; }
  std::size_t gridBuilds() const { return gridBuilds_; }  // for tests: how often the lines were made

  // What to draw this frame, in two parts so that the cursor's every move does not rebuild the
  // rest: results, saved analyses and the grid (rebuilt only when one of them changes) ...
  std::shared_ptr<const render::OverlayGeometry> overlay();
  // ... and the points being placed with the rubber band to the cursor (FrameSettings::liveOverlay).
  std::shared_ptr<const render::OverlayGeometry> liveOverlay();

  const analysis::Elevation& elevation() const { return elevation_; }
  // Heights as shown (an ellipsoidal DEM's above EGM96): profiles are converted through it.
  void setDisplayHeights(const analysis::DisplayHeights* heights) { displayHeights_ = heights; }

 private:
  void compute();
  void resetResult();
  void touch() { overlay_.reset(), live_.reset(); }

  const world::World& world_;
  analysis::Elevation elevation_;
  AnalysisMode mode_ = AnalysisMode::None;
  std::vector<glm::dvec2> points_;
  std::optional<glm::dvec2> cursor_;
  AnalysisMode resultMode_ = AnalysisMode::None;
  std::vector<glm::dvec2> resultPoints_;
  std::optional<analysis::Measurement> measurement_;
  std::optional<analysis::Profile> profile_;
  std::optional<analysis::LineOfSight> los_;
  std::optional<analysis::Viewshed> viewshedResult_;
  // Its draped raster, made once: the overlay is rebuilt on every click and grid change, and a
  // new raster would be coloured (millions of cells) and uploaded again each time.
  render::OverlayGeometry viewshedGeometry_;
  std::vector<analysis::RangeRing> rings_;
  std::string ringSite_;  // the site the rings are around ("" = a clicked point)
  int profileHover_ = -1;
  const analysis::DisplayHeights* displayHeights_ = nullptr;
  std::string error_;
  struct SavedShown {
    analysis::SavedAnalysis analysis;
    render::OverlayGeometry geometry;  // empty while computing
    unsigned long long id = 0;         // what the worker's deliveries name (through savedJobIds_)
    bool computing = false;
  };
  std::vector<SavedShown> saved_;
  unsigned long long nextSavedId_ = 0;
  std::vector<unsigned long long> savedJobIds_;  // the saved batch's work index -> SavedShown::id
  GridKind gridKind_ = GridKind::None;
  double gridSpacing_ = 0;
  std::optional<double> gridLatitude_;  // the data's middle: meridians converge with latitude
  glm::dvec2 gridLo_{0.0}, gridHi_{0.0};  // the box the lines cover
  std::size_t gridBuilds_ = 0;
  analysis::GridLines gridLines_;
  std::shared_ptr<const render::OverlayGeometry> overlay_, live_;
  bool viewshedAsked_ = false;
  // Last, so they are cancelled and joined before the elevation they read goes.
  std::unique_ptr<LatestJob<analysis::Viewshed>> viewshedJob_;
  std::unique_ptr<LatestBatch<render::OverlayGeometry>> savedJob_;
};

}  // namespace tb::viewer
