// Where the streamed terrain reads its data: a DEM and imagery layers, each answering reads of any
// grid in the scene's local frame. Implementations must be safe to call from several threads.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace tb::geo {
class RasterTileReader;
}

namespace tb::world {

// A north-up grid in the local frame: sample (c,r) at the cell CENTRE
// (westEdge + (c+0.5)*cell, northEdge - (r+0.5)*cell).
struct LocalGrid {
  double westEdge = 0, northEdge = 0, cell = 1;
  int width = 0, height = 0;
};

class TileSources {
 public:
  virtual ~TileSources() = default;
  virtual std::string demName() const = 0;           // for messages
  virtual double demCellSize() const = 0;            // the DEM's own resolution, metres
  virtual void readHeights(const LocalGrid& grid, float* out) const = 0;  // NaN = no data; throws tb::Error
  // Estimated share of the DEM without data (a coarse read; for `info`).
  virtual double demNodataFraction() const { return 0.0; }
  virtual int imageryCount() const = 0;
  virtual std::string imageryName(int layer) const = 0;
  virtual double imageryCellSize(int layer) const = 0;
  virtual void readRgba(int layer, const LocalGrid& grid, std::uint8_t* out) const = 0;  // alpha 0 = none
};

// GDAL sources (geo::RasterTileReader) opened for a scene: local = projected - originProjected.
// Reads of a source in another CRS than the scene's (each one a run of GDAL's warper) are kept in
// the disk cache (world/TileDiskCache) and read back from there on the next open.
class GdalTileSources final : public TileSources {
 public:
  GdalTileSources(std::shared_ptr<const geo::RasterTileReader> dem,
                  std::vector<std::shared_ptr<const geo::RasterTileReader>> imagery, double originX, double originY,
                  const std::string& sceneCrs);
  std::string demName() const override;
  double demCellSize() const override;
  void readHeights(const LocalGrid& grid, float* out) const override;
  double demNodataFraction() const override;
  int imageryCount() const override { return static_cast<int>(imagery_.size()); }
  std::string imageryName(int layer) const override;
  double imageryCellSize(int layer) const override;
  void readRgba(int layer, const LocalGrid& grid, std::uint8_t* out) const override;

 private:
  std::shared_ptr<const geo::RasterTileReader> dem_;
  std::vector<std::shared_ptr<const geo::RasterTileReader>> imagery_;
  double originX_, originY_;
  // Per source (DEM first): the tile cache's source part of the key; empty: not cached.
  std::vector<std::string> cacheSources_;
};

}  // namespace tb::world
