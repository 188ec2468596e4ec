// Data for the streaming cli tests, made by the GDAL command-line tools (gdal-bin) from the default
// scene's DEM and imagery into a scratch directory: small files, a few seconds in all.
#pragma once
#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

#include "CliRun.h"
#include "core/PngFile.h"

namespace tb::clitest {

// Runs a GDAL tool in `dir`; throws (failing the test with its output) when it fails.
inline void gdal(const fs::path& dir, const std::vector<std::string>& argv) {
  const RunResult r = runProgram(argv, RunOptions{dir});
  if (r.exitCode != 0) throw std::runtime_error(argv[0] + " failed: " + describe(r));
}

inline fs::path defaultImagery() { return defaultSceneDir() / "imagery.tif"; }

// A scene without "extent" (the DEM's footprint), in EPSG:32652, with an optional imagery layer.
inline std::string streamSceneJson(const std::string& dem, const std::string& imagery = "") {
  std::string s = R"({"format": "terrabrief-scene/1", "name": "stream test", "crs": "EPSG:32652",
 "dem": {"path": ")" + dem + "\"}";
  if (!imagery.empty()) s += R"(, "imagery": [{"name": "picture", "path": ")" + imagery + "\"}]";
  return s + "}\n";
}

// The environment of a streamed render: streaming forced, no derived-data cache (each run reads
// its sources), a settle wait that fails the test well before ctest's timeout.
inline RunOptions streamOptions(const fs::path& cwd) {
  RunOptions o(cwd);
  o.env["TERRABRIEF_STREAMING"] = "1";
  o.env["TERRABRIEF_CACHE_DIR"] = "off";
  o.env["TERRABRIEF_SETTLE_SECONDS"] = "40";
  return o;
}

inline RunResult renderScene(const fs::path& scene, const fs::path& out, const RunOptions& options,
                             const std::string& size = "320x180", const std::vector<std::string>& extra = {}) {
  std::vector<std::string> args{"render", "--scene", scene.string(), "--size", size, "--no-labels", "--out",
                                out.string()};
  args.insert(args.end(), extra.begin(), extra.end());
  return runTerrabrief(args, options);
}

// Per-channel differences of two same-sized pictures (RGB; alpha is always opaque).
struct PictureDiff {
  double meanAbs = 0;          // mean absolute difference over all RGB values
  double shareOver = 0;        // share of pixels whose largest channel difference exceeds `level`
  int worst = 0;
};
inline PictureDiff comparePictures(const ImageRGBA& a, const ImageRGBA& b, int level) {
  if (a.width != b.width || a.height != b.height) throw std::runtime_error("pictures of different sizes");
  PictureDiff d;
  size_t over = 0, sum = 0;
  const size_t n = static_cast<size_t>(a.width) * a.height;
  for (size_t i = 0; i < n; ++i) {
    int m = 0;
    for (int c = 0; c < 3; ++c) {
      const int diff = std::abs(int(a.pixels[i * 4 + c]) - int(b.pixels[i * 4 + c]));
      sum += diff;
      m = std::max(m, diff);
    }
    d.worst = std::max(d.worst, m);
    if (m > level) ++over;
  }
  d.meanAbs = double(sum) / (3.0 * n);
  d.shareOver = double(over) / n;
  return d;
}

// A 512² copy of the default DEM, tiled in 128² blocks, with two overview levels.
inline fs::path makeTiledDem(const fs::path& dir, const std::string& name = "tiled.tif") {
  gdal(dir, {"gdal_translate", "-q", "-outsize", "512", "512", "-r", "average", "-co", "TILED=YES", "-co",
             "BLOCKXSIZE=128", "-co", "BLOCKYSIZE=128", defaultDem().string(), name});
  gdal(dir, {"gdaladdo", "-q", "-r", "average", name, "2", "4"});
  return dir / name;
}

// The zoom-12 web-mercator tile grid (2×2 tiles of 256 px over Kyongsong, x and y even so that they
// are one tile of zoom 11).
struct TileSet {
  static constexpr int kZoom = 12;
  static constexpr double kHalf = 20037508.342789244;
  int x0 = 0, y0 = 0;
  double tileMetres = 0;
  TileSet() {
    const int n = 1 << kZoom;
    const double lat = 41.56 * M_PI / 180;
    x0 = static_cast<int>((129.62 + 180) / 360 * n) / 2 * 2;
    y0 = static_cast<int>((1 - std::asinh(std::tan(lat)) / M_PI) / 2 * n) / 2 * 2;
    tileMetres = 2 * kHalf / n;
  }
  double west() const { return -kHalf + x0 * tileMetres; }
  double north() const { return kHalf - y0 * tileMetres; }
  double east() const { return west() + 2 * tileMetres; }
  double south() const { return north() - 2 * tileMetres; }
  // The centre in WGS 84 degrees.
  double centreLon() const { return (west() + east()) / 2 / kHalf * 180; }
  double centreLat() const { return std::atan(std::sinh((north() + south()) / 2 / kHalf * M_PI)) * 180 / M_PI; }

  // The GDAL WMS description of the tiles under `url`/z/x/y.png: one overview (zoom 11), and
  // tiles the server does not have (outside the 2×2) read as empty rather than as errors.
  std::string wmsXml(const std::string& url) const {
    return "<GDAL_WMS>\n"
           "  <Service name=\"TMS\"><ServerUrl>" + url + "/${z}/${x}/${y}.png</ServerUrl></Service>\n"
           "  <DataWindow><UpperLeftX>-20037508.342789244</UpperLeftX><UpperLeftY>20037508.342789244</UpperLeftY>\n"
           "    <LowerRightX>20037508.342789244</LowerRightX><LowerRightY>-20037508.342789244</LowerRightY>\n"
           "    <TileLevel>12</TileLevel><TileCountX>1</TileCountX><TileCountY>1</TileCountY>\n"
           "    <YOrigin>top</YOrigin></DataWindow>\n"
           "  <Projection>EPSG:3857</Projection><BlockSizeX>256</BlockSizeX><BlockSizeY>256</BlockSizeY>\n"
           "  <BandsCount>3</BandsCount><OverviewCount>1</OverviewCount>\n"
           "  <ZeroBlockHttpCodes>204,404</ZeroBlockHttpCodes>\n"
           "</GDAL_WMS>\n";
  }

  // Writes picture.tif (the default imagery on this grid, RGB, with the zoom-11 overview) into
  // `dir` and cuts it into PNG tiles under `dir`/www/tiles/z/x/y.png.
  fs::path write(const fs::path& dir) const {
    const auto num = [](double v) { return std::to_string(v); };
    gdal(dir, {"gdalwarp", "-q", "-t_srs", "EPSG:3857", "-te", num(west()), num(south()), num(east()), num(north()),
               "-ts", "512", "512", "-r", "average", defaultImagery().string(), "warped.tif"});
    gdal(dir,
         {"gdal_translate", "-q", "-b", "1", "-b", "2", "-b", "3", "-co", "TILED=YES", "warped.tif", "picture.tif"});
    gdal(dir, {"gdaladdo", "-q", "-r", "average", "picture.tif", "2"});
    for (int ty = 0; ty < 2; ++ty)
      for (int tx = 0; tx < 2; ++tx) {
        const fs::path folder = dir / "www/tiles/12" / std::to_string(x0 + tx);
        fs::create_directories(folder);
        gdal(dir, {"gdal_translate", "-q", "-of", "PNG", "-srcwin", std::to_string(tx * 256), std::to_string(ty * 256),
                   "256", "256", "picture.tif", (folder / (std::to_string(y0 + ty) + ".png")).string()});
      }
    const fs::path folder = dir / "www/tiles/11" / std::to_string(x0 / 2);
    fs::create_directories(folder);
    gdal(dir, {"gdal_translate", "-q", "-of", "PNG", "-outsize", "256", "256", "-r", "average", "picture.tif",
               (folder / (std::to_string(y0 / 2) + ".png")).string()});
    return dir / "picture.tif";
  }
};

}  // namespace tb::clitest
