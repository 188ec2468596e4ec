// The saved analyses a briefing's steps show, for the presenter and the preview in the viewer.
// Everything that can be wrong (a name the analyses file lacks, an observer off the data) is
// checked when they start, on the UI thread, so a bad briefing is refused at once; the quick
// analyses are computed then too. Viewsheds (a few hundred ms each) run on a worker and each is
// drawn when it arrives; until then its step shows "computing…" at the observer. Headless stills
// and video do not use this: they wait for every analysis (render::SavedAnalysisOverlays).
#pragma once
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "analysis/Elevation.h"
#include "analysis/SavedAnalyses.h"
#include "render/OverlayGeometry.h"
#include "viewer/LatestJob.h"
#include "world/World.h"

namespace tb::viewer {

// A saved viewshed's work for a LatestBatch: checked (and its PROJ set-up made) here, so a bad
// one throws tb::Error at once; heights, GDAL and colouring run when the work runs.
LatestBatch<render::OverlayGeometry>::Work savedViewshedWork(const analysis::Elevation& elevation,
                                                             const analysis::SavedAnalysis& saved);

// A saved analysis as the viewer's Analysis section shows it: drawn, or still computing there.
struct ViewerDrawing {
  render::OverlayGeometry geometry;
  bool computing = false;
};

class StepAnalyses {
 public:
  // How the viewer shows a saved analysis (nothing: it does not). Asked again by poll() while
  // the viewer computes one, so that it is computed once; it must stay callable while this lives.
  using DrawnAlready = std::function<std::optional<ViewerDrawing>(const analysis::SavedAnalysis&)>;

  // Reads the world's analyses file for the names the steps list. Throws tb::Error(file, ...) for
  // a name it lacks or an analysis that cannot be computed. `world` must outlive this.
  StepAnalyses(const world::World& world, const std::vector<std::vector<std::string>>& stepNames,
               const DrawnAlready& drawnAlready = {});

  // Takes the viewsheds finished since the last call; true when one arrived (frames change).
  bool poll();
  // What a step with these names shows now: the analyses ready, "computing…" for the rest.
  std::shared_ptr<const render::OverlayGeometry> forNames(const std::vector<std::string>& names);
  std::vector<std::string> computing() const;  // names of the viewsheds not drawn yet
  std::size_t computedHere() const { return computedHere_; }  // viewsheds this computes (not reused)
  void wait();                                 // blocks until every viewshed is done, then polls

 private:
  struct Part {
    analysis::SavedAnalysis analysis;
    render::OverlayGeometry geometry;  // while computing: the observer and "computing…"
    bool computing = false;
    bool onViewer = false;  // the viewer computes it: taken from there when it is done
  };
  void arrive(Part& part, LatestBatch<render::OverlayGeometry>::Outcome& outcome);

  analysis::Elevation elevation_;
  std::string path_;
  std::vector<analysis::SavedAnalysis> saved_;
  std::vector<Part> parts_;                      // each analysis some step shows, once
  std::vector<std::size_t> jobParts_;            // the batch's work index -> parts_ index
  std::size_t computedHere_ = 0;
  std::map<std::vector<std::string>, std::shared_ptr<const render::OverlayGeometry>> cache_;  // emptied on arrival
  DrawnAlready viewer_;
  // Last: joined before the elevation goes. The steps' viewsheds; then one job each for those the
  // viewer stopped showing while it computed them (rare: a save under the same name).
  std::unique_ptr<LatestBatch<render::OverlayGeometry>> job_;
  std::vector<std::pair<std::size_t, std::unique_ptr<LatestJob<render::OverlayGeometry>>>> lateJobs_;
};

}  // namespace tb::viewer
