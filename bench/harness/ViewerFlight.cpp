// The scripted flights (see ViewerFlight.h). The path: along the diagonal through the scene's
// origin (its centre), from south-west to north-east, half as long as the overview camera is far
// from the origin, 600 m (render space) above the highest ground under it, looking ahead and 25°
// down. It moves by a fixed step per frame, so every run flies the same poses whatever the
// frame rate.
#include "harness/ViewerFlight.h"

#include <epoxy/gl.h>
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <optional>
#include <vector>

#include "core/Error.h"
#include "core/Log.h"
#include "harness/BenchTable.h"
#include "harness/SoakSamples.h"
#include "viewer/Viewer.h"

namespace tb::bench {
namespace {

using Clock = std::chrono::steady_clock;

void result(const std::string& key, const std::string& value) { viewerBenchResult(key, value); }

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const std::size_t i = static_cast<std::size_t>(std::ceil(p * static_cast<double>(v.size()))) - 1;
  return v[std::min(i, v.size() - 1)];
}

class FlightPath {
 public:
  FlightPath(viewer::ViewerFrame& frame, int steps) : steps_(steps) {
    const CameraPose overview = frame.viewSettings().camera;
    half_ = 0.5 * glm::length(glm::dvec2(overview.eye)) + 0.25 * overview.eye.z;
    double top = -1e9;
    for (int i = 0; i <= 200; ++i) {
      const glm::dvec2 p = at(i / 200.0);
      top = std::max(top, frame.groundZ(p.x, p.y));
    }
    z_ = top + 600.0;
    fov_ = overview.fovYDeg;
  }
  int steps() const { return steps_; }
  CameraPose pose(int step) const {  // step 0 .. steps-1; beyond, back again (a soak's loops)
    const int period = 2 * (steps_ - 1);
    int k = period > 0 ? step % period : 0;
    const bool back = k >= steps_;
    if (back) k = period - k;
    CameraPose p;
    const glm::dvec2 xy = at(static_cast<double>(k) / std::max(1, steps_ - 1));
    p.eye = {xy.x, xy.y, z_};
    p.headingDeg = back ? 225.0 : 45.0;
    p.pitchDeg = -25.0;
    p.fovYDeg = fov_;
    return p;
  }

 private:
  glm::dvec2 at(double t) const {  // t 0..1 along the diagonal, south-west to north-east
    const double s = (2.0 * t - 1.0) * half_ / std::sqrt(2.0);
    return {s, s};
  }
  int steps_;
  double half_ = 0, z_ = 0, fov_ = 40;
};

// Shared by both observers: the first settled frame at the overview starts the script.
class ScriptedFlight : public viewer::FrameObserver {
 public:
  bool failed() const { return failed_; }

 protected:
  // Until the overview has settled: true once it has (and `path` is set up).
  bool overviewSettled(viewer::ViewerFrame& frame, int steps) {
    if (path_) return true;
    if (frame.stats().settled) {
      path_.emplace(frame, steps);
      result("renderer", frame.glRenderer());
      result("window", frame.windowSizeText());
      return true;
    }
    if (++waited_ > 600) fail(frame, "the overview did not settle in 600 frames");
    return false;
  }
  void fail(viewer::ViewerFrame& frame, const std::string& why) {
    log::warn("viewer bench: {}", why);
    failed_ = true;
    frame.close();
  }
  std::optional<FlightPath> path_;

 private:
  int waited_ = 0;
  bool failed_ = false;
};

// [SECTION] row (j)
class FlightTimer final : public ScriptedFlight {
 public:
  explicit FlightTimer(int frames) : frames_(frames) {}

  void afterFrame(viewer::ViewerFrame& frame) override {
    glFinish();
    const double ms = std::chrono::duration<double, std::milli>(Clock::now() - lastEnd_).count();
    if (!overviewSettled(frame, frames_)) {
    } else if (step_ < 0) {  // the overview settled: fly
      step_ = 0;
      frame.setCameraPose(path_->pose(0));
    } else if (streaming_) {  // the frame at pose step_ was just drawn
      flightMs_.push_back(ms);
      unsettled_ += frame.stats().settled ? 0 : 1;
      if (++step_ < frames_) {
        frame.setCameraPose(path_->pose(step_));
      } else {
        streaming_ = false;
        step_ = 0;
        frame.setCameraPose(path_->pose(0));
      }
    } else if (timingSettled_) {  // one frame at a settled pose
      settledMs_.push_back(ms);
      timingSettled_ = false;
      waits_ = 0;
      if (++step_ < frames_) {
        frame.setCameraPose(path_->pose(step_));
      } else {
        report();
        frame.close();
      }
    } else if (frame.stats().settled) {
      timingSettled_ = true;  // the next frame, same pose, is timed
    } else if (++waits_ > 300) {
      fail(frame, fmt::format("pose {} did not settle in 300 frames", step_));
    }
    glFinish();
    lastEnd_ = Clock::now();
  }

 private:
  void report() {
    result("flight-frames", std::to_string(flightMs_.size()));
    result("flight-unsettled-frames", std::to_string(unsettled_));
    result("flight-p95-ms", fmt::format("{:.2f}", percentile(flightMs_, 0.95)));
    result("flight-median-ms", fmt::format("{:.2f}", median(flightMs_)));
    result("settled-median-ms", fmt::format("{:.2f}", median(settledMs_)));
    result("settled-p95-ms", fmt::format("{:.2f}", percentile(settledMs_, 0.95)));
    result("done", "1");
  }
  int frames_, step_ = -1, unsettled_ = 0, waits_ = 0;
  bool streaming_ = true, timingSettled_ = false;
  Clock::time_point lastEnd_ = Clock::now();
  std::vector<double> flightMs_, settledMs_;
};

// [SECTION] soak
// Samples are taken each time the flight is back at its start (the same pose, so the same tiles
// wanted); SoakSamples.h says when the warm-up ends. It flies at least `seconds` and at least two
// round trips after the warm-up.
class SoakFlight final : public ScriptedFlight {
 public:
  explicit SoakFlight(double minutes) : samples_(minutes * 60.0) {}

  void afterFrame(viewer::ViewerFrame& frame) override {
    if (!overviewSettled(frame, kSteps)) return;
    if (step_ == 0) start_ = Clock::now();
    const int period = 2 * (kSteps - 1);
    const double t = std::chrono::duration<double>(Clock::now() - start_).count();
    if (step_ > 0 && step_ % period == 0) samples_.sample(t);
    if (samples_.done(t)) {
      result("soak-seconds", fmt::format("{:.0f}", t));
      result("soak-frames", std::to_string(step_));
      result("soak-trips", std::to_string(samples_.samples()));
      result("soak-warm-trips", std::to_string(samples_.warmSample()));
      result("soak-warm-rss-mib", fmt::format("{:.1f}", samples_.warmRss()));
      result("soak-max-rss-mib", fmt::format("{:.1f}", samples_.maxRss()));
      result("soak-warm-gl-objects", std::to_string(samples_.warmGl()));
      result("soak-max-gl-objects", std::to_string(samples_.maxGl()));
      result("done", "1");
      frame.close();
      return;
    }
    frame.setCameraPose(path_->pose(step_++));
  }

 private:
  static constexpr int kSteps = 16;
  SoakSamples samples_;
  int step_ = 0;
  Clock::time_point start_;
};

int runObserved(const std::string& scenePath, ScriptedFlight& observer) {
  viewer::ViewerOptions options;
  options.scenePath = scenePath;
  options.width = 1280;
  options.height = 720;
  options.observer = &observer;
  const int code = viewer::runViewer(options);
  return observer.failed() ? kExitInternal : code;
}

}  // namespace

int runViewerFlightTimer(const std::string& scenePath, int frames) {
  FlightTimer timer(frames);
  return runObserved(scenePath, timer);
}

int runViewerSoak(const std::string& scenePath, double minutes) {
  SoakFlight soak(minutes);
  return runObserved(scenePath, soak);
}

}  // namespace tb::bench
