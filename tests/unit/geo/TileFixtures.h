// Fixtures for the tile reader tests: rasters with creation options (tiled, striped, COG), read
// helpers, and a real HTTP server on 127.0.0.1 that the test starts and stops.
#pragma once
#include <gdal.h>
#include <cpl_string.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "RasterFixtures.h"
#include "core/Error.h"
#include "geo/Grid.h"

namespace tb::testfix {

// An in-memory raster of `bands` bands from band-interleaved float data, converted to `type`.
inline GDALDatasetH memRaster(const RasterSpec& s, const std::vector<float>& data, GDALDataType type = GDT_Float32) {
  GDALAllRegister();
  const int bands = static_cast<int>(data.size() / (static_cast<size_t>(s.width) * s.height));
  GDALDatasetH ds = GDALCreate(GDALGetDriverByName("MEM"), "", s.width, s.height, bands, type, nullptr);
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

template <typename F>
std::string errorOf(F&& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  return "(no error)";
}

// A real HTTP server (tests/unit/geo/tile_test_server.py, python3-rangehttpserver) serving `dir`
// on 127.0.0.1 at a port the OS picks. Stopped (SIGTERM, then reaped) by the destructor; it also
// dies with the test process and exits by itself after `lifetime` seconds.
class LocalHttpServer {
 public:
  explicit LocalHttpServer(const std::string& dir, int lifetime = 120) {
    int fds[2];
    if (pipe(fds) != 0) return;
    pid_ = fork();
    if (pid_ == 0) {
      prctl(PR_SET_PDEATHSIG, SIGTERM);
      dup2(fds[1], STDOUT_FILENO);
      close(fds[0]);
      close(fds[1]);
      const std::string script = std::string(TB_SOURCE_DIR) + "/tests/unit/geo/tile_test_server.py";
      const std::string life = std::to_string(lifetime);
      // Debian's python (not a user's pyenv shim) is the one python3-rangehttpserver installs into.
      execl("/usr/bin/python3", "python3", script.c_str(), dir.c_str(), "--lifetime", life.c_str(), nullptr);
      _exit(127);
    }
    close(fds[1]);
    // Wait (at most 10 s) for "PORT <n>".
    std::string line;
    pollfd pfd{fds[0], POLLIN, 0};
    while (line.find('\n') == std::string::npos && poll(&pfd, 1, 10000) > 0) {
      char buf[64];
      const ssize_t n = read(fds[0], buf, sizeof buf);
      if (n <= 0) break;
      line.append(buf, static_cast<size_t>(n));
    }
    close(fds[0]);
    std::sscanf(line.c_str(), "PORT %d", &port_);
  }
  ~LocalHttpServer() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      waitpid(pid_, nullptr, 0);
    }
  }
  LocalHttpServer(const LocalHttpServer&) = delete;
  LocalHttpServer& operator=(const LocalHttpServer&) = delete;

  static constexpr const char* kHint =
      "tile_test_server.py did not start: is python3-rangehttpserver installed (scripts/setup installs it)?";
  bool running() const { return port_ > 0; }
  std::string url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(port_) + path; }

 private:
  pid_t pid_ = -1;
  int port_ = 0;
};

}  // namespace tb::testfix
