// The DEM's vertical datum from its CRS, and EGM96 heights from ellipsoidal ones (see VerticalDatum.h).
#include "analysis/VerticalDatum.h"

#include <cmath>

#include <cpl_conv.h>
#include <fmt/format.h>
#include <gdal.h>
#include <ogr_spatialref.h>
#include <proj.h>

#include "core/Error.h"
#include "geo/GdalSession.h"

namespace tb::analysis {
namespace {

// "EGM96 height" -> "EGM96"; other names as given, less the " height" PROJ appends.
std::string geoidName(std::string name) {
  if (name.find("EGM96") != std::string::npos) return "EGM96";
  if (name.find("EGM2008") != std::string::npos) return "EGM2008";
  if (name.size() > 7 && name.compare(name.size() - 7, 7, " height") == 0) name.resize(name.size() - 7);
  return name;
}

VerticalDatum fromSrs(const OGRSpatialReference& srs) {
  VerticalDatum d;
  if (srs.IsCompound()) {
    const char* vert = srs.GetAttrValue("COMPD_CS|VERT_CS");
    if (vert && *vert) {
      d.reference = HeightReference::Geoid;
      d.name = geoidName(vert);
    }
  } else if (srs.IsGeographic() && srs.GetAxesCount() == 3) {
    d.reference = HeightReference::Ellipsoid;
    const char* name = srs.GetName();
    d.name = name && *name ? name : "ellipsoid";
  }
  return d;
}

}  // namespace

std::string VerticalDatum::unitLabel() const {
  switch (reference) {
    case HeightReference::Geoid: return "m " + name;
    case HeightReference::Ellipsoid: return fmt::format("m above ellipsoid ({})", name);
    case HeightReference::Unknown: break;
  }
  return "m, datum of the DEM unknown";
}

VerticalDatum verticalDatumOfCrs(const std::string& crs) {
  OGRSpatialReference srs;
  if (crs.empty() || srs.SetFromUserInput(crs.c_str()) != OGRERR_NONE) return {};
  return fromSrs(srs);
}

VerticalDatum verticalDatumOf(const std::string& rasterPath) {
  geo::ensureGdal();
  geo::GdalErrorCapture errors;
  // GeoTIFF keeps its vertical CRS in separate keys that GDAL folds into a compound CRS only when asked.
  CPLSetThreadLocalConfigOption("GTIFF_REPORT_COMPD_CS", "YES");
  geo::DatasetPtr ds(GDALOpen(rasterPath.c_str(), GA_ReadOnly));
  CPLSetThreadLocalConfigOption("GTIFF_REPORT_COMPD_CS", nullptr);
  if (!ds) throw Error(rasterPath, "cannot be opened as a raster" + errors.suffix());
  const OGRSpatialReferenceH h = GDALGetSpatialRef(ds.get());
  if (!h) return {};
  return fromSrs(*OGRSpatialReference::FromHandle(h));
}

struct Egm96Heights::Impl {
  PJ_CONTEXT* ctx = nullptr;
  PJ* pj = nullptr;
  ~Impl() {
    if (pj) proj_destroy(pj);
    if (ctx) proj_context_destroy(ctx);
  }
};

Egm96Heights::Egm96Heights() : impl_(std::make_unique<Impl>()) {
  impl_->ctx = proj_context_create();
  // Forward: z_geoid = z_ellipsoid - N (multiplier -1 applied to the grid's undulation N).
  impl_->pj = proj_create(impl_->ctx,
                          "+proj=pipeline +step +proj=unitconvert +xy_in=deg +xy_out=rad "
                          "+step +proj=vgridshift +grids=egm96_15.gtx +multiplier=-1");
  if (!impl_->pj) throw Error("egm96_15.gtx", "PROJ cannot find the EGM96 geoid grid (install proj-data)");
}

Egm96Heights::~Egm96Heights() = default;
Egm96Heights::Egm96Heights(Egm96Heights&&) noexcept = default;
Egm96Heights& Egm96Heights::operator=(Egm96Heights&&) noexcept = default;

double Egm96Heights::fromEllipsoidal(glm::dvec2 lonLat, double h) const {
  const PJ_COORD out = proj_trans(impl_->pj, PJ_FWD, proj_coord(lonLat.x, lonLat.y, h, 0));
  if (!std::isfinite(out.xyz.z))
    throw Error("egm96_15.gtx", fmt::format("no geoid height at {:.5f}, {:.5f}", lonLat.y, lonLat.x));
  return out.xyz.z;
}

double Egm96Heights::geoidUndulation(glm::dvec2 lonLat) const { return -fromEllipsoidal(lonLat, 0.0); }

}  // namespace tb::analysis
