// Raster data already warped into the scene's projected CRS, on a north-up grid. No GDAL types.
#pragma once
#include "core/SampleBuffer.h"
#include <cstdint>
#include <limits>
#include <map>
#include <string>
#include <vector>

namespace tb::geo {

// A north-up grid in a projected CRS (metres). Sample (col,row) covers the cell whose
// top-left corner is (originX + col*cellSize, originY - row*cellSize); its centre is half a
// cell further. Rows run north to south.
struct GridSpec {
  std::string crs;      // as given to loaders: "EPSG:32652" or WKT
  double originX = 0;   // west edge
  double originY = 0;   // north edge
  double cellSize = 0;  // metres, square cells
  int width = 0;
  int height = 0;

  double east() const { return originX + cellSize * width; }
  double south() const { return originY - cellSize * height; }
  double centreX(int col) const { return originX + (col + 0.5) * cellSize; }
  double centreY(int row) const { return originY - (row + 0.5) * cellSize; }
};

struct ProjectedExtent {  // in the scene CRS, metres
  double west = 0, south = 0, east = 0, north = 0;
};

// Elevation in metres; samples that were nodata in the source are NaN.
struct HeightGrid {
  GridSpec grid;
  SampleBuffer<float> heights;  // width*height, row-major, north row first; may borrow a file mapping
  bool synthetic = false;      // the source's metadata marks it synthetic (TERRABRIEF_SYNTHETIC=YES)
  std::string sourcePath;
  std::string sourceCrs;       // the source file's CRS, as a short name where possible
  int sourceWidth = 0, sourceHeight = 0;
  // Names these samples for the derived-data cache (source file identity, grid, loader, GDAL
  // version); empty when the source cannot be identified.
  std::string contentKey;
};

struct RgbaGrid {
  GridSpec grid;
  SampleBuffer<std::uint8_t> rgba;  // width*height*4; alpha 0 outside the source's footprint/nodata
  bool synthetic = false;
  std::string sourcePath;
  std::string sourceCrs;
  int sourceWidth = 0, sourceHeight = 0;
  std::string contentKey;  // as HeightGrid's
};

// What a raster file is, without reading its pixels (for `terrabrief info`).
struct RasterInfo {
  std::string path;
  std::string driver;
  std::string crs;  // short name (EPSG:xxxx) where possible
  int width = 0, height = 0, bands = 0;
  bool synthetic = false;
  std::map<std::string, std::string> metadata;
};

}  // namespace tb::geo
