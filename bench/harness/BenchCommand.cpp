// `terrabrief bench`. Each measurement is the median of repeated runs, taken in this one process
// (and its children) so that the value and its baseline see the same machine state.
#include "harness/BenchCommand.h"

#include <epoxy/gl.h>
#include <fmt/format.h>
#include <gdal.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <vector>

#include "harness/BenchQuad.h"
#include "harness/BenchStreaming.h"
#include "harness/BenchTable.h"
#include "harness/BriefBench.h"
#include "harness/ChildProcess.h"
#include "app/SceneArg.h"
#include "harness/ViewerBench.h"
#include "harness/ViewerFlight.h"
#include "harness/ViewerFrameTimer.h"
#include "harness/VideoSoak.h"
#include "core/Error.h"
#include "geo/Raster.h"
#include "platform/egl/HeadlessContext.h"
#include "render/SceneRenderer.h"
#include "terrain/TerrainLod.h"
#include "world/World.h"

namespace tb::bench {
namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}



// Plain GDAL: open, read the whole first band as float32, close. No warping, no nodata handling.
double plainGdalReadMs(const std::string& path) {
  const auto start = Clock::now();
  GDALDatasetH ds = GDALOpen(path.c_str(), GA_ReadOnly);
  if (!ds) throw Error(path, "GDAL cannot open it");
  GDALRasterBandH band = GDALGetRasterBand(ds, 1);
  const int w = GDALGetRasterXSize(ds), h = GDALGetRasterYSize(ds);
  std::vector<float> values(static_cast<std::size_t>(w) * h);
  const CPLErr err = GDALRasterIO(band, GF_Read, 0, 0, w, h, values.data(), w, h, GDT_Float32, 0, 0);
  GDALClose(ds);
  if (err != CE_None) throw Error(path, "GDAL RasterIO failed");
  return msSince(start);
}

double peakMiB(int who) {
  rusage usage{};
  getrusage(who, &usage);
  return usage.ru_maxrss / 1024.0;  // Linux reports kilobytes
}

}  // namespace

BenchCommand::BenchCommand(CLI::App& app) {
  command_ = &app;
  app::addSceneOption(*command_, scene_);
  command_->add_option("--frames", frames_, "Timed frames per GPU measurement (median)")
      ->type_name("N")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  command_->add_flag("--viewer", viewer_,
                     "Measure the interactive viewer instead: a 1280x720 frame with the panel open, it / the "
                     "same frame without UI, launch to the first full-detail frame (needs a display; "
                     "default --frames 20)");
  command_->add_flag("--streaming", streaming_,
                     "Measure streaming on big data instead (made once with GDAL into the cache: minutes)")
      ->excludes("--viewer");
  command_->add_option("--rows", rows_, "With --streaming: the rows to measure, letters of efghijk (e-h together)")
      ->type_name("LETTERS")
      ->needs("--streaming")
      ->check([](const std::string& v) {
        return !v.empty() && v.find_first_not_of("efghijk") == std::string::npos ? std::string()
                                                                                 : std::string("letters of efghijk");
      })
      ->capture_default_str();
  auto* soak = command_->add_option("--soak", soakMinutes_,
                       "Fly the viewer through the scene (streamed, small caches) for MINUTES and report the growth "
                       "of resident memory and live GL objects after the first quarter (needs a display)")
      ->type_name("MINUTES")
      ->expected(0, 1)
      ->default_str("10")
      ->check(CLI::Range(0.1, 600.0));
  soak->excludes("--viewer")->excludes("--streaming");
  auto* soakVideo = command_->add_option("--soak-video", soakVideoMinutes_,
                       "Export the scene's briefing, looped, as a video for MINUTES (headless, 640x360) and report "
                       "the growth of resident memory and live GL objects after the first quarter")
      ->type_name("MINUTES")
      ->expected(0, 1)
      ->default_str("10")
      ->check(CLI::Range(0.1, 600.0));
  soakVideo->excludes("--viewer")->excludes("--streaming")->excludes("--soak");
  // Internal, for --viewer, row (j) and --soak (ViewerFrameTimer.h, ViewerFlight.h): hidden from --help.
  command_->add_option("--viewer-child", viewerChild_, "Open the viewer and time N of its frames")
      ->check(CLI::Range(1, 1000))
      ->group("");
  command_->add_option("--viewer-flight-child", flightChild_, "Fly the viewer over N poses, twice")
      ->check(CLI::Range(2, 10000))
      ->group("");
  command_->add_option("--soak-child", soakChild_, "Fly the viewer for MINUTES")
      ->check(CLI::Range(0.01, 600.0))
      ->group("");
}

int BenchCommand::run() {
  const std::string scenePath = fs::absolute(app::resolveScenePath(scene_)).lexically_normal().string();
  if (viewerChild_ > 0) return runViewerFrameTimer(scenePath, viewerChild_);
  if (flightChild_ > 0) return runViewerFlightTimer(scenePath, flightChild_);
  if (soakChild_ > 0) return runViewerSoak(scenePath, soakChild_);
  if (command_->count("--soak")) return benchSoak(scenePath, soakMinutes_ > 0 ? soakMinutes_ : 10.0);
  if (command_->count("--soak-video")) return benchVideoSoak(scenePath, soakVideoMinutes_ > 0 ? soakVideoMinutes_ : 10.0);
  // Viewer frames are cheap enough for more of them than the 1920x1080 ones below.
  if (viewer_) return benchViewer(scenePath, command_->count("--frames") ? frames_ : 20, 3);
  if (streaming_) return benchStreaming(3, rows_);  // BenchStreaming.cpp
  GDALAllRegister();
  auto context = platform::HeadlessContext::create();
  context->makeCurrent();
  auto loadStart = Clock::now();
  const world::World world = world::loadWorld(scenePath);
  const double loadMs = msSince(loadStart);
  const std::string demPath = world.scene.demPath;

  // Whole-process runs vary most on small VMs (fresh memory costs 2-3x more in some runs than in
  // others), so (b) takes the median of 5 alternating pairs.
  constexpr int kProcessRuns = 5;
  std::printf("terrabrief bench: %s, renderer %s, medians (%d frames; %d process runs)\n", scenePath.c_str(),
              context->renderer().c_str(), frames_, kProcessRuns);
  benchHeader();
  benchRow("scene load (in process)", fmt::format("{:.0f} ms", loadMs));

  // [SECTION] (a) a 1920x1080 frame of the overview vs one full-screen textured quad.
  constexpr int kW = 1920, kH = 1080;
  render::FrameStats frameStats;
  {
    OffscreenTarget target(kW, kH);
    render::SceneRenderer renderer(world);
    render::FrameSettings settings = render::FrameSettings::fromScene(world);
    settings.width = kW;
    settings.height = kH;
    settings.camera = world.overviewPose(settings.exaggeration);
    // Untimed frames until every tile is at its target level: the steady state is what we time.
    for (int i = 0; i < 30; ++i) {
      glViewport(0, 0, kW, kH);
      const render::FrameStats s = renderer.draw(settings);
      glFinish();
      if (s.settled) break;
    }
    std::vector<double> frameMs, quadMs;
    for (int i = 0; i < frames_; ++i) {
      glViewport(0, 0, kW, kH);
      glFinish();
      const auto start = Clock::now();
      frameStats = renderer.draw(settings);
      glFinish();
      frameMs.push_back(msSince(start));
    }
    TexturedQuad quad(kW, kH);
    quad.draw();
    glFinish();
    for (int i = 0; i < frames_; ++i) {
      glFinish();
      const auto start = Clock::now();
      quad.draw();
      glFinish();
      quadMs.push_back(msSince(start));
    }
    const double f = median(frameMs), q = median(quadMs);
    benchRow("(a) frame 1920x1080 / textured quad", fmt::format("{:.1f} ms ({:.2f} ms)", f, q), "<= 2.0", f / q, 2.0);
    // What any terrain frame must at least pay here: its triangles' rasterisation and one
    // textured full-screen pass through the general (non-blit) path. Timed after the quad, in
    // the same run, so the ratios compare like with like.
    FloorPasses floor(kW, kH, frameStats.triangles);
    std::vector<double> meshMs, passMs;
    floor.drawDepthMesh();
    floor.drawMipmappedPass();
    for (int i = 0; i < frames_; ++i) {
      glFinish();
      auto start = Clock::now();
      floor.drawDepthMesh();
      glFinish();
      meshMs.push_back(msSince(start));
      start = Clock::now();
      floor.drawMipmappedPass();
      glFinish();
      passMs.push_back(msSince(start));
    }
    const double m = median(meshMs), p = median(passMs);
    benchRow("    floor: depth-only mesh / quad", fmt::format("{:.1f} ms ({} triangles)", m, frameStats.triangles), "-",
        m / q);
    benchRow("    floor: one trilinear pass / quad", fmt::format("{:.1f} ms", p), "-", p / q);
    benchRow("    floor: mesh + pass / quad", fmt::format("{:.1f} ms", m + p), "-", (m + p) / q);
  }

  // [SECTION] (b) whole-process headless render vs the GDAL command-line hillshade.
  {
    ScratchDir scratch("bench");
    const std::string self = launcherExecutable();
    const std::string png = (scratch.path / "frame.png").string();
    const std::string small = (scratch.path / "small.tif").string();
    const std::string shaded = (scratch.path / "hillshade.png").string();
    // The GDAL tools run as the user would run them: without the launcher's huge pages.
    const std::vector<std::string> userEnv = userEnvironment();
    auto gdalBaseline = [&] {
      return runChildOrThrow({"gdal_translate", "-outsize", "1920", "1080", "-r", "average", demPath, small}, userEnv) +
             runChildOrThrow({"gdaldem", "hillshade", small, "-of", "PNG", shaded}, userEnv);
    };
    gdalBaseline();  // untimed: both sides then read the DEM from the page cache
    std::vector<double> renderS, gdalS;
    for (int i = 0; i < kProcessRuns; ++i) {
      renderS.push_back(
          runChildOrThrow({self, "render", "--scene", scenePath, "--size", "1920x1080", "--out", png}, userEnv));
      gdalS.push_back(gdalBaseline());
    }
    const double r = median(renderS), g = median(gdalS);
    benchRow("(b) render process / gdal hillshade", fmt::format("{:.2f} s ({:.2f} s)", r, g), "<= 1.0", r / g, 1.0);
  }

  // [SECTION] (c) DEM load (read + warp into the scene grid) vs plain GDAL RasterIO.
  {
    plainGdalReadMs(demPath);
    std::vector<double> loadMsList, plainMs;
    for (int i = 0; i < 3; ++i) {
      const auto start = Clock::now();
      const geo::HeightGrid dem = geo::loadDem(demPath, world.demGrid);
      loadMsList.push_back(msSince(start));
      plainMs.push_back(plainGdalReadMs(demPath));
    }
    const double l = median(loadMsList), p = median(plainMs);
    benchRow("(c) DEM load / GDAL RasterIO", fmt::format("{:.0f} ms ({:.0f} ms)", l, p), "<= 1.2", l / p, 1.2);
  }

  // [SECTION] (d) LOD mesh build for one 513x513-vertex tile at full resolution.
  {
    const terrain::TerrainLod lod(world.heights, 512);
    const terrain::TileKey key{0, lod.tilesX(0) / 2, lod.tilesY(0) / 2};
    lod.buildMesh(key);
    std::vector<double> ms;
    int vertices = 0;
    for (int i = 0; i < 11; ++i) {
      const auto start = Clock::now();
      const terrain::TileMesh mesh = lod.buildMesh(key);
      ms.push_back(msSince(start));
      vertices = mesh.vertexCount();
    }
    const double m = median(ms);
    benchRow("(d) LOD mesh 513x513 tile", fmt::format("{:.2f} ms ({} vertices)", m, vertices), "<= 6 ms", m / 6.0, 1.0);
  }

  benchVideoExport(world, scenePath, context->renderer());  // BriefBench.cpp

  benchRow("triangles per frame (a)", fmt::format("{} in {} tiles", frameStats.triangles, frameStats.tiles));
  benchRow("peak memory, bench process", fmt::format("{:.0f} MiB", peakMiB(RUSAGE_SELF)));
  benchRow("peak memory, largest child", fmt::format("{:.0f} MiB", peakMiB(RUSAGE_CHILDREN)));
  return kExitOk;
}

}  // namespace tb::bench
