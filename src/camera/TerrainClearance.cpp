// Ground-height queries for camera clearance.
#include "camera/TerrainClearance.h"

#include <algorithm>
#include <cmath>

namespace tb::camera {

double groundZ(const terrain::HeightField& field, double exaggeration, glm::dvec2 xy) {
  return field.sample(xy) * exaggeration;
}

double maxGroundZNear(const terrain::HeightField& field, double exaggeration, glm::dvec2 xy, double halfSize) {
  return terrain::maxSampleNear(field, xy, halfSize) * exaggeration;
}

double groundZ(const terrain::HeightField& field, const terrain::GroundDetail* detail, double exaggeration,
               glm::dvec2 xy) {
  if (detail)
    if (const std::optional<double> h = detail->heightAt(xy)) return *h * exaggeration;
  return groundZ(field, exaggeration, xy);
}

double maxGroundZNear(const terrain::HeightField& field, const terrain::GroundDetail* detail, double exaggeration,
                      glm::dvec2 xy, double halfSize) {
  const double coarse = maxGroundZNear(field, exaggeration, xy, halfSize);
  if (detail)
    if (const std::optional<double> h = detail->maxHeightNear(xy, halfSize)) return std::max(coarse, *h * exaggeration);
  return coarse;
}

}  // namespace tb::camera
