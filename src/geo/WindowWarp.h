// Private to geo/: warping the window of one source under a tile into the scene CRS with GDAL's
// warper. The GDALWarp utility would rebuild its coordinate transformation (a PROJ pipeline)
// for every call, which costs more than warping a 256² tile; here it is built once per source
// dataset and only the tile's geotransform changes between calls.
#pragma once
#include <string>
#include <vector>

#include <gdalwarper.h>

#include "geo/GdalSession.h"
#include "geo/Grid.h"

namespace tb::geo {

struct WarpBands {
  std::vector<int> src;  // source bands, one per output channel (e.g. {1,1,1} for grey)
  int srcAlpha = 0;      // source alpha band, 0 if none
  bool dstAlpha = false; // out has one more channel: coverage (0 outside / nodata, 255 inside)
  bool hasNodata = false;
  double nodata = 0;     // of the source bands
};

class WindowWarper {
 public:
  // `src` stays owned by the caller and must outlive the warper. Throws tb::Error(path, ...) when
  // PROJ cannot relate the source's CRS to the scene's.
  WindowWarper(GDALDatasetH src, const std::string& sceneWkt, const std::string& path);
  ~WindowWarper();
  WindowWarper(const WindowWarper&) = delete;
  WindowWarper& operator=(const WindowWarper&) = delete;

  GDALDatasetH source() const { return src_; }

  // Source pixels per target cell around the centre of `g` (geometric mean of the two axes), or 0
  // where the centre does not transform.
  double sourcePixelsPerCell(const GridSpec& g);

  // Warps into `out` (pixel-interleaved, bands.src.size() + dstAlpha channels of `type`, rows of
  // g.width) with `alg`, nodata and alpha honoured. Float32 output starts as NaN, Byte as 0.
  // Returns false with GDAL's error raised when a read fails.
  bool warp(const GridSpec& g, void* out, GDALDataType type, const WarpBands& bands, GDALResampleAlg alg);

 private:
  GDALDatasetH src_;
  void* transformer_ = nullptr;  // source pixels -> scene CRS; the tile's geotransform set per call
};

}  // namespace tb::geo
