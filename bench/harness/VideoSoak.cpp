// The video export soak (see VideoSoak.h). The export itself is app::exportVideo, unchanged: the
// soak only builds a long briefing, samples from the progress callback, and ends the video at a
// loop boundary once its time is up (VideoJob::endAfterFrame).
#include "harness/VideoSoak.h"

#include <fmt/format.h>
#include <gdal.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <vector>

#include "app/BriefExport.h"
#include "briefing/Briefing.h"
#include "briefing/BriefingTimeline.h"
#include "core/Error.h"
#include "harness/BenchTable.h"
#include "harness/SoakSamples.h"
#include "platform/egl/HeadlessContext.h"
#include "render/AnalysisOverlay.h"
#include "render/SceneRenderer.h"
#include "world/World.h"

namespace tb::bench {
namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;

// A modest size and a low frame rate: many loops of the briefing in little time. What leaks per
// frame leaks the same at any size or rate.
constexpr int kWidth = 640, kHeight = 360, kFps = 2;
// Enough loops for the export never to run out before the time does, at up to this rate.
constexpr double kMaxExportFps = 60.0;

// The briefing's first `loopSteps` steps, `loops` times over (step ids kept unique). `backIn`, when
// given, is the length of the transition back into each repeated first step.
briefing::Briefing looped(const briefing::Briefing& b, std::size_t loopSteps, int loops,
                          std::optional<double> backIn = std::nullopt) {
  briefing::Briefing out = b;
  out.places.clear();
  out.steps.clear();
  for (int r = 0; r < loops; ++r)
    for (std::size_t i = 0; i < loopSteps; ++i) {
      out.steps.push_back(b.steps[i]);
      if (r == 0) continue;
      out.steps.back().id += fmt::format("-loop{}", r + 1);
      if (i == 0 && backIn) out.steps.back().transition.durationSeconds = *backIn;
    }
  return out;
}

// Makes one loop (after the first) last a whole number of frames, so that every loop renders the
// very same frames and whatever grows from loop to loop is a leak. Otherwise each loop's frames
// fall at a new phase of its flights and orbits and draw a few terrain tiles never drawn before,
// which the bounded tile cache (thousands of tiles) keeps: growth that only looks like a leak.
// The flight (or fade) back into the first step is stretched; a cut back, which takes no time,
// gets the padding on the loop's last hold instead. Returns the loop's length in seconds.
double alignLoopToFrames(briefing::Briefing& base, std::optional<double>& backIn, std::size_t loopSteps,
                         const world::World& world) {
  const briefing::BriefingTimeline two(looped(base, loopSteps, 2), world);
  const double loopSeconds = two.totalDuration() - two.stepStart(loopSteps);
  const double pad = std::ceil(loopSeconds * kFps - 1e-6) / kFps - loopSeconds;
  if (pad <= 1e-9) return loopSeconds;
  if (base.steps[0].transition.kind == briefing::TransitionKind::Cut)
    base.steps[loopSteps - 1].holdSeconds += pad;
  else
    backIn = two.holdStart(loopSteps) - two.stepStart(loopSteps) + pad;
  return loopSeconds + pad;
}

}  // namespace

int benchVideoSoak(const std::string& scenePath, double minutes) {
  const std::string briefingPath = briefing::briefingBesideScene(scenePath);
  if (briefingPath.empty()) throw Error(scenePath, "bench --soak-video needs a *-briefing.json beside the scene");
  const briefing::Briefing original = app::loadCheckedBriefing(briefingPath);
  GDALAllRegister();
  auto context = platform::HeadlessContext::create();
  context->makeCurrent();
  const world::World world = world::loadWorld(scenePath);

  const std::size_t loopSteps = minutes < 5.0 ? std::min<std::size_t>(2, original.steps.size()) : original.steps.size();
  // One loop's length, from a timeline of two loops (the second has its flight back in).
  briefing::Briefing base = original;
  std::optional<double> backIn;
  const double loopSeconds = alignLoopToFrames(base, backIn, loopSteps, world);
  const int loops = 3 + static_cast<int>(std::ceil(minutes * 60.0 * kMaxExportFps / (loopSeconds * kFps)));
  const briefing::Briefing longBriefing = looped(base, loopSteps, loops, backIn);
  const briefing::BriefingTimeline timeline(longBriefing, world);
  // Sample where each loop's first step starts its hold: the same view and caption every time.
  std::vector<std::int64_t> sampleFrames;
  for (int r = 1; r < loops; ++r)
    sampleFrames.push_back(static_cast<std::int64_t>(std::ceil(timeline.holdStart(r * loopSteps) * kFps - 1e-6)));

  render::SceneRenderer renderer(world);
  render::SavedAnalysisOverlays analyses(world);
  SoakSamples samples(minutes * 60.0);
  ScratchDir scratch("soak-video");
  app::VideoJob job;
  job.out = (scratch.path / "soak.mp4").string();
  job.width = kWidth;
  job.height = kHeight;
  job.fps = kFps;
  job.rendererName = context->renderer();
  job.analyses = &analyses;
  const auto start = Clock::now();
  std::size_t next = 0;
  bool sampled = false;
  job.progress = [&](std::int64_t rendered, std::int64_t, std::int64_t) {
    sampled = next < sampleFrames.size() && rendered - 1 == sampleFrames[next];
    if (!sampled) return;
    ++next;
    samples.sample(std::chrono::duration<double>(Clock::now() - start).count());
  };
  job.endAfterFrame = [&] {
    return sampled && samples.done(std::chrono::duration<double>(Clock::now() - start).count());
  };
  const app::VideoResult result = app::exportVideo(renderer, world, longBriefing, timeline, job);
  const auto bytes = fs::file_size(job.out);

  std::printf("terrabrief bench --soak-video: %s, %g min of export, renderer %s, %dx%d at %d fps, briefing %s\n",
              scenePath.c_str(), minutes, job.rendererName.c_str(), kWidth, kHeight, kFps, briefingPath.c_str());
  benchHeader();
  benchRow("soak: frames exported",
           fmt::format("{} in {:.0f} s, {} loops", result.frames, result.seconds, samples.samples()));
  benchRow("soak: one loop", fmt::format("steps 1-{}, {:.2f} s of video ({:.0f} frames)", loopSteps, loopSeconds,
                                           loopSeconds * kFps));
  benchRow("soak: video written", fmt::format("{:.1f} MiB, {} unsettled frames", bytes / (1024.0 * 1024.0),
                                              result.unsettledFrames));
  if (samples.warmSample() == 0) {
    benchRow("soak: warm-up", "not reached: the video ended first", "-");
    return kExitInternal;
  }
  benchRow("soak: warm-up", fmt::format("{} loop{}", samples.warmSample(), samples.warmSample() == 1 ? "" : "s"));
  return soakVerdictRows(samples.warmRss(), samples.maxRss(), samples.warmGl(), samples.maxGl()) ? kExitOk
                                                                                                 : kExitInternal;
}

}  // namespace tb::bench
