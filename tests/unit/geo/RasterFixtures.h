// Test fixtures: small rasters and text files written with GDAL into a fresh scratch directory.
#pragma once
#include <gdal.h>
#include <ogr_srs_api.h>
#include <cpl_string.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/Error.h"

namespace tb::testfix {

// A new empty directory under TB_TEST_OUTPUT_DIR (never the source tree).
inline std::string scratchDir(const std::string& name) {
  std::filesystem::create_directories(TB_TEST_OUTPUT_DIR);
  std::string templ = std::string(TB_TEST_OUTPUT_DIR) + "/" + name + "-XXXXXX";
  char* made = mkdtemp(templ.data());
  return made ? std::string(made) : std::string();
}

inline std::string wktOf(const std::string& crs) {
  OGRSpatialReferenceH srs = OSRNewSpatialReference(nullptr);
  OSRSetFromUserInput(srs, crs.c_str());
  char* wkt = nullptr;
  OSRExportToWkt(srs, &wkt);
  std::string out = wkt ? wkt : "";
  CPLFree(wkt);
  OSRDestroySpatialReference(srs);
  return out;
}

struct RasterSpec {
  std::string crs = "EPSG:32652";  // "" writes a raster without CRS
  double gt[6] = {500000, 10, 0, 4600000, 0, -10};
  int width = 64, height = 64;
  std::optional<double> nodata;
  std::map<std::string, std::string> metadata;
  std::string driver = "GTiff";
};

// A dataset of `driver` at `path` ("" for MEM) from band-interleaved Float32 data (bands =
// data.size() / (w*h)), converted to `type`. The caller closes it.
inline GDALDatasetH createRaster(const char* driver, const std::string& path, const RasterSpec& s,
                                 const std::vector<float>& data, GDALDataType type = GDT_Float32) {
  GDALAllRegister();
  const int bands = static_cast<int>(data.size() / (static_cast<size_t>(s.width) * s.height));
  GDALDatasetH ds = GDALCreate(GDALGetDriverByName(driver), path.c_str(), s.width, s.height, bands, type, nullptr);
  GDALSetGeoTransform(ds, const_cast<double*>(s.gt));
  if (!s.crs.empty()) GDALSetProjection(ds, wktOf(s.crs).c_str());
  for (const auto& [k, v] : s.metadata) GDALSetMetadataItem(ds, k.c_str(), v.c_str(), nullptr);
  for (int b = 0; b < bands; ++b) {
    GDALRasterBandH band = GDALGetRasterBand(ds, b + 1);
    if (s.nodata) GDALSetRasterNoDataValue(band, *s.nodata);
    GDALRasterIO(band, GF_Write, 0, 0, s.width, s.height,
                 const_cast<float*>(data.data()) + static_cast<size_t>(b) * s.width * s.height, s.width, s.height,
                 GDT_Float32, 0, 0);
  }
  return ds;
}

// Writes band-interleaved Float32 data (bands = data.size() / (w*h)) with the spec's driver.
inline void writeRaster(const std::string& path, const RasterSpec& s, const std::vector<float>& data,
                        GDALDataType type = GDT_Float32) {
  GDALClose(createRaster(s.driver.c_str(), path, s, data, type));
}

// The message of the tb::Error that f() throws, or "(no error)".
template <typename F>
std::string errorOf(F&& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  return "(no error)";
}

inline void writeText(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

}  // namespace tb::testfix
