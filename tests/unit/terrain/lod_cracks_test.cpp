// TerrainLod crack-freedom: along every border between a tile and a neighbour one to two levels
// coarser (or the same level), the skirt of whichever edge is higher reaches down to the other
// edge, on a rough field where the edges really do part. Also the geometric error matches a
// brute-force measurement over the mesh's own triangles.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "SyntheticFields.h"
#include "terrain/TerrainLod.h"

namespace tb::terrain {
namespace {

enum Edge { kNorth, kSouth, kWest, kEast };

// One tile edge as it is drawn: heights along the line, by grid position along it, and the depth
// its skirt hangs (read back from the mesh).
struct EdgeProfile {
  int line = 0;             // the edge's column (west/east) or row (north/south)
  std::vector<int> pos;     // sample position along the edge, ascending
  std::vector<double> z;
  double skirt = INFINITY;  // shallowest skirt vertex below its edge vertex

  double at(int p) const {
    for (size_t k = 0; k + 1 < pos.size(); ++k)
      if (p >= pos[k] && p <= pos[k + 1] && pos[k + 1] > pos[k])
        return z[k] + (z[k + 1] - z[k]) * double(p - pos[k]) / double(pos[k + 1] - pos[k]);
    ADD_FAILURE() << "position " << p << " outside edge";
    return NAN;
  }
};

EdgeProfile edgeOf(const HeightField& f, const TileMesh& m, int n, Edge e) {
  EdgeProfile out;
  const int side = n + 1;
  for (int k = 0; k < side; ++k) {
    const int i = e == kWest ? 0 : e == kEast ? n : k;
    const int j = e == kNorth ? 0 : e == kSouth ? n : k;
    const float* v = &m.xyz[static_cast<size_t>(j * side + i) * 3];
    const float* s = &m.xyz[static_cast<size_t>(side * side + int(e) * side + k) * 3];
    EXPECT_EQ(v[0], s[0]);
    EXPECT_EQ(v[1], s[1]);
    out.skirt = std::min(out.skirt, double(v[2]) - s[2]);
    const glm::dvec2 g = f.toGrid({v[0], v[1]});
    const int col = int(std::lround(g.x)), row = int(std::lround(g.y));
    out.line = (e == kWest || e == kEast) ? col : row;
    out.pos.push_back((e == kWest || e == kEast) ? row : col);
    out.z.push_back(v[2]);
  }
  return out;
}

struct CrackStats {
  int pairs = 0;
  double maxGap = 0;
};

void checkNoCracks(const HeightField& f, int tileQuads, CrackStats& stats) {
  const TerrainLod lod(f, tileQuads);
  const int dx[4] = {0, 0, -1, 1}, dy[4] = {-1, 1, 0, 0};  // indexed by Edge
  const Edge opposite[4] = {kSouth, kNorth, kEast, kWest};
  for (int L = 0; L < lod.levelCount(); ++L)
    for (int ty = 0; ty < lod.tilesY(L); ++ty)
      for (int tx = 0; tx < lod.tilesX(L); ++tx) {
        const TileMesh fine = lod.buildMesh({L, tx, ty});
        for (Edge e : {kNorth, kSouth, kWest, kEast})
          for (int k = 0; k <= 2 && L + k < lod.levelCount(); ++k) {
            const int nx = (tx + dx[e]) >> k, ny = (ty + dy[e]) >> k;
            if (nx == (tx >> k) && ny == (ty >> k)) continue;  // border inside the ancestor
            if (nx < 0 || ny < 0 || nx >= lod.tilesX(L + k) || ny >= lod.tilesY(L + k)) break;
            const TileMesh coarse = lod.buildMesh({L + k, nx, ny});
            const EdgeProfile a = edgeOf(f, fine, tileQuads, e);
            const EdgeProfile b = edgeOf(f, coarse, tileQuads, opposite[e]);
            ASSERT_EQ(a.line, b.line) << "tiles " << L << "/" << tx << "/" << ty << " and " << L + k << "/" << nx
                                      << "/" << ny << " do not share a border";
            ++stats.pairs;
            for (int p = a.pos.front(); p <= a.pos.back(); ++p) {
              const double za = a.at(p), zb = b.at(p);
              stats.maxGap = std::max(stats.maxGap, std::abs(za - zb));
              // The higher edge's skirt must reach the lower edge.
              const double bottom = za >= zb ? za - a.skirt : zb - b.skirt;
              ASSERT_LE(bottom, std::min(za, zb) + 1e-3)
                  << "crack between " << L << "/" << tx << "/" << ty << " and " << L + k << "/" << nx << "/" << ny
                  << " at " << p << ": edges " << za << " vs " << zb;
            }
          }
      }
}

TEST(TerrainLodCracks, SkirtsCoverEveryGapToNeighboursUpToTwoLevelsCoarser) {
  for (auto [w, h, quads] : {std::tuple{257, 257, 16}, std::tuple{300, 230, 8}, std::tuple{131, 77, 4}}) {
    SCOPED_TRACE(::testing::Message() << w << "x" << h << " tileQuads " << quads);
    CrackStats stats;
    checkNoCracks(testing::roughField(w, h), quads, stats);
    EXPECT_GT(stats.pairs, 100);
    EXPECT_GT(stats.maxGap, 5.0) << "the field is too smooth to test cracks";
  }
}

// Max |h - mesh| over the samples under each grid triangle of a tile's mesh.
double bruteForceError(const HeightField& f, const TerrainLod& lod, const TileKey& key) {
  const TileMesh m = lod.buildMesh(key);
  const auto& idx = lod.indices();
  const size_t gridTriangles = size_t(lod.tileQuads()) * lod.tileQuads() * 2;
  double worst = 0;
  for (size_t t = 0; t < gridTriangles; ++t) {
    glm::dvec3 v[3];
    for (int k = 0; k < 3; ++k) {
      const float* p = &m.xyz[idx[t * 3 + k] * 3];
      v[k] = glm::dvec3(f.toGrid({p[0], p[1]}), p[2]);
    }
    const double area = (v[1].x - v[0].x) * (v[2].y - v[0].y) - (v[2].x - v[0].x) * (v[1].y - v[0].y);
    if (std::abs(area) < 1e-9) continue;
    const int c0 = int(std::floor(std::min({v[0].x, v[1].x, v[2].x}) + 1e-6));
    const int c1 = int(std::ceil(std::max({v[0].x, v[1].x, v[2].x}) - 1e-6));
    const int r0 = int(std::floor(std::min({v[0].y, v[1].y, v[2].y}) + 1e-6));
    const int r1 = int(std::ceil(std::max({v[0].y, v[1].y, v[2].y}) - 1e-6));
    for (int r = r0; r <= r1; ++r)
      for (int c = c0; c <= c1; ++c) {
        double w[3];
        for (int k = 0; k < 3; ++k) {
          const glm::dvec3& p = v[(k + 1) % 3];
          const glm::dvec3& q = v[(k + 2) % 3];
          w[k] = ((q.x - p.x) * (r - p.y) - (c - p.x) * (q.y - p.y)) / area;
        }
        if (std::min({w[0], w[1], w[2]}) < -1e-6) continue;
        worst = std::max(worst, std::abs(f.at(c, r) - (w[0] * v[0].z + w[1] * v[1].z + w[2] * v[2].z)));
      }
  }
  return worst;
}

TEST(TerrainLodError, MatchesBruteForceOverTheMeshAndIsMonotone) {
  const HeightField f = testing::roughField(70, 45);
  const TerrainLod lod(f, 4);
  ASSERT_EQ(lod.levelCount(), 5);  // root tiles cover 64 cells: 2 x 1 of them
  EXPECT_EQ(lod.tilesX(4), 2);
  EXPECT_EQ(lod.tilesY(4), 1);
  for (int L = 0; L < lod.levelCount(); ++L)
    for (int ty = 0; ty < lod.tilesY(L); ++ty)
      for (int tx = 0; tx < lod.tilesX(L); ++tx) {
        const TileKey key{L, tx, ty};
        double expected = bruteForceError(f, lod, key);
        if (L > 0)
          for (int cy = 2 * ty; cy < std::min(2 * ty + 2, lod.tilesY(L - 1)); ++cy)
            for (int cx = 2 * tx; cx < std::min(2 * tx + 2, lod.tilesX(L - 1)); ++cx)
              expected = std::max(expected, double(lod.geometricError({L - 1, cx, cy})));
        EXPECT_NEAR(lod.geometricError(key), expected, 1e-3) << L << "/" << tx << "/" << ty;
        if (L == 0) {
          EXPECT_EQ(lod.geometricError(key), 0.f);
        } else {
          EXPECT_GT(lod.geometricError(key), 1.0f);
        }
      }
}

}  // namespace
}  // namespace tb::terrain
