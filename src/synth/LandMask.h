// Land/sea from the real shoreline: land polygons (lon/lat, any OGR source) projected with PROJ
// and scan-filled onto a north-up grid. Also the lon/lat -> grid CRS projector the generator uses
// to place rivers and sites. GDAL/OGR types stay in LandMask.cpp.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <glm/glm.hpp>

#include "geo/Grid.h"

namespace tb::synth {

class LonLatProjector {
 public:
  explicit LonLatProjector(const std::string& crs);  // throws tb::Error for an unknown CRS
  ~LonLatProjector();
  LonLatProjector(const LonLatProjector&) = delete;
  LonLatProjector& operator=(const LonLatProjector&) = delete;
  glm::dvec2 project(double lonDeg, double latDeg) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

using Ring = std::vector<glm::dvec2>;  // closed implicitly, projected metres

// Reads every polygon ring of `path` (lon/lat). Vertices lying on the layer's bounding box are
// pushed `marginDeg` outward first: the land file is clipped to the lon/lat box, while the
// projected grid's corners stick slightly out of it (meridian convergence). Edges are densified
// before projecting so straight lon/lat edges stay straight enough. Throws tb::Error.
std::vector<Ring> readLandRings(const std::string& path, const LonLatProjector& projector, double marginDeg = 0.05);

// Even-odd scan fill at cell centres: 1 inside (land), 0 outside.
std::vector<std::uint8_t> rasterizeRings(const std::vector<Ring>& rings, const geo::GridSpec& grid, int threads);

}  // namespace tb::synth
