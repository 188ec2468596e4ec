// Vector data through OGR: every feature of every layer, flattened into parts (points, line
// strings, polygon rings) and transformed into the requested CRS.
#include "geo/Vector.h"
#include "geo/VectorProbe.h"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <filesystem>

#include "core/Error.h"
#include "core/Log.h"
#include "geo/GdalSession.h"

namespace tb::geo {
namespace {

void appendPoints(const OGRSimpleCurve& curve, std::vector<std::vector<glm::dvec2>>& parts) {
  std::vector<glm::dvec2> pts;
  pts.reserve(curve.getNumPoints());
  for (int i = 0; i < curve.getNumPoints(); ++i) pts.emplace_back(curve.getX(i), curve.getY(i));
  if (!pts.empty()) parts.push_back(std::move(pts));
}

void promote(GeometryKind& kind, GeometryKind k) {
  if (static_cast<int>(k) > static_cast<int>(kind)) kind = k;
}

void flatten(const OGRGeometry& g, VectorFeature& f) {
  if (g.IsEmpty()) return;
  switch (wkbFlatten(g.getGeometryType())) {
    case wkbPoint: {
      const auto& p = *g.toPoint();
      f.parts.push_back({{p.getX(), p.getY()}});
      promote(f.kind, GeometryKind::Point);
      return;
    }
    case wkbLineString:
    case wkbLinearRing:
      appendPoints(*g.toSimpleCurve(), f.parts);
      promote(f.kind, GeometryKind::Line);
      return;
    case wkbPolygon:
      for (const OGRLinearRing* ring : *g.toPolygon()) {
        appendPoints(*ring, f.parts);
        if (f.parts.back().front() != f.parts.back().back()) f.parts.back().push_back(f.parts.back().front());
      }
      promote(f.kind, GeometryKind::Polygon);
      return;
    case wkbMultiPoint:
    case wkbMultiLineString:
    case wkbMultiPolygon:
    case wkbGeometryCollection:
      for (const OGRGeometry* sub : *g.toGeometryCollection()) flatten(*sub, f);
      return;
    default:
      if (g.hasCurveGeometry()) {  // arcs, curve polygons: the linear approximation OGR offers
        std::unique_ptr<OGRGeometry> linear(g.getLinearGeometry());
        if (linear) flatten(*linear, f);
      }
      return;
  }
}

}  // namespace

void probeVectors(const std::string& path) {
  ensureGdal();
  std::error_code ec;
  if (path.rfind("/vsi", 0) != 0 && !std::filesystem::exists(path, ec)) throw Error(path, "file not found");
  GdalErrorCapture capture;
  std::unique_ptr<GDALDataset> ds(
      GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY | GDAL_OF_VERBOSE_ERROR));
  if (!ds) throw Error(path, "not vector data OGR can read" + capture.suffix());
  if (ds->GetLayerCount() == 0) throw Error(path, "has no vector layers");
}

VectorLayer loadVectors(const std::string& path, const std::string& targetCrs) {
  ensureGdal();
  std::error_code ec;
  if (path.rfind("/vsi", 0) != 0 && !std::filesystem::exists(path, ec)) throw Error(path, "file not found");
  SrsPtr target = makeSrs(targetCrs);
  if (!target) throw Error(path, "unknown target CRS \"" + targetCrs + "\"");

  GdalErrorCapture capture;
  std::unique_ptr<GDALDataset> ds(
      GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY | GDAL_OF_VERBOSE_ERROR));
  if (!ds) throw Error(path, "not vector data OGR can read" + capture.suffix());
  if (ds->GetLayerCount() == 0) throw Error(path, "has no vector layers");

  VectorLayer out;
  out.path = path;
  for (OGRLayer* layer : ds->GetLayers()) {
    if (out.layerName.empty()) out.layerName = layer->GetName();
    SrsPtr from;
    if (const OGRSpatialReference* srs = layer->GetSpatialRef()) {
      from = cloneSrs(OGRSpatialReference::ToHandle(const_cast<OGRSpatialReference*>(srs)));
    } else {
      log::warn("{}: layer {} has no CRS; assuming WGS 84 lon/lat", path, layer->GetName());
      from = makeSrs("EPSG:4326");
    }
    std::unique_ptr<OGRCoordinateTransformation> ct;
    if (!OSRIsSame(from.get(), target.get())) {
      ct.reset(OGRCreateCoordinateTransformation(OGRSpatialReference::FromHandle(from.get()),
                                                 OGRSpatialReference::FromHandle(target.get())));
      if (!ct) throw Error(path, "no coordinate transformation from " + shortCrsName(from.get()) + " to " + targetCrs);
    }
    layer->ResetReading();
    int index = 0;
    for (;;) {
      capture.clear();
      std::unique_ptr<OGRFeature> feat(layer->GetNextFeature());
      if (!feat) {
        if (capture.failed()) throw Error(path, "read error in layer " + std::string(layer->GetName()) + capture.suffix());
        break;
      }
      VectorFeature f;
      f.index = index++;
      const OGRFeatureDefn* defn = feat->GetDefnRef();
      for (int i = 0; i < defn->GetFieldCount(); ++i) {
        const char* name = defn->GetFieldDefn(i)->GetNameRef();
        f.properties[name] = feat->IsFieldSetAndNotNull(i) ? feat->GetFieldAsString(i) : "";
      }
      if (const OGRGeometry* g = feat->GetGeometryRef()) {
        std::unique_ptr<OGRGeometry> geom(g->clone());
        if (ct && geom->transform(ct.get()) != OGRERR_NONE)
          throw Error(path, "feature " + std::to_string(f.index + 1) + ": cannot transform its coordinates to " +
                                targetCrs + capture.suffix());
        flatten(*geom, f);
      }
      out.features.push_back(std::move(f));
    }
  }
  return out;
}

}  // namespace tb::geo
