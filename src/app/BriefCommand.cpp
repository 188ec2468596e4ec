// `terrabrief brief stills|video|import-kml`: every argument, the briefing and its scene file are
// checked before EGL or the DEM is touched, so bad input fails in milliseconds with one line and
// leaves nothing behind.
#include "app/BriefCommand.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <optional>

#include "app/BriefExport.h"
#include "app/CameraArgs.h"
#include "app/ProgressLine.h"
#include "app/SceneArg.h"
#include "app/SizeArgs.h"
#include "briefing/KmlTour.h"
#include "core/AtomicFile.h"
#include "core/Error.h"
#include "platform/egl/HeadlessContext.h"
#include "scene/Scene.h"
#include "video/VideoEncoder.h"

namespace tb::app {
namespace fs = std::filesystem;

namespace {

// An output directory that exists and is writable, or can be created (its nearest existing
// ancestor is a writable directory). Throws tb::Error(dir, ...) otherwise.
void checkOutputDirectory(const std::string& dir, const std::string& option) {
  if (dir.empty()) throw Error(option, "empty output directory");
  std::error_code ec;
  fs::path p = fs::path(dir);
  if (fs::exists(p, ec)) {
    if (!fs::is_directory(p, ec)) throw Error(dir, "exists and is not a directory");
    if (::access(p.c_str(), W_OK) != 0) throw Error(dir, "output directory is not writable");
    return;
  }
  fs::path parent = fs::absolute(p, ec).parent_path();
  while (!parent.empty() && !fs::exists(parent, ec)) parent = parent.parent_path();
  if (parent.empty() || !fs::is_directory(parent, ec))
    throw Error(dir, "cannot create the output directory: " + parent.string() + " is not a directory");
  if (::access(parent.c_str(), W_OK) != 0)
    throw Error(dir, "cannot create the output directory: " + parent.string() + " is not writable");
}

// Creates the directory if needed; on destruction without keep(), removes what it created when
// empty (a failed export leaves no trace).
class OutputDirectory {
 public:
  explicit OutputDirectory(const std::string& dir) : dir_(dir) {
    std::error_code ec;
    if (!fs::exists(dir_, ec)) {
      // Remember every level created, to remove them again on failure.
      for (fs::path p = fs::absolute(dir_); !fs::exists(p, ec); p = p.parent_path()) created_.push_back(p);
      fs::create_directories(dir_, ec);
      if (ec) throw Error(dir, "cannot create the output directory: " + ec.message());
    }
  }
  ~OutputDirectory() {
    if (kept_) return;
    std::error_code ec;
    for (const fs::path& p : created_)
      if (fs::is_empty(p, ec)) fs::remove(p, ec);
  }
  void keep() { kept_ = true; }

 private:
  std::string dir_;
  std::vector<fs::path> created_;  // deepest first
  bool kept_ = false;
};

// What both exports render with, made in the order they need: a current headless context, the
// briefing's world, its timeline and a renderer. Not movable: the later members refer to the world.
class ExportSession {
 public:
  explicit ExportSession(const briefing::Briefing& briefing)
      : context_(makeCurrentContext()), world(world::loadWorld(briefing.scenePath)), timeline(briefing, world),
        renderer(world),
        analyses(world) {
    // Every step's analyses are computed (and checked against the analyses file) before any output.
    for (const briefing::Step& step : briefing.steps) analyses.forNames(step.analyses);
  }
  ExportSession(const ExportSession&) = delete;
  ExportSession& operator=(const ExportSession&) = delete;
  std::string rendererName() const { return context_->renderer(); }

 private:
  static std::unique_ptr<platform::HeadlessContext> makeCurrentContext() {
    auto context = platform::HeadlessContext::create();
    context->makeCurrent();
    return context;
  }
  std::unique_ptr<platform::HeadlessContext> context_;

 public:
  const world::World world;
  const briefing::BriefingTimeline timeline;
  render::SceneRenderer renderer;
  render::SavedAnalysisOverlays analyses;
};

}  // namespace

BriefCommand::BriefCommand(CLI::App& parent) {
  command_ = parent.add_subcommand("brief", "Export a briefing headless (stills, video) or import a Google Earth tour");
  command_->require_subcommand(1);

  stills_ = command_->add_subcommand("stills", "One PNG per step, caption included, at the moment the step is at rest");
  stills_->add_option("BRIEFING", briefing_, "Briefing file (docs/briefing-format.md); default: the Kyongsong briefing");
  stills_->add_option("--size", size_, "Image size in pixels, each side 1..16384 (default 1920x1080)")->type_name("WxH");
  stills_->add_option("--out", out_, "Output directory (created if missing); files NN-<step id>.png")
      ->type_name("DIR")
      ->required();
  stills_->add_flag("--no-captions", noCaptions_, "Leave out the lower third (title, caption, counter, progress)");

  video_ = command_->add_subcommand("video", "The whole briefing as H.264 video in MP4 (yuv420p)");
  video_->add_option("BRIEFING", briefing_, "Briefing file (docs/briefing-format.md); default: the Kyongsong briefing");
  video_->add_option("--size", size_, "Frame size in pixels, even sides (default 1920x1080)")->type_name("WxH");
  video_->add_option("--fps", fps_, "Frames per second")->check(CLI::Range(1, 120))->capture_default_str();
  video_->add_option("--out", out_, "Output video")->type_name("F.mp4")->required();
  video_->add_option("--frames", framesDir_, "Also write every frame as PNG into this directory (created if missing)")
      ->type_name("DIR");

  importKml_ = command_->add_subcommand("import-kml", "Convert a Google Earth tour (KML gx:Tour) into a briefing");
  importKml_->add_option("TOUR", kml_, "KML file with a gx:Tour")->required();
  addSceneOption(*importKml_, scene_);
  importKml_->add_option("--out", out_, "Briefing file to write")->type_name("BRIEFING.json")->required();
}

int BriefCommand::run() {
  if (stills_->parsed()) return runStills();
  if (video_->parsed()) return runVideo();
  return runImportKml();
}

int BriefCommand::runStills() {
  const ImageSize size = parseImageSize(size_.empty() ? "1920x1080" : size_);
  checkOutputDirectory(out_, "--out");
  const briefing::Briefing briefing = loadCheckedBriefing(resolveBriefingPath(briefing_));

  ExportSession session(briefing);
  const world::World& world = session.world;
  const briefing::BriefingTimeline& timeline = session.timeline;
  SettledRenderer settled(session.renderer);
  const PngText common = exportPngText(world, briefing, session.rendererName());

  OutputDirectory dir(out_);
  std::vector<std::unique_ptr<AtomicFile>> files;  // committed together: all stills or none
  std::vector<std::string> written;
  for (std::size_t i = 0; i < timeline.stepCount(); ++i) {
    const double t = timeline.stillTime(i);
    const render::FrameSettings settings = stillSettings(world, timeline, i, size.width, size.height, !noCaptions_,
                                                          &session.analyses);
    const ImageRGBA image = settled.render(settings);
    const briefing::Step& step = briefing.steps[i];
    PngText text = common;
    text.push_back({"Step", fmt::format("{} / {}: {} ({})", i + 1, timeline.stepCount(), step.title, step.id)});
    text.push_back({"Time", fmt::format("{:.3f} s of {:.3f} s", t, timeline.totalDuration())});
    text.push_back({"Camera", describePose(world, settings.camera).text()});
    text.push_back({"Size", fmt::format("{}x{}", size.width, size.height)});
    text.push_back({"Exaggeration", fmt::format("{:g}", settings.exaggeration)});
    text.push_back({"Captions", noCaptions_ ? "no" : "yes"});
    const std::string path = (fs::path(out_) / stillName(i, step.id)).string();
    files.push_back(std::make_unique<AtomicFile>(path));
    writePng(files.back()->tempPath(), image, text);
    written.push_back(path);
  }
  for (auto& f : files) f->commit();
  dir.keep();
  for (const std::string& p : written) std::printf("%s\n", fs::absolute(p).lexically_normal().c_str());
  return kExitOk;
}

int BriefCommand::runVideo() {
  const ImageSize size = parseImageSize(size_.empty() ? "1920x1080" : size_);
  video::checkVideoSize(size.width, size.height);
  checkWritableOutput(out_);
  if (!framesDir_.empty()) checkOutputDirectory(framesDir_, "--frames");
  const briefing::Briefing briefing = loadCheckedBriefing(resolveBriefingPath(briefing_));

  ExportSession session(briefing);

  std::optional<OutputDirectory> frames;
  if (!framesDir_.empty()) frames.emplace(framesDir_);
  ProgressLine progress("brief video " + fs::path(out_).filename().string());
  VideoJob job;
  job.out = out_;
  job.framesDir = framesDir_;
  job.width = size.width;
  job.height = size.height;
  job.fps = fps_;
  job.rendererName = session.rendererName();
  job.analyses = &session.analyses;
  job.progress = [&](std::int64_t rendered, std::int64_t /*encoded*/, std::int64_t total) {
    progress.update(rendered, total);  // encoding trails by at most the queue (a few frames)
  };
  exportVideo(session.renderer, session.world, briefing, session.timeline, job);
  progress.finish();
  if (frames) frames->keep();
  std::printf("%s\n", fs::absolute(out_).lexically_normal().c_str());
  return kExitOk;
}

int BriefCommand::runImportKml() {
  checkWritableOutput(out_);
  const std::string scenePath = resolveScenePath(scene_);
  const scene::Scene scene = scene::loadScene(scenePath);
  // The terrain is loaded (DEM only) only when a view's altitude is relative to it.
  std::optional<world::World> terrain;
  briefing::KmlSceneInfo info;
  info.extent = scene.extent;
  info.groundHeight = [&](double lon, double lat) {
    if (!terrain) terrain.emplace(world::loadWorld(scenePath, {false, false}));
    const glm::dvec2 xy = terrain->toLocal(lon, lat);
    return terrain->heights.contains(xy) ? terrain->heights.sample(xy) : 0.0;  // off the DEM: sea level
  };
  // Checked against the scene before anything is written.
  const briefing::Briefing tour = briefing::importKmlTour(kml_, scenePath, info);
  briefing::validateAgainst(tour, scene);
  const briefing::Briefing written = briefing::saveImportedBriefing(tour, scenePath, out_);
  if (written.steps.empty()) throw internalError(out_, "the imported briefing has no steps");
  std::printf("%s\n", fs::absolute(out_).lexically_normal().c_str());
  return kExitOk;
}

}  // namespace tb::app
