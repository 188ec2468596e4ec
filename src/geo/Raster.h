// Raster loading through GDAL: any DEM or imagery GDAL opens, in any CRS, warped once into the
// target grid with GDAL's warper. Errors are tb::Error("path: problem"), GDAL's own messages are
// routed to our log (never printed raw).
#pragma once
#include <string>

#include "geo/Grid.h"

namespace tb::geo {

// Reads a single-band DEM (first band if more), honouring nodata (-> NaN), warped into `target`
// (bilinear). If the source already is in target.crs on exactly the target grid, it is read
// directly without the warper. Throws if the file is missing, not a raster, truncated, has an
// unknown CRS, or if every sample inside the target is nodata.
HeightGrid loadDem(const std::string& path, const GridSpec& target);

// The natural grid for a DEM in `crs`: its footprint reprojected, clipped to `clip` if given
// (non-empty), at the source's resolution expressed in metres (rounded to a sensible cell size).
GridSpec demGridFor(const std::string& path, const std::string& crs, const ProjectedExtent* clip = nullptr);

// Reads an RGB, RGBA, paletted or grey raster, warped into `target` (bilinear; cubic would
// ring on field edges). Pixels outside the source get alpha 0.
RgbaGrid loadImagery(const std::string& path, const GridSpec& target);

RasterInfo probeRaster(const std::string& path);  // throws like the loaders

// The raster's footprint in WGS 84 degrees (west, south, east, north = lon, lat bounds), from
// its metadata alone. Throws like the loaders, or when PROJ cannot transform it.
ProjectedExtent lonLatFootprint(const std::string& path);

}  // namespace tb::geo
