// The data of `bench --streaming` row (i), close-up sharpness: a synthetic 40 km scene with 1.25 m
// imagery (fields with crop rows, roads with dashed centre lines, villages of houses: detail at
// one to a few pixels), JPEG tiles with overviews, over a gentle 10 m DEM; and a 10 km crop of
// both at the centre, uncompressed, which the renderer loads whole at full resolution. Made once
// with the GDAL C++ API (minutes), flagged synthetic, kept in the bench data folder.
#pragma once
#include <filesystem>

namespace tb::bench {

struct CloseUpData {
  std::filesystem::path scene40km, scene10km;
  double cameraLat = 0, cameraLon = 0, cameraHeight = 0;  // a close-up over the middle of the crop
  double heading = 0, pitch = 0;
};

CloseUpData ensureCloseUpData(const std::filesystem::path& dir);  // throws tb::Error

}  // namespace tb::bench
