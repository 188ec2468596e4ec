// Reading any window of a raster on demand, in the scene CRS, at the resolution asked for: the
// GDAL side of tile streaming. Opening reads metadata only; each read picks the overview that
// matches the requested cell size and reprojects only the window it needs. No GDAL types here.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "geo/Grid.h"

namespace tb::geo {

enum class RasterRole { Elevation, Imagery };

struct TileSourceInfo {
  std::string path, driver, crs;  // crs: short name (EPSG:xxxx) where possible
  int width = 0, height = 0, bands = 0, overviewCount = 0;
  // The data's bounds in the scene CRS (densified edges). A source that reaches far beyond the
  // scene CRS's area of use (a world-wide tile service) is clipped to that area (plus 10°) first,
  // since projecting the whole world into e.g. a UTM zone gives meaningless numbers.
  ProjectedExtent footprint;
  // Source pixel size in metres of the scene CRS, at the source's centre (a clipped source: at the
  // centre of the scene CRS's area of use).
  double nativeCellSize = 0;
  bool hasNodata = false;
  double nodata = 0;
  bool synthetic = false;  // metadata TERRABRIEF_SYNTHETIC=YES (on the file, or on any tile of a VRT)
  std::string identity;    // its content without reading pixels (for derived-data caches): see RasterSource.h
  bool sameCrs = false;    // source CRS == scene CRS and north-up: reads use RasterIO, not the warper
};

// One opened raster source. All reads are thread-safe: each takes a GDAL handle from a small
// pool (opening another one when every handle is busy; a handle whose read failed is closed,
// not reused). Errors are tb::Error("<path>: <problem>") with GDAL's reason in one line; GDAL
// never prints.
//
// Resolution: a read uses the coarsest overview (internal, .ovr, COG, VRT, WMS zoom level) that
// is still at least as fine as grid.cellSize (measured where the tile is; a pixel's size is the
// geometric mean of its width and height, as nativeCellSize), else full resolution.
// What remains of the decimation after that choice is resampled bilinear up to 2, by average up
// to 8 and by nearest neighbour beyond (a source without overviews: a cheap decimated read that
// aliases; build overviews for large sources). Same CRS and north-up: RasterIO of the window
// (GDAL's resampling, nodata-aware). Other CRS: GDAL's warper on the window only (nodata-aware,
// approximate transformer with GDAL's default 1/8 pixel error, built once per handle and level).
class RasterTileReader {
 public:
  // Metadata only: no pixel is read. Throws for missing, unreadable or ungeoreferenced sources
  // and for an unknown scene CRS. Also sets sane network defaults once per process (HTTP timeout
  // 10 s, 2 retries) where the user has not set them, and gives a GDAL WMS description without
  // <Timeout> GDAL_HTTP_TIMEOUT's value (GDAL 3.6's WMS driver would wait 300 s).
  RasterTileReader(const std::string& path, RasterRole role, const std::string& sceneCrs);
  ~RasterTileReader();
  RasterTileReader(const RasterTileReader&) = delete;
  RasterTileReader& operator=(const RasterTileReader&) = delete;

  const TileSourceInfo& info() const;
  RasterRole role() const;

  // Reads `grid` (scene CRS; grid.crs may be empty, otherwise it must be the scene CRS; sample
  // (c,r) at the cell centre) into out[width*height], rows north first. Outside the data and
  // nodata: NaN. Multi-band sources: band 1.
  void readHeights(const GridSpec& grid, float* out) const;

  // RGB, RGBA, grey, grey+alpha, paletted or non-8-bit (scaled to 0..255) -> RGBA8,
  // out[width*height*4]; alpha 0 (and colour 0) outside the data and where it is nodata.
  void readRgba(const GridSpec& grid, std::uint8_t* out) const;

  // Fraction of band 1 that is nodata (or NaN/inf), estimated from a nearest-neighbour read of
  // at most 1024² samples (an overview where one fits).
  double nodataFraction() const;

  // GDAL handles currently open (idle or busy); for tests and diagnostics.
  std::size_t openHandles() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Empties GDAL's block cache (decoded source blocks), keeping its size limit. A one-shot render
// calls it once every tile it needs is read: the draw's buffers then reuse that memory rather
// than fresh pages, which cost more than the reads they would have saved.
void releaseBlockCache();

// Bytes GDAL's block cache holds now.
std::size_t blockCacheBytes();

}  // namespace tb::geo
