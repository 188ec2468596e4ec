// The video export benchmark (see BriefBench.h). The baseline renders the very frames the export
// renders, read back the same way (SceneRenderer::renderImage), so the ratio isolates what the
// export adds: the RGBA -> yuv420p conversion and libx264, which should run on their own thread
// while the next frame renders.
#include "harness/BriefBench.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>

#include "harness/BenchTable.h"
#include "app/BriefExport.h"
#include "briefing/Briefing.h"
#include "briefing/BriefingTimeline.h"
#include "core/Error.h"
#include "render/SceneRenderer.h"

namespace tb::bench {
namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;
using app::exportVideo;
using app::frameSettingsAt;
using app::loadCheckedBriefing;
using app::SettledRenderer;
using app::VideoJob;
using app::VideoResult;

}  // namespace

void benchVideoExport(const world::World& world, const std::string& scenePath, const std::string& rendererName) {
  const std::string briefingPath = briefing::briefingBesideScene(scenePath);
  if (briefingPath.empty()) {
    std::printf("%-38s %s\n", "(video) export / headless frames", "skipped: no *-briefing.json beside the scene");
    return;
  }
  const briefing::Briefing briefing = loadCheckedBriefing(briefingPath);
  const briefing::BriefingTimeline timeline(briefing, world);
  constexpr int kW = 1280, kH = 720, kFps = 30, kFrames = 90;
  // Three seconds from the start of the second step's flight: moving camera, changing tiles.
  const double start = timeline.stepCount() > 1 ? timeline.stepStart(1) : 0.0;

  render::SceneRenderer renderer(world);
  SettledRenderer settled(renderer);
  settled.render(frameSettingsAt(world, timeline, start, kW, kH));  // untimed: shaders, first tiles
  // Baseline: the same frames rendered and read back, nothing else; measured before and after the
  // export and averaged, so that a machine whose load drifts (2 shared cores) biases neither side.
  struct Baseline {
    SettledRenderer& settled;
    const world::World& world;
    const briefing::BriefingTimeline& timeline;
    double start;
    double ms() const {
      const auto t0 = Clock::now();
      for (int k = 0; k < kFrames; ++k)
        settled.render(frameSettingsAt(world, timeline, start + double(k) / kFps, kW, kH));
      return std::chrono::duration<double, std::milli>(Clock::now() - t0).count() / kFrames;
    }
  } baseline{settled, world, timeline, start};
  const double before = baseline.ms();
  const ScratchDir scratch("bench-video");
  VideoJob job;
  job.out = (scratch.path / "bench.mp4").string();
  job.width = kW;
  job.height = kH;
  job.fps = kFps;
  job.startSeconds = start;
  job.maxFrames = kFrames;
  job.rendererName = rendererName;
  const VideoResult result = exportVideo(renderer, world, briefing, timeline, job);
  const double frameMs = 0.5 * (before + baseline.ms());

  const double ratio = result.seconds * 1000.0 / (result.frames * frameMs);
  benchRow("(video) export / headless frames 720p",
           fmt::format("{:.1f} ms/frame ({:.1f} ms/frame)", result.seconds * 1000.0 / result.frames, frameMs), "<= 1.2",
           ratio, 1.2);
  std::printf("%-38s %-34s\n", "(video) export speed 1280x720",
              fmt::format("{:.1f} fps ({} frames, H.264 CRF 20 veryfast)", result.frames / result.seconds, result.frames)
                  .c_str());
  std::fflush(stdout);
}

}  // namespace tb::bench
