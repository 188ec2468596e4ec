// Viewshed from a point: the native heights around it read through Elevation, handed to GDAL's
// own viewshed (GDALViewshedGenerate) in memory, then masked to the radius and an optional
// azimuth sector. No GL; no GDAL types in this header.
#pragma once
#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <glm/glm.hpp>

namespace tb::analysis {

class Elevation;

struct ViewshedOptions {
  double observerHeight = 2;  // metres above ground
  double targetHeight = 0;    // metres above ground at each cell
  double radius = 5000;       // metres
  double refraction = 0.13;   // k; the curvature coefficient handed to GDAL is 1 - k
  bool curvature = true;
  // Sector, degrees clockwise from TRUE north, from -> to clockwise (e.g. 300 -> 60). Both or none.
  std::optional<double> azimuthFrom, azimuthTo;
  double cell = 0;  // <= 0: the DEM's native cell
  bool operator==(const ViewshedOptions&) const = default;
};

enum class Visibility : std::uint8_t { Outside = 0, Hidden = 1, Visible = 2 };

struct Viewshed {
  glm::dvec3 observer{0.0};  // local xy, ground height + observer height
  ViewshedOptions options;
  // Grid: cell (c,r) centred at (westEdge + (c+0.5)*cell, northEdge - (r+0.5)*cell).
  double westEdge = 0, northEdge = 0, cell = 1;
  int width = 0, height = 0;
  std::vector<Visibility> cells;  // row-major, north row first; Outside beyond radius/sector/data
  std::size_t visibleCount = 0, hiddenCount = 0;

  Visibility at(int col, int row) const { return cells[static_cast<std::size_t>(row) * width + col]; }
  glm::dvec2 centre(int col, int row) const { return {westEdge + (col + 0.5) * cell, northEdge - (row + 0.5) * cell}; }
  double visibleArea() const { return static_cast<double>(visibleCount) * cell * cell; }
};

// Throws tb::Error("observer", ...) outside the data / on nodata, ("radius", ...) when not positive
// or reaching beyond the data on every side, ("observer height", ...) when negative.
Viewshed computeViewshed(const Elevation& elevation, glm::dvec2 observer, const ViewshedOptions& options);

// The same in two steps, so the slow one can run on a worker thread. The checks and whatever
// needs the world's projection (PROJ transforms must not be shared between threads) come first,
// on the thread that owns the world; the heights read and GDAL's sight lines come second and only
// read heights, which Elevation allows from any thread.
struct ViewshedSetup {
  glm::dvec2 observer{0.0};
  ViewshedOptions options;
  double ground = 0;        // terrain height under the observer
  double northBearing = 0;  // World::trueNorthBearing at the observer (for a sector)
  std::string crs;          // the scene's CRS, for GDAL's curvature
};
// Throws the errors listed for computeViewshed.
ViewshedSetup prepareViewshed(const Elevation& elevation, glm::dvec2 observer, const ViewshedOptions& options);
// Throws tb::Error("viewshed", "cancelled") once `cancel` turns true (polled through GDAL's
// progress callback), or on a failed height read.
Viewshed runViewshed(const Elevation& elevation, const ViewshedSetup& setup, const std::atomic<bool>* cancel = nullptr);

// Byte GeoTIFF in the scene's CRS (0 outside, 1 hidden, 2 visible; nodata 0), written atomically.
void writeViewshedGeoTiff(const Viewshed& viewshed, const Elevation& elevation, const std::string& path);

}  // namespace tb::analysis
