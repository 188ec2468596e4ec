// Private to geo/: an opened source raster with its CRS and geotransform checked, and the grid
// arithmetic the loaders share (footprints in another CRS, native resolution, MEM targets).
#pragma once
#include <string>
#include <vector>

#include "geo/GdalSession.h"
#include "geo/Grid.h"

namespace tb::geo {

struct SourceRaster {
  std::string path;
  DatasetPtr ds;
  OGRSpatialReferenceH srs = nullptr;  // owned by ds
  double gt[6] = {0, 1, 0, 0, 0, -1};
  int width = 0, height = 0, bands = 0;
  bool synthetic = false;  // its own metadata, or (a VRT) any file it mosaics, says TERRABRIEF_SYNTHETIC=YES

  bool northUp() const { return gt[2] == 0.0 && gt[4] == 0.0 && gt[1] > 0.0 && gt[5] < 0.0; }
  ProjectedExtent bounds() const;  // in the source's own CRS
};

// Throws tb::Error(path, ...) for a missing file, a file GDAL cannot read as a raster, a raster
// without bands, and (when requireGeoref) one without a geotransform or a usable CRS.
SourceRaster openSourceRaster(const std::string& path, bool requireGeoref);

// What identifies the source's content without reading pixels: each file GDAL reads for it (a
// VRT's tiles too) by path, size, mtime and inode; a URL or connection string by itself.
std::string sourceIdentity(const SourceRaster& src);

// The source's footprint in `srs` (densified edges). False if PROJ cannot transform it.
bool footprintIn(const SourceRaster& src, OGRSpatialReferenceH srs, ProjectedExtent& out);

// Throws "does not overlap the scene extent" when the footprint misses the target grid.
void requireOverlap(const SourceRaster& src, OGRSpatialReferenceH targetSrs, const GridSpec& target);

// The source's pixel size in metres of `srs`, measured at its centre (geometric mean of x and y).
double nativeCellSizeIn(const SourceRaster& src, OGRSpatialReferenceH srs);

// True when the target grid is in the source's CRS at the same cell size with pixel-aligned
// edges, so pixels can be copied with RasterIO instead of warped.
bool alignedWith(const SourceRaster& src, OGRSpatialReferenceH targetSrs, const GridSpec& target, int& colOff,
                 int& rowOff);

// A MEM dataset over caller-owned memory (no copy): `bands` bands of `type`, pixel-interleaved
// when bands > 1, georeferenced as `grid`.
DatasetPtr memDatasetOver(void* data, GDALDataType type, int bands, const GridSpec& grid, OGRSpatialReferenceH srs);

// A grid in `crs` covering `extent`, its edges snapped outward to multiples of cellSize
// (shifted by phase, so that it can line up with a source's pixel edges).
GridSpec snappedGrid(const std::string& crs, const ProjectedExtent& extent, double cellSize, double phaseX = 0,
                     double phaseY = 0);

}  // namespace tb::geo
