// Headless export of a briefing: frame settings sampled from the timeline (camera, layers,
// highlights, caption), frames rendered only once the terrain is settled, stills per step and
// the video (rendering here, encoding on tb::video's thread). Shared by `terrabrief brief` and
// `terrabrief bench`.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "briefing/Briefing.h"
#include "briefing/BriefingTimeline.h"
#include "core/Image.h"
#include "core/PngFile.h"
#include "render/AnalysisOverlay.h"
#include "render/SceneRenderer.h"
#include "world/World.h"

namespace tb::app {

// loadBriefing() + the scene file alone (no rasters) + validateAgainst(): every bad-input error
// surfaces here in milliseconds, before EGL or the DEM.
briefing::Briefing loadCheckedBriefing(const std::string& path);

// What the timeline says about time t, as the renderer's settings (scene defaults underneath).
// captions=false leaves the lower third and the fade out (the same frame, bare).
// `analyses`: where the steps' saved analyses come from (null: none drawn).
render::FrameSettings frameSettingsAt(const world::World& world, const briefing::BriefingTimeline& timeline, double t,
                                      int width, int height, bool captions = true,
                                      render::SavedAnalysisOverlays* analyses = nullptr);
// Step i's still: its own caption, camera and layers at timeline.stillTime(i).
render::FrameSettings stillSettings(const world::World& world, const briefing::BriefingTimeline& timeline, std::size_t i,
                                    int width, int height, bool captions = true,
                                    render::SavedAnalysisOverlays* analyses = nullptr);

// Renders until FrameStats::settled (terrain at its target detail), at most kMaxSettleRenders
// times; a frame that never settles is used anyway and counted.
class SettledRenderer {
 public:
  static constexpr int kMaxSettleRenders = 40;
  explicit SettledRenderer(render::SceneRenderer& renderer) : renderer_(renderer) {}
  ImageRGBA render(const render::FrameSettings& settings);
  int unsettledFrames() const { return unsettled_; }
  int extraRenders() const { return extraRenders_; }

 private:
  render::SceneRenderer& renderer_;
  int unsettled_ = 0;
  int extraRenders_ = 0;
};

// "03-castle.png": 1-based step number and the step id made file-name safe.
std::string stillName(std::size_t i, const std::string& stepId);

// Text chunks common to every exported PNG (software, scene, briefing, synthetic flag...).
PngText exportPngText(const world::World& world, const briefing::Briefing& briefing, const std::string& renderer);

struct VideoJob {
  std::string out;        // F.mp4
  std::string framesDir;  // "" or a directory for the PNG sequence (must exist)
  int width = 1280, height = 720, fps = 30;
  double startSeconds = 0;      // a part of the briefing only (benchmarks): from here...
  std::int64_t maxFrames = 0;   // ...this many frames (0: to the end)
  std::string rendererName;  // GL_RENDERER, for the metadata and PNG chunks
  render::SavedAnalysisOverlays* analyses = nullptr;  // the steps' saved analyses (null: none drawn)
  // Called on the rendering thread after each frame is handed to the encoder.
  std::function<void(std::int64_t rendered, std::int64_t encoded, std::int64_t total)> progress;
  // Asked after each frame (after `progress`); true ends the video there, complete and shorter.
  // For `bench --soak-video`, which exports for a given time rather than a given length.
  std::function<bool()> endAfterFrame;
};

struct VideoResult {
  std::int64_t frames = 0;
  double seconds = 0;        // wall clock for the whole export
  int unsettledFrames = 0;
  std::vector<std::string> framePngs;  // written into framesDir
};

std::int64_t videoFrameCount(const briefing::BriefingTimeline& timeline, int fps);

// Renders every frame at t = k / fps and encodes it; the MP4 appears (renamed into place) only
// when complete. On failure nothing is left: PNGs already written are removed too.
VideoResult exportVideo(render::SceneRenderer& renderer, const world::World& world,
                        const briefing::Briefing& briefing, const briefing::BriefingTimeline& timeline,
                        const VideoJob& job);

}  // namespace tb::app
