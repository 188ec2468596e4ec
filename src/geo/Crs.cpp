// CRS naming, validation and point transforms through PROJ (OGRCoordinateTransformation), always
// in traditional GIS axis order so that x is longitude/easting everywhere in terrabrief.
#include "geo/Crs.h"

#include <cmath>
#include <ogr_srs_api.h>

#include "core/Error.h"
#include "geo/GdalSession.h"

namespace tb::geo {

std::string utmCrsFor(double lonDeg, double latDeg) {
  double lon = std::fmod(lonDeg + 180.0, 360.0);
  if (lon < 0) lon += 360.0;
  int zone = static_cast<int>(std::floor(lon / 6.0)) + 1;
  if (zone > 60) zone = 60;
  // The two irregular zones of the UTM grid: south-west Norway and Svalbard.
  if (latDeg >= 56.0 && latDeg < 64.0 && lonDeg >= 3.0 && lonDeg < 12.0) zone = 32;
  if (latDeg >= 72.0 && latDeg < 84.0) {
    if (lonDeg >= 0.0 && lonDeg < 9.0) zone = 31;
    else if (lonDeg >= 9.0 && lonDeg < 21.0) zone = 33;
    else if (lonDeg >= 21.0 && lonDeg < 33.0) zone = 35;
    else if (lonDeg >= 33.0 && lonDeg < 42.0) zone = 37;
  }
  const int base = latDeg >= 0.0 ? 32600 : 32700;
  return "EPSG:" + std::to_string(base + zone);
}

void validateCrs(const std::string& crs, const std::string& subject) {
  if (!makeSrs(crs)) throw Error(subject, "unknown CRS \"" + crs + "\" (not understood by PROJ)");
}

bool isProjectedMetres(const std::string& crs) {
  SrsPtr srs = makeSrs(crs);
  return srs && OSRIsProjected(srs.get()) && std::abs(OSRGetLinearUnits(srs.get(), nullptr) - 1.0) < 1e-9;
}

std::string crsDisplayName(const std::string& crs) {
  SrsPtr srs = makeSrs(crs);
  if (!srs) return crs;
  const std::string shortName = shortCrsName(srs.get());
  const char* name = OSRGetName(srs.get());
  if (name && shortName != name) return shortName + " (" + name + ")";
  return shortName;
}

struct CrsTransform::Impl {
  std::string from, to;
  TransformPtr fwd, inv;
};

CrsTransform::CrsTransform(const std::string& fromCrs, const std::string& toCrs) : impl_(std::make_unique<Impl>()) {
  impl_->from = fromCrs;
  impl_->to = toCrs;
  SrsPtr a = makeSrs(fromCrs);
  if (!a) throw Error(fromCrs, "unknown CRS (not understood by PROJ)");
  SrsPtr b = makeSrs(toCrs);
  if (!b) throw Error(toCrs, "unknown CRS (not understood by PROJ)");
  GdalErrorCapture capture;
  impl_->fwd.reset(OCTNewCoordinateTransformation(a.get(), b.get()));
  impl_->inv.reset(OCTNewCoordinateTransformation(b.get(), a.get()));
  if (!impl_->fwd || !impl_->inv)
    throw Error(fromCrs, "no coordinate transformation to " + toCrs + capture.suffix());
}

CrsTransform::~CrsTransform() = default;
CrsTransform::CrsTransform(CrsTransform&&) noexcept = default;
CrsTransform& CrsTransform::operator=(CrsTransform&&) noexcept = default;

static glm::dvec2 transformPoint(OGRCoordinateTransformationH ct, glm::dvec2 p, const std::string& from,
                                 const std::string& to) {
  double x = p.x, y = p.y;
  int ok = 0;
  GdalErrorCapture quiet;
  if (!OCTTransformEx(ct, 1, &x, &y, nullptr, &ok) || !ok || !std::isfinite(x) || !std::isfinite(y))
    throw Error(from, "cannot transform point (" + std::to_string(p.x) + ", " + std::to_string(p.y) + ") to " + to);
  return {x, y};
}

glm::dvec2 CrsTransform::forward(glm::dvec2 p) const { return transformPoint(impl_->fwd.get(), p, impl_->from, impl_->to); }
glm::dvec2 CrsTransform::inverse(glm::dvec2 p) const { return transformPoint(impl_->inv.get(), p, impl_->to, impl_->from); }

GeoProjection::GeoProjection(const std::string& projectedCrs) : crs_(projectedCrs), fwd_("EPSG:4326", projectedCrs) {}

glm::dvec2 GeoProjection::toProjected(double lonDeg, double latDeg) const { return fwd_.forward({lonDeg, latDeg}); }
glm::dvec2 GeoProjection::toLonLat(glm::dvec2 projected) const { return fwd_.inverse(projected); }

}  // namespace tb::geo
