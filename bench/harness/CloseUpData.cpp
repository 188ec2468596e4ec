// Makes the close-up data (see CloseUpData.h). The imagery is computed tile row by tile row
// (32000 x 256 pixels at a time) and written through GDAL, so memory stays ~25 MB whatever the size.
#include "harness/CloseUpData.h"

#include <cpl_conv.h>
#include <gdal_priv.h>
#include <gdal_utils.h>
#include <ogr_spatialref.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <memory>
#include <thread>
#include <vector>

#include "core/Error.h"

namespace tb::bench {
namespace fs = std::filesystem;

namespace {

// [SECTION] geometry: a 40 km square in UTM zone 52N (the default scene's zone), centre on the
// zone's central meridian. Synthetic data: it stands for no real place.
constexpr double kWest = 480000, kNorth = 4620000, kSide = 40000;
constexpr double kImageryCell = 1.25, kDemCell = 10;
constexpr int kImagerySide = 32000, kDemSide = 4000;
constexpr double kCropSide = 10000;  // the crop: the middle 10 km

double demHeight(double e, double n) {  // metres; gentle hills, slopes under ~5%
  return 180 + 60 * std::sin(e / 3000.0) * std::cos(n / 2300.0) + 15 * std::sin(e / 700.0 + n / 900.0);
}

std::uint32_t hash(std::uint32_t a, std::uint32_t b, std::uint32_t salt) {
  std::uint32_t h = a * 0x9E3779B1u ^ (b + 0x7F4A7C15u) * 0x85EBCA77u ^ salt * 0xC2B2AE3Du;
  h ^= h >> 15;
  h *= 0x2C1B3C6Du;
  h ^= h >> 12;
  h *= 0x297A2D39u;
  return h ^ (h >> 15);
}

struct Rgb {
  int r, g, b;
};

// One imagery pixel at column x, row y (1.25 m): blocks of 160 m between 7.5 m roads; a block is
// farmland (two to four parcels with crop rows 5 m apart) or, one in five, a village of houses.
Rgb imageryPixel(int x, int y) {
  constexpr int kBlock = 128, kRoad = 6;
  const int bx = x / kBlock, by = y / kBlock, lx = x % kBlock, ly = y % kBlock;
  const std::uint32_t h = hash(bx, by, 1);
  const int noise = static_cast<int>(hash(x, y, 2) % 13) - 6;
  Rgb c;
  if (lx < kRoad || ly < kRoad) {
    c = {96, 96, 100};
    const bool vertical = lx < kRoad && ly >= kRoad;
    const bool centre = vertical ? (lx == 2 || lx == 3) && (y / 8) % 2 == 0 : (ly == 2 || ly == 3) && (x / 8) % 2 == 0;
    if (centre) c = {230, 230, 220};
  } else if (h % 5 == 0) {  // village: houses on a 16 px grid, roofs of three colours, shadows
    c = {110, 140, 80};
    const int hx = (lx - kRoad) % 16, hy = (ly - kRoad) % 16;
    const std::uint32_t house = hash(bx * 8 + (lx - kRoad) / 16, by * 8 + (ly - kRoad) / 16, 3);
    if (house % 4 != 0 && hx >= 3 && hx < 13 && hy >= 4 && hy < 12) {
      static const Rgb roofs[3] = {{170, 60, 45}, {120, 120, 130}, {60, 80, 140}};
      c = roofs[house % 3];
      if (hx == 3 || hx == 12 || hy == 4 || hy == 11) c = {c.r / 2, c.g / 2, c.b / 2};  // eaves
      else if (hx < 8) c = {c.r * 4 / 5, c.g * 4 / 5, c.b * 4 / 5};  // the roof's shaded side
    } else if (house % 4 != 0 && hx >= 13 && hx < 15 && hy >= 5 && hy < 13) {
      c = {55, 70, 45};  // shadow
    }
  } else {  // farmland: parcels split at a hashed column or row, crop rows in either direction
    const int split = kRoad + 20 + static_cast<int>(h / 7 % 80);
    const int parcel = (h & 8) ? (lx < split) : (ly < split) + 2 * ((h & 16) && lx < split);
    const std::uint32_t p = hash(bx * 4 + parcel, by, 4);
    static const Rgb fields[6] = {{95, 130, 60}, {140, 155, 70}, {170, 150, 95}, {120, 100, 70},
                                  {80, 115, 55}, {185, 175, 110}};
    c = fields[p % 6];
    const bool alongX = p & 64;
    const int period = 4 + static_cast<int>(p / 6 % 3);
    const int phase = (alongX ? y : x) % period;
    const int shade = phase == 0 ? -28 : phase == 1 ? -12 : 8;
    c = {c.r + shade, c.g + shade, c.b + shade};
  }
  auto clamp8 = [](int v) { return std::clamp(v, 0, 255); };
  return {clamp8(c.r + noise), clamp8(c.g + noise), clamp8(c.b + noise)};
}

// [SECTION] writing

struct DatasetCloser {
  void operator()(GDALDataset* ds) const { GDALClose(ds); }
};
using Dataset = std::unique_ptr<GDALDataset, DatasetCloser>;

Dataset create(const fs::path& path, int side, int bands, GDALDataType type, std::vector<const char*> options,
               double cell) {
  GDALDriver* gtiff = GetGDALDriverManager()->GetDriverByName("GTiff");
  options.push_back(nullptr);
  Dataset ds(gtiff->Create(path.c_str(), side, side, bands, type, const_cast<char**>(options.data())));
  if (!ds) throw internalError(path.string(), "GDAL cannot create it");
  double gt[6] = {kWest, cell, 0, kNorth, 0, -cell};
  ds->SetGeoTransform(gt);
  OGRSpatialReference srs;
  srs.importFromEPSG(32652);
  ds->SetSpatialRef(&srs);
  ds->SetMetadataItem("TERRABRIEF_SYNTHETIC", "YES");
  return ds;
}

void check(CPLErr err, const fs::path& path, const char* what) {
  if (err != CE_None) throw internalError(path.string(), std::string("GDAL failed to ") + what);
}

void makeImagery(const fs::path& out) {
  Dataset ds = create(out, kImagerySide, 3, GDT_Byte,
                      {"TILED=YES", "COMPRESS=JPEG", "PHOTOMETRIC=YCBCR", "JPEG_QUALITY=90", "BIGTIFF=YES"},
                      kImageryCell);
  constexpr int kRows = 256;
  std::vector<std::uint8_t> strip(static_cast<std::size_t>(kImagerySide) * kRows * 3);
  for (int y0 = 0; y0 < kImagerySide; y0 += kRows) {
    const int rows = std::min(kRows, kImagerySide - y0);
    auto fill = [&](int from, int to) {
      for (int r = from; r < to; ++r)
        for (int x = 0; x < kImagerySide; ++x) {
          const Rgb c = imageryPixel(x, y0 + r);
          std::uint8_t* p = strip.data() + (static_cast<std::size_t>(r) * kImagerySide + x) * 3;
          p[0] = static_cast<std::uint8_t>(c.r), p[1] = static_cast<std::uint8_t>(c.g), p[2] = static_cast<std::uint8_t>(c.b);
        }
    };
    std::thread half(fill, 0, rows / 2);
    fill(rows / 2, rows);
    half.join();
    check(ds->RasterIO(GF_Write, 0, y0, kImagerySide, rows, strip.data(), kImagerySide, rows, GDT_Byte, 3, nullptr, 3,
                       kImagerySide * 3, 1, nullptr),
          out, "write the imagery");
  }
  int levels[] = {2, 4, 8, 16, 32, 64, 128};
  check(ds->BuildOverviews("AVERAGE", 7, levels, 0, nullptr, nullptr, nullptr), out, "build overviews");
}

void makeDem(const fs::path& out) {
  Dataset ds = create(out, kDemSide, 1, GDT_Float32, {"TILED=YES", "COMPRESS=DEFLATE", "PREDICTOR=3"}, kDemCell);
  std::vector<float> heights(static_cast<std::size_t>(kDemSide) * kDemSide);
  for (int y = 0; y < kDemSide; ++y)
    for (int x = 0; x < kDemSide; ++x)
      heights[static_cast<std::size_t>(y) * kDemSide + x] =
          static_cast<float>(demHeight(kWest + (x + 0.5) * kDemCell, kNorth - (y + 0.5) * kDemCell));
  check(ds->GetRasterBand(1)->RasterIO(GF_Write, 0, 0, kDemSide, kDemSide, heights.data(), kDemSide, kDemSide,
                                       GDT_Float32, 0, 0, nullptr),
        out, "write the DEM");
  ds->GetRasterBand(1)->SetDescription("elevation (m), synthetic");
  int levels[] = {2, 4, 8, 16};
  check(ds->BuildOverviews("AVERAGE", 4, levels, 0, nullptr, nullptr, nullptr), out, "build overviews");
}

// The middle 10 km of `source`, uncompressed (pixels as decoded: no second JPEG generation).
void makeCrop(const fs::path& source, const fs::path& out, double cell) {
  const int offset = static_cast<int>(std::lround((kSide - kCropSide) / 2 / cell));
  const int size = static_cast<int>(std::lround(kCropSide / cell));
  const std::string off = std::to_string(offset), sz = std::to_string(size);
  const char* args[] = {"-q", "-srcwin", off.c_str(), off.c_str(), sz.c_str(), sz.c_str(), "-co", "TILED=NO", nullptr};
  GDALTranslateOptions* options = GDALTranslateOptionsNew(const_cast<char**>(args), nullptr);
  GDALDatasetH src = GDALOpen(source.c_str(), GA_ReadOnly);
  if (!src) {
    GDALTranslateOptionsFree(options);
    throw internalError(source.string(), "GDAL cannot open it");
  }
  int failed = 0;
  GDALDatasetH dst = GDALTranslate(out.c_str(), src, options, &failed);
  GDALTranslateOptionsFree(options);
  GDALClose(src);
  if (!dst || failed) throw internalError(out.string(), "GDAL failed to write the crop");
  GDALClose(dst);
}

// Made under a temporary name and renamed: an interrupted run leaves nothing taken for finished.
template <class Make>
void makeOnce(const fs::path& out, Make make) {
  if (fs::exists(out)) return;
  const fs::path tmp = out.parent_path() / (".part" + std::to_string(::getpid()) + "-" + out.filename().string());
  std::printf("  making %s ...\n", out.filename().c_str());
  std::fflush(stdout);
  make(tmp);
  fs::rename(tmp, out);
}

std::string sceneJson(const std::string& name, const fs::path& dem, const fs::path& imagery) {
  return R"({"format": "terrabrief-scene/1", "name": ")" + name + R"(", "crs": "EPSG:32652",
 "dem": {"path": ")" + dem.string() + R"("}, "imagery": [{"name": "synthetic 1.25 m", "path": ")" +
         imagery.string() + "\"}]}\n";
}

}  // namespace

CloseUpData ensureCloseUpData(const fs::path& dir) {
  fs::create_directories(dir);
  const fs::path imagery = dir / "closeup-imagery40km.tif", dem = dir / "closeup-dem40km.tif";
  const fs::path imageryCrop = dir / "closeup-imagery10km.tif", demCrop = dir / "closeup-dem10km.tif";
  makeOnce(dem, makeDem);
  makeOnce(imagery, makeImagery);
  makeOnce(demCrop, [&](const fs::path& out) { makeCrop(dem, out, kDemCell); });
  makeOnce(imageryCrop, [&](const fs::path& out) { makeCrop(imagery, out, kImageryCell); });
  CloseUpData d;
  d.scene40km = dir / "closeup40km.json";
  d.scene10km = dir / "closeup10km.json";
  std::ofstream(d.scene40km) << sceneJson("close-up 40 km", dem, imagery);
  std::ofstream(d.scene10km) << sceneJson("close-up 10 km crop", demCrop, imageryCrop);

  // 350 m above the ground, looking north 55° down at a village block near the centre (block
  // 126,126 of imageryPixel) and the fields around it: the view stays well inside the crop, at
  // 0.3-0.6 m a pixel (imagery texels magnified, as in a close-up).
  const double e = kWest + kSide / 2 + 240, n = kNorth - kSide / 2 - 540;
  OGRSpatialReference utm, wgs84;
  utm.importFromEPSG(32652);
  wgs84.importFromEPSG(4326);
  wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  std::unique_ptr<OGRCoordinateTransformation> toGeo(OGRCreateCoordinateTransformation(&utm, &wgs84));
  double lon = e, lat = n;
  if (!toGeo || !toGeo->Transform(1, &lon, &lat)) throw internalError("EPSG:32652", "cannot transform to EPSG:4326");
  d.cameraLat = lat;
  d.cameraLon = lon;
  d.cameraHeight = demHeight(e, n) + 350;
  d.heading = 0;
  d.pitch = -55;
  return d;
}

}  // namespace tb::bench
