// Fixtures for the tile reader tests: rasters with creation options (tiled, striped, COG), read
// helpers, and a real HTTP server on 127.0.0.1 that the test starts and stops.
#pragma once
#include <gdal.h>
#include <cpl_string.h>
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "../../cli/LocalHttpServer.h"
#include "RasterFixtures.h"
#include "core/Error.h"
#include "geo/Grid.h"

namespace tb::testfix {

// An in-memory raster of `bands` bands from band-interleaved float data, converted to `type`.
inline GDALDatasetH memRaster(const RasterSpec& s, const std::vector<float>& data, GDALDataType type = GDT_Float32) {
  return createRaster("MEM", "", s, data, type);
}

// Copies `src` to `path` with `driver` and creation options ("TILED=YES", ...). Closes nothing.
inline void copyTo(GDALDatasetH src, const std::string& path, const std::string& driver,
                   const std::vector<std::string>& options = {}) {
  CPLStringList opts;
  for (const auto& o : options) opts.AddString(o.c_str());
  GDALDatasetH out = GDALCreateCopy(GDALGetDriverByName(driver.c_str()), path.c_str(), src, FALSE, opts.List(), nullptr,
                                    nullptr);
  ASSERT_NE(out, nullptr) << "cannot write " << path;
  GDALClose(out);
}

inline void writeWith(const std::string& path, const RasterSpec& s, const std::vector<float>& data,
                      const std::string& driver, const std::vector<std::string>& options,
                      GDALDataType type = GDT_Float32) {
  GDALDatasetH mem = memRaster(s, data, type);
  copyTo(mem, path, driver, options);
  GDALClose(mem);
}

// Plain RasterIO of a window of band `b` as float (the reference the reader must match).
inline std::vector<float> rasterIo(const std::string& path, int x, int y, int w, int h, int b = 1) {
  GDALDatasetH ds = GDALOpen(path.c_str(), GA_ReadOnly);
  std::vector<float> v(static_cast<size_t>(w) * h, -1.0f);
  if (ds) {
    EXPECT_EQ(GDALRasterIO(GDALGetRasterBand(ds, b), GF_Read, x, y, w, h, v.data(), w, h, GDT_Float32, 0, 0), CE_None);
    GDALClose(ds);
  }
  return v;
}

inline geo::GridSpec gridAt(const std::string& crs, double originX, double originY, double cell, int w, int h) {
  geo::GridSpec g;
  g.crs = crs, g.originX = originX, g.originY = originY, g.cellSize = cell, g.width = w, g.height = h;
  return g;
}

// The real HTTP server on 127.0.0.1 the cli tests use too (tests/cli/LocalHttpServer.h).
using LocalHttpServer = clitest::LocalHttpServer;

}  // namespace tb::testfix
