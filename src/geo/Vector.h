// Vector data through OGR: any source OGR opens (GeoJSON, KML, GPKG, Shapefile...).
#pragma once
#include <map>
#include <string>
#include <vector>

#include <glm/glm.hpp>

namespace tb::geo {

enum class GeometryKind { None, Point, Line, Polygon };

struct VectorFeature {
  GeometryKind kind = GeometryKind::None;
  // Point: one part with one point. Line: one part per line string. Polygon: one part per ring
  // (outer and inner rings of all polygons, each closed). Coordinates in the requested CRS.
  std::vector<std::vector<glm::dvec2>> parts;
  std::map<std::string, std::string> properties;  // every field as text ("" for null)
  int index = 0;                                  // feature's position in its layer (for errors)
};

struct VectorLayer {
  std::string path;
  std::string layerName;
  std::vector<VectorFeature> features;
};

// Reads all features of all layers of `path`, transformed into `targetCrs` ("EPSG:4326" keeps
// lon/lat, x = lon). Throws tb::Error naming the file on open/parse failure.
VectorLayer loadVectors(const std::string& path, const std::string& targetCrs);

}  // namespace tb::geo
