// The generator's entry points: the output grid for the lon/lat box, and writing the two
// GeoTIFFs (north-up, in the scene CRS, so the app reads them without warping) atomically.
#include "synth/KyongsongSynth.h"

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <string>

#include <gdal_priv.h>
#include <ogr_spatialref.h>

#include "core/AtomicFile.h"
#include "core/Error.h"
#include "synth/LandMask.h"

namespace tb::synth {
namespace {

double secondsSince(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

std::string crsWkt(const std::string& crs) {
  OGRSpatialReference srs;
  if (srs.SetFromUserInput(crs.c_str()) != OGRERR_NONE) throw Error(crs, "unknown CRS");
  char* wkt = nullptr;
  srs.exportToWkt(&wkt);
  std::string out = wkt ? wkt : "";
  CPLFree(wkt);
  return out;
}

struct DatasetCloser {
  void operator()(GDALDataset* ds) const { GDALClose(ds); }
};
using DatasetPtr = std::unique_ptr<GDALDataset, DatasetCloser>;

DatasetPtr createTiff(const std::string& path, const geo::GridSpec& grid, int bands, GDALDataType type,
                      const std::string& crs, const char* description, bool rgb, int padding = 0) {
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GTiff");
  if (!driver) throw internalError("synth", "GDAL has no GTiff driver");
  CPLStringList co;
  // Uncompressed strips in row order: the app then uses the samples in place through a file
  // mapping instead of copying them on every start (see geo/Raster.cpp).
  co.SetNameValue("TILED", "NO");
  co.SetNameValue("BLOCKYSIZE", "64");
  co.SetNameValue("COMPRESS", "NONE");
  if (rgb) {
    co.SetNameValue("PHOTOMETRIC", "RGB");
    co.SetNameValue("INTERLEAVE", "PIXEL");
    co.SetNameValue("ALPHA", "YES");  // unassociated; opaque, but RGBA is what the GPU samples
  }
  DatasetPtr ds(driver->Create(path.c_str(), grid.width, grid.height, bands, type, co.List()));
  if (!ds) throw Error(path, std::string("cannot create GeoTIFF: ") + CPLGetLastErrorMsg());
  double gt[6] = {grid.originX, grid.cellSize, 0, grid.originY, 0, -grid.cellSize};
  ds->SetGeoTransform(gt);
  ds->SetProjection(crsWkt(crs).c_str());
  ds->SetMetadataItem("TERRABRIEF_SYNTHETIC", "YES");
  ds->SetMetadataItem("TERRABRIEF_DESCRIPTION", description);
  ds->SetMetadataItem("TERRABRIEF_GENERATOR", "tb-synth (terrabrief " TB_VERSION ")");
  ds->SetMetadataItem("TERRABRIEF_ALIGNMENT", std::string(1 + padding, '0').c_str());
  return ds;
}

// File offset of the first strip's samples.
unsigned long long dataOffset(const std::string& path) {
  DatasetPtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY));
  const char* offset = ds ? ds->GetRasterBand(1)->GetMetadataItem("BLOCK_OFFSET_0_0", "TIFF") : nullptr;
  return offset ? std::strtoull(offset, nullptr, 10) : 0;
}

void writeDem(const SynthTerrain& t, const std::string& crs, const std::string& path) {
  AtomicFile file(path);
  // The app uses these samples in place through a file mapping (geo/Raster.cpp), which needs
  // them float-aligned in the file. GDAL puts them right after its header, so a metadata item is
  // padded until they start on a 64-byte boundary (one or two writes; the result is the same
  // bytes on every run).
  for (int padding = 0, attempt = 0;; ++attempt) {
    {
      DatasetPtr ds = createTiff(file.tempPath(), t.grid, 1, GDT_Float32, crs,
                                 "Synthetic terrain for the Kyongsong briefing: land/sea from the GSHHG shoreline, "
                                 "relief invented (noise + erosion). Not real elevation data.",
                                 false, padding);
      GDALRasterBand* band = ds->GetRasterBand(1);
      band->SetDescription("elevation (m), synthetic");
      if (band->RasterIO(GF_Write, 0, 0, t.grid.width, t.grid.height, const_cast<float*>(t.heights.data()),
                         t.grid.width, t.grid.height, GDT_Float32, 0, 0) != CE_None)
        throw Error(path, std::string("write failed: ") + CPLGetLastErrorMsg());
    }  // flush and close
    const unsigned long long offset = dataOffset(file.tempPath());
    if (offset % 64 == 0 || (attempt >= 3 && offset % 4 == 0)) break;
    if (attempt >= 6) throw internalError(path, "cannot align the samples in the file");
    padding += static_cast<int>(64 - offset % 64);
  }
  file.commit();
}

void writeImagery(const SynthTerrain& t, const std::vector<std::uint8_t>& rgb, const std::string& crs,
                  const std::string& path) {
  AtomicFile file(path);
  {
    DatasetPtr ds = createTiff(file.tempPath(), t.grid, 4, GDT_Byte, crs,
                               "Synthetic land-cover imagery for the Kyongsong briefing, derived from the synthetic "
                               "terrain (elevation, slope, land/sea) with baked hillshade. Not real imagery.",
                               true);
    const std::size_t pixels = rgb.size() / 3;
    std::vector<std::uint8_t> rgba(pixels * 4);
    for (std::size_t i = 0; i < pixels; ++i) {
      rgba[i * 4] = rgb[i * 3], rgba[i * 4 + 1] = rgb[i * 3 + 1], rgba[i * 4 + 2] = rgb[i * 3 + 2];
      rgba[i * 4 + 3] = 255;
    }
    int bandMap[4] = {1, 2, 3, 4};
    if (ds->RasterIO(GF_Write, 0, 0, t.grid.width, t.grid.height, rgba.data(), t.grid.width, t.grid.height, GDT_Byte,
                     4, bandMap, 4, 4 * static_cast<GSpacing>(t.grid.width), 1) != CE_None)
      throw Error(path, std::string("write failed: ") + CPLGetLastErrorMsg());
    ds.reset();
  }
  file.commit();
}

}  // namespace

geo::GridSpec gridForExtent(const SynthOptions& o) {
  if (!(o.cellSize >= 1 && o.cellSize <= 10000)) throw Error("synth", "cell size must be 1..10000 m");
  if (!(o.west < o.east && o.south < o.north)) throw Error("synth", "empty lon/lat extent");
  const LonLatProjector proj(o.crs);
  double minX = 1e30, maxX = -1e30, minY = 1e30, maxY = -1e30;
  const int steps = 64;  // edges are curves in the projection
  for (int i = 0; i <= steps; ++i) {
    const double f = static_cast<double>(i) / steps;
    const double lon = o.west + (o.east - o.west) * f, lat = o.south + (o.north - o.south) * f;
    for (const glm::dvec2 p : {proj.project(lon, o.south), proj.project(lon, o.north), proj.project(o.west, lat),
                               proj.project(o.east, lat)}) {
      minX = std::min(minX, p.x), maxX = std::max(maxX, p.x), minY = std::min(minY, p.y), maxY = std::max(maxY, p.y);
    }
  }
  geo::GridSpec g;
  g.crs = o.crs;
  g.cellSize = o.cellSize;
  g.originX = std::floor(minX / o.cellSize) * o.cellSize;
  g.originY = std::ceil(maxY / o.cellSize) * o.cellSize;
  g.width = static_cast<int>(std::llround((std::ceil(maxX / o.cellSize) * o.cellSize - g.originX) / o.cellSize));
  g.height = static_cast<int>(std::llround((g.originY - std::floor(minY / o.cellSize) * o.cellSize) / o.cellSize));
  if (static_cast<double>(g.width) * g.height > 64.0 * 1024 * 1024)
    throw Error("synth", "grid too large (" + std::to_string(g.width) + "x" + std::to_string(g.height) + ")");
  return g;
}

SynthTimings generateKyongsong(const SynthOptions& options, SynthTerrain* keep) {
  GDALAllRegister();
  namespace fs = std::filesystem;
  const std::string demPath = (fs::path(options.outDir) / "dem.tif").string();
  const std::string imageryPath = (fs::path(options.outDir) / "imagery.tif").string();
  checkWritableOutput(demPath);  // fail before the expensive part
  SynthTimings timings;
  auto t0 = std::chrono::steady_clock::now();
  SynthTerrain terrain = buildTerrain(options);
  timings.terrainSeconds = secondsSince(t0);
  t0 = std::chrono::steady_clock::now();
  const auto rgb = paintImagery(terrain, options.threads);
  timings.imagerySeconds = secondsSince(t0);
  t0 = std::chrono::steady_clock::now();
  writeDem(terrain, options.crs, demPath);
  writeImagery(terrain, rgb, options.crs, imageryPath);
  timings.writeSeconds = secondsSince(t0);
  if (keep) *keep = std::move(terrain);
  return timings;
}

}  // namespace tb::synth
