// `terrabrief bench --streaming`: whole-process runs of `render` and `info` on big data against the
// 2D baseline (gdal_translate -outsize + gdaldem hillshade, which reads the DEM's overviews), side
// by side in one run, alternating, medians. The data is made once, by GDAL's command-line tools,
// from the default scene's DEM and imagery, into <cache>/bench-streaming/ (minutes; kept until the
// cache is cleared).
#include "harness/BenchStreaming.h"

#include <fmt/format.h>
#include <gdal.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "harness/BenchCloseUp.h"
#include "harness/BenchTable.h"
#include "harness/ChildProcess.h"
#include "harness/ViewerBench.h"
#include "core/DataPaths.h"
#include "core/DiskCache.h"
#include "core/Error.h"

namespace tb::bench {
namespace fs = std::filesystem;

namespace {

// [SECTION] the data

struct BigData {
  fs::path dir, dem16k, imagery32k, dem64k, scene16k, scene64k;
  fs::path scene16kWarped;  // the 16k data in EPSG:3857: every tile goes through GDAL's warper
};

// Runs the GDAL tools that write `out` into a temporary name, then renames it: a run that was
// interrupted leaves no half-made file that a later run would take for finished.
void makeWith(const fs::path& out, const std::vector<std::vector<std::string>>& commands) {
  if (fs::exists(out)) return;
  const fs::path tmp = out.string() + ".part" + std::to_string(::getpid());
  std::printf("  making %s ...\n", out.filename().c_str());
  std::fflush(stdout);
  for (std::vector<std::string> argv : commands) {
    for (std::string& a : argv)
      if (a == "@") a = tmp.string();
    runChildOrThrow(argv);
  }
  fs::rename(tmp, out);
}

std::string sceneJson(const fs::path& dem, const fs::path& imagery, const std::string& crs = "EPSG:32652") {
  return R"({"format": "terrabrief-scene/1", "name": "bench streaming", "crs": ")" + crs + R"(",
 "dem": {"path": ")" + dem.string() + R"("}, "imagery": [{"name": "imagery 32k", "path": ")" + imagery.string() +
         "\"}]}\n";
}

fs::path benchDataDirectory() {
  const std::string cacheRoot = cache::directory();
  return (cacheRoot.empty() ? fs::temp_directory_path() / "terrabrief" : fs::path(cacheRoot)) / "bench-streaming";
}

BigData ensureBigData() {
  BigData d;
  d.dir = benchDataDirectory();
  fs::create_directories(d.dir);
  d.dem16k = d.dir / "dem16k.tif";
  d.imagery32k = d.dir / "imagery32k.tif";
  d.dem64k = d.dir / "dem64k.vrt";
  d.scene16k = d.dir / "scene16k.json";
  d.scene64k = d.dir / "scene64k.json";
  d.scene16kWarped = d.dir / "scene16k-3857.json";
  const std::string source = dataDirectory() + "/kyongsong";

  const auto start = std::chrono::steady_clock::now();
  const bool missing = !fs::exists(d.dem16k) || !fs::exists(d.imagery32k) || !fs::exists(d.dem64k);
  if (missing) std::printf("bench data missing in %s: making it with GDAL (minutes, once)\n", d.dir.c_str());
  // ~2.3 m cells over the default scene (interpolated), DEFLATE tiles, overviews down to 256².
  makeWith(d.dem16k, {{"gdal_translate", "-q", "-of", "GTiff", "-outsize", "16384", "16384", "-r", "cubic", "-ot",
                       "Float32", "-co", "TILED=YES", "-co", "COMPRESS=DEFLATE", "-co", "PREDICTOR=3", "-co",
                       "BIGTIFF=YES", source + "/dem.tif", "@"},
                      {"gdaladdo", "-q", "-r", "average", "@", "2", "4", "8", "16", "32", "64"}});
  // RGB, JPEG (YCbCr) tiles, overviews down to 256².
  makeWith(d.imagery32k,
           {{"gdal_translate", "-q", "-of", "GTiff", "-outsize", "32768", "32768", "-r", "bilinear", "-b", "1", "-b",
             "2", "-b", "3", "-co", "TILED=YES", "-co", "COMPRESS=JPEG", "-co", "PHOTOMETRIC=YCBCR", "-co",
             "BIGTIFF=YES", source + "/imagery.tif", "@"},
            {"gdaladdo", "-q", "-r", "average", "@", "2", "4", "8", "16", "32", "64", "128"}});
  if (!fs::exists(d.dem64k)) {
    // 4×4 copies of the 16384² DEM side by side (one GeoTIFF, no new pixels): 65536², ~160 km.
    // Its OverviewList gives it overviews down to 128², each read through the file's overviews.
    const fs::path tmp = d.dem64k.string() + ".part";
    std::ofstream vrt(tmp);
    vrt << "<VRTDataset rasterXSize=\"65536\" rasterYSize=\"65536\">\n<SRS>EPSG:32652</SRS>\n";
    double gt[6];
    GDALDatasetH ds = GDALOpen(d.dem16k.c_str(), GA_ReadOnly);
    const bool georeferenced = ds && GDALGetGeoTransform(ds, gt) == CE_None;
    if (ds) GDALClose(ds);
    if (!georeferenced) throw internalError(d.dem16k.string(), "GDAL cannot read its geotransform");
    vrt << fmt::format("<GeoTransform>{:.17g}, {:.17g}, 0, {:.17g}, 0, {:.17g}</GeoTransform>\n", gt[0], gt[1], gt[3],
                       gt[5]);
    vrt << "<OverviewList resampling=\"average\">2 4 8 16 32 64 128 256 512</OverviewList>\n"
        << "<VRTRasterBand dataType=\"Float32\" band=\"1\">\n";
    for (int j = 0; j < 4; ++j)
      for (int i = 0; i < 4; ++i)
        vrt << "<SimpleSource><SourceFilename relativeToVRT=\"1\">dem16k.tif</SourceFilename><SourceBand>1"
            << "</SourceBand><SrcRect xOff=\"0\" yOff=\"0\" xSize=\"16384\" ySize=\"16384\"/><DstRect xOff=\""
            << i * 16384 << "\" yOff=\"" << j * 16384 << "\" xSize=\"16384\" ySize=\"16384\"/></SimpleSource>\n";
    vrt << "</VRTRasterBand>\n</VRTDataset>\n";
    vrt.close();
    fs::rename(tmp, d.dem64k);
  }
  std::ofstream(d.scene16k) << sceneJson(d.dem16k, d.imagery32k);
  std::ofstream(d.scene64k) << sceneJson(d.dem64k, d.imagery32k);
  std::ofstream(d.scene16kWarped) << sceneJson(d.dem16k, d.imagery32k, "EPSG:3857");
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  benchRow("bench data (16k DEM, 32k imagery, 64k VRT)", missing ? fmt::format("made in {:.0f} s", s) : "present");
  return d;
}

// Rows (e) to (h); false when a render failed.
bool benchBigData(int processRuns, const std::vector<std::string>& userEnv) {
  const BigData d = ensureBigData();
  const std::string self = launcherExecutable();
  const fs::path scratch = d.dir / ("run-" + std::to_string(::getpid()));
  fs::create_directories(scratch);
  const std::string png = (scratch / "frame.png").string(), small = (scratch / "small.tif").string(),
                    shaded = (scratch / "hillshade.png").string();
  auto render = [&](const fs::path& scene) {
    return runChild({self, "render", "--scene", scene.string(), "--size", "1920x1080", "--out", png}, userEnv);
  };
  auto gdalBaseline = [&] {
    return runChildOrThrow(
               {"gdal_translate", "-outsize", "1920", "1080", "-r", "average", d.dem16k.string(), small},
               userEnv) +
           runChildOrThrow({"gdaldem", "hillshade", small, "-of", "PNG", shaded}, userEnv);
  };
  // Untimed: every file's headers and overviews in the page cache for both sides. A scene whose
  // render fails (a source error, or no settled frame within TERRABRIEF_SETTLE_SECONDS) gets a
  // "failed" row; the other rows are still measured.
  gdalBaseline();
  const bool ok16 = render(d.scene16k).exitCode == 0;
  const bool ok64 = render(d.scene64k).exitCode == 0;

  std::vector<double> e, f, g, info;
  double peakE = 0, peakF = 0;
  for (int i = 0; i < processRuns; ++i) {
    if (ok16) {
      const ChildResult re = render(d.scene16k);
      if (re.exitCode == 0) e.push_back(re.seconds);
      peakE = std::max(peakE, re.peakMiB);
    }
    g.push_back(gdalBaseline());
    if (ok64) {
      const ChildResult rf = render(d.scene64k);
      if (rf.exitCode == 0) f.push_back(rf.seconds);
      peakF = std::max(peakF, rf.peakMiB);
    }
    info.push_back(runChildOrThrow({self, "info", "--scene", d.scene16k.string()}, userEnv));
  }
  std::error_code ec;
  fs::remove_all(scratch, ec);
  const double mg = median(g), mi = median(info);
  const char* failed = "failed: not settled (exit 2)";
  if (e.empty()) {
    benchRow("(e) 16k DEM+32k img render / gdal", failed, "<= 1.0");
  } else {
    const double me = median(e);
    benchRow("(e) 16k DEM+32k img render / gdal", fmt::format("{:.2f} s ({:.2f} s)", me, mg), "<= 1.0", me / mg, 1.0);
    if (!f.empty()) {
      const double mf = median(f);
      benchRow("(f) 64k VRT DEM render / (e)", fmt::format("{:.2f} s ({:.2f} s)", mf, me), "<= 1.5", mf / me, 1.5);
    }
  }
  if (f.empty()) benchRow("(f) 64k VRT DEM render / (e)", failed, "<= 1.5");
  if (!e.empty()) benchRow("(g) peak RSS (e)", fmt::format("{:.0f} MiB", peakE), "<= 600 MiB", peakE / 600, 1.0);
  if (!f.empty()) benchRow("(g) peak RSS (f)", fmt::format("{:.0f} MiB", peakF), "<= 600 MiB", peakF / 600, 1.0);
  benchRow("(h) info on the 16k scene", fmt::format("{:.3f} s", mi), "<= 0.2 s", mi / 0.2, 1.0);
  return !e.empty() && !f.empty();
}

// Row (k): the first settled 1920x1080 frame of a scene whose sources are all reprojected, with an
// empty derived-data cache (first open) and with the cache that run left (second open),
// alternating, each run a new process.
void benchReprojectedReopen(int processRuns, std::vector<std::string> userEnv) {
  const BigData d = ensureBigData();
  const std::string self = launcherExecutable();
  const fs::path scratch = d.dir / ("run-k-" + std::to_string(::getpid()));
  const fs::path cacheDir = scratch / "cache";
  userEnv.push_back("TERRABRIEF_CACHE_DIR=" + cacheDir.string());
  const std::string png = (scratch / "frame.png").string();
  auto render = [&] {
    return runChild({self, "render", "--scene", d.scene16kWarped.string(), "--size", "1920x1080", "--out", png},
                    userEnv);
  };
  std::vector<double> first, second;
  std::error_code ec;
  for (int i = 0; i < processRuns; ++i) {
    fs::remove_all(cacheDir, ec);
    fs::create_directories(cacheDir);
    const ChildResult a = render();
    const ChildResult b = render();
    if (a.exitCode == 0 && b.exitCode == 0) first.push_back(a.seconds), second.push_back(b.seconds);
  }
  std::uintmax_t bytes = 0;
  for (const auto& e : fs::directory_iterator(cacheDir, ec)) bytes += e.is_regular_file(ec) ? e.file_size(ec) : 0;
  fs::remove_all(scratch, ec);
  const char* row = "(k) reprojected 16k: 2nd open / 1st";
  if (first.empty()) {
    benchRow(row, "failed: not settled (exit 2)", "< 1.0");
    return;
  }
  const double m1 = median(first), m2 = median(second);
  benchRow(row, fmt::format("{:.2f} s ({:.2f} s, cache {:.0f} MiB)", m2, m1, bytes / 1048576.0), "< 1.0", m2 / m1,
           1.0);
}

}  // namespace

int benchStreaming(int processRuns, const std::string& rows) {
  GDALAllRegister();
  const std::vector<std::string> userEnv = userEnvironment();
  const fs::path dir = benchDataDirectory();
  std::printf("terrabrief bench --streaming: %s, default budgets, medians of %d alternating process runs\n",
              dir.c_str(), processRuns);
  benchHeader();
  bool ok = true;
  if (rows.find_first_of("efgh") != std::string::npos) ok = benchBigData(processRuns, userEnv) && ok;
  if (rows.find('k') != std::string::npos) benchReprojectedReopen(processRuns, userEnv);
  if (rows.find('i') != std::string::npos) benchCloseUp(dir, userEnv);  // below target: "over", like any row
  // The viewer's own environment (the launcher's huge pages, as a user's viewer has them).
  if (rows.find('j') != std::string::npos) benchViewerFlight(ensureBigData().scene16k.string(), 60, 3);
  return ok ? kExitOk : kExitInternal;
}

}  // namespace tb::bench
