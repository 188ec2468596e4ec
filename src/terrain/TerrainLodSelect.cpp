// TerrainLod selection: frustum culling and refinement by screen-space error, in render space
// (z exaggerated), walking the quadtree from the root tiles.
#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include "terrain/TerrainLod.h"

namespace tb::terrain {

namespace {

struct Plane {
  glm::dvec3 n;
  double d;
};

// Gribb-Hartmann: the six clip planes of projection * view, inside where n.p + d >= 0.
std::array<Plane, 6> frustumPlanes(const LodView& view) {
  const glm::dmat4 m = perspectiveMatrix(view.camera.fovYDeg, view.viewportWidth, view.viewportHeight, view.nearZ,
                                         view.farZ) *
                       view.camera.viewMatrix();
  auto row = [&m](int i) { return glm::dvec4(m[0][i], m[1][i], m[2][i], m[3][i]); };
  const glm::dvec4 rows[6] = {row(3) + row(0), row(3) - row(0), row(3) + row(1),
                              row(3) - row(1), row(3) + row(2), row(3) - row(2)};
  std::array<Plane, 6> planes;
  for (int i = 0; i < 6; ++i) planes[i] = {glm::dvec3(rows[i]), rows[i].w};
  return planes;
}

bool boxOutside(const std::array<Plane, 6>& planes, const glm::dvec3& lo, const glm::dvec3& hi) {
  for (const Plane& p : planes) {
    const glm::dvec3 far{p.n.x >= 0 ? hi.x : lo.x, p.n.y >= 0 ? hi.y : lo.y, p.n.z >= 0 ? hi.z : lo.z};
    if (glm::dot(p.n, far) + p.d < 0.0) return true;
  }
  return false;
}

double distanceToBox(const glm::dvec3& p, const glm::dvec3& lo, const glm::dvec3& hi) {
  return glm::length(p - glm::clamp(p, lo, hi));
}

double pixelsPerRadian(const LodView& view) {
  return view.viewportHeight / (2.0 * std::tan(glm::radians(view.camera.fovYDeg) * 0.5));
}


}  // namespace

double TerrainLod::screenSpaceError(const TileKey& key, const LodView& view) const {
  const TileBounds b = bounds(key);
  const double e = view.exaggeration;
  const glm::dvec3 lo{b.min.x, b.min.y, b.min.z * e}, hi{b.max.x, b.max.y, b.max.z * e};
  const double dist = distanceToBox(view.camera.eye, lo, hi);
  const double err = static_cast<double>(geometricError(key)) * e * pixelsPerRadian(view);
  if (err == 0.0) return 0.0;
  return dist > 0.0 ? err / dist : std::numeric_limits<double>::infinity();
}

std::vector<TileKey> TerrainLod::select(const LodView& view) const {
  const auto planes = frustumPlanes(view);
  struct Picked {
    TileKey key;
    double distance;
  };
  std::vector<Picked> picked;
  const double e = view.exaggeration, k = pixelsPerRadian(view);

  auto visit = [&](auto&& self, const TileKey& key) -> void {
    const TileBounds b = bounds(key);
    // Skirts hang below the data range and are drawn too: keep them inside the culled box.
    const glm::dvec3 lo{b.min.x, b.min.y, (b.min.z - skirtDepth(key)) * e}, hi{b.max.x, b.max.y, b.max.z * e};
    if (boxOutside(planes, lo, hi)) return;
    const double dist = distanceToBox(view.camera.eye, lo, hi);
    const double quadPixels = dist > 0.0 ? field_->cellSize() * (1 << key.level) * k / dist : INFINITY;
    // Refined while its error shows, but not once its quads are within the tolerance themselves:
    // along a cliff the error never shrinks with the level, and a cliff's edge can be off by at
    // most a quad (the 64k bench mosaic's seams drew 1.5 M triangles for sub-pixel quads).
    if (key.level > 0 && quadPixels > view.tauPixels && screenSpaceError(key, view) > view.tauPixels) {
      const int L = key.level - 1;
      for (int cy = 2 * key.ty; cy < std::min(2 * key.ty + 2, tilesY(L)); ++cy)
        for (int cx = 2 * key.tx; cx < std::min(2 * key.tx + 2, tilesX(L)); ++cx) self(self, TileKey{L, cx, cy});
      return;
    }
    picked.push_back({key, dist});
  };
  const int top = levels_ - 1;
  for (int ty = 0; ty < tilesY(top); ++ty)
    for (int tx = 0; tx < tilesX(top); ++tx) visit(visit, TileKey{top, tx, ty});

  std::stable_sort(picked.begin(), picked.end(),
                   [](const Picked& a, const Picked& b) { return a.distance < b.distance; });
  std::vector<TileKey> keys;
  keys.reserve(picked.size());
  for (const Picked& p : picked) keys.push_back(p.key);
  return keys;
}

}  // namespace tb::terrain
