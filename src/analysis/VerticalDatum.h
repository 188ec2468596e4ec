// What a DEM's heights are measured from, read from its vertical CRS through GDAL/OGR, so height
// readouts can say "m EGM96" instead of a bare "m"; and ellipsoidal heights turned into EGM96
// heights with PROJ's geoid grid (egm96_15.gtx). No GL; no GDAL types in this header.
#pragma once
#include <memory>
#include <string>

#include <glm/glm.hpp>

namespace tb::analysis {

enum class HeightReference { Geoid, Ellipsoid, Unknown };

struct VerticalDatum {
  HeightReference reference = HeightReference::Unknown;
  std::string name;  // "EGM96", "EGM2008", "WGS 84" (the ellipsoid's datum), empty when unknown
  // For readouts: "m EGM96", "m above ellipsoid (WGS 84)", "m, datum of the DEM unknown".
  std::string unitLabel() const;
};

// From the raster's CRS: a compound CRS names its vertical part; a geographic 3D CRS is
// ellipsoidal; anything else says nothing. Throws tb::Error(path, ...) when GDAL cannot open it.
VerticalDatum verticalDatumOf(const std::string& rasterPath);
// From a CRS given as WKT / "EPSG:4979" / "EPSG:4326+5773" (the same rules).
VerticalDatum verticalDatumOfCrs(const std::string& crs);

// Ellipsoidal (WGS 84) height -> EGM96 height through PROJ's vgridshift with egm96_15.gtx.
class Egm96Heights {
 public:
  Egm96Heights();  // throws tb::Error("egm96_15.gtx", ...) when PROJ cannot find the grid
  ~Egm96Heights();
  Egm96Heights(Egm96Heights&&) noexcept;
  Egm96Heights& operator=(Egm96Heights&&) noexcept;
  double fromEllipsoidal(glm::dvec2 lonLat, double ellipsoidalHeight) const;
  double geoidUndulation(glm::dvec2 lonLat) const;  // N: ellipsoidal = EGM96 + N

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tb::analysis
