// TerrainLod selection: projected error stays within tau, tiles cover the grid once, order is
// near to far, a tighter tau costs triangles; tile meshes: layout, winding, skirts.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include <glm/gtc/type_ptr.hpp>

#include "SyntheticFields.h"
#include "core/Error.h"
#include "terrain/TerrainLod.h"
#include "terrain/TileLayout.h"

namespace tb::terrain {
namespace {

// The last sample column and row that the east-most, south-most tile of a level reaches.
glm::ivec2 tileSpanEnd(const TerrainLod& lod, int level) {
  const TileBounds b = lod.bounds({level, lod.tilesX(level) - 1, lod.tilesY(level) - 1});
  const glm::dvec2 g = lod.field().toGrid({b.max.x, b.min.y});
  return {int(std::lround(g.x)), int(std::lround(g.y))};
}

// Recomputed here from the definition rather than trusted: geometric error (exaggerated) over
// the distance from the eye to the tile's exaggerated box, in pixels.
double projectedError(const TerrainLod& lod, const TileKey& key, const LodView& v) {
  const TileBounds b = lod.bounds(key);
  const glm::dvec3 lo{b.min.x, b.min.y, b.min.z * v.exaggeration}, hi{b.max.x, b.max.y, b.max.z * v.exaggeration};
  const double dist = glm::length(v.camera.eye - glm::clamp(v.camera.eye, lo, hi));
  const double k = v.viewportHeight / (2.0 * std::tan(glm::radians(v.camera.fovYDeg) / 2));
  return lod.geometricError(key) * v.exaggeration * k / dist;
}

std::vector<LodView> cameras(double exaggeration) {
  std::vector<LodView> views;
  auto add = [&](CameraPose pose) {
    LodView v;
    v.camera = pose;
    v.exaggeration = exaggeration;
    v.nearZ = 5.0;
    v.farZ = 1e5;
    views.push_back(v);
  };
  const double top = 800.0 * exaggeration;
  add(lookAtPose({0, 0, 300 * exaggeration}, 9000, 0, -60));          // overview
  add(lookAtPose({0, 0, 0}, 7000, 0, -90));                           // straight down
  add(CameraPose{{-2600, -2600, top + 100}, 45, -12, 40});            // low and oblique, from the corner
  add(CameraPose{{400, 300, top + 30}, 200, -35, 50});                // just above the terrain
  return views;
}

double quadPixels(const TerrainLod& lod, const TileKey& key, const LodView& v);

TEST(TerrainLodSelect, ProjectedErrorOfEverySelectedTileWithinTau) {
  const HeightField f = testing::roughField(513, 513);
  const TerrainLod lod(f, 16);
  std::vector<int> levelsSeen(lod.levelCount(), 0);
  for (double e : {1.0, 2.0})
    for (LodView v : cameras(e))
      for (double tau : {1.0, 2.0, 8.0}) {
        v.tauPixels = tau;
        const auto keys = lod.select(v);
        ASSERT_FALSE(keys.empty());
        for (const TileKey& key : keys) {
          ++levelsSeen[key.level];
          if (key.level == 0) continue;  // nothing finer to refine to
          if (quadPixels(lod, key, v) <= tau) continue;  // its quads are within tau (see below)
          EXPECT_LE(projectedError(lod, key, v), tau * (1 + 1e-9)) << key.level << "/" << key.tx << "/" << key.ty;
          EXPECT_NEAR(lod.screenSpaceError(key, v), projectedError(lod, key, v), 1e-6 * tau);
        }
        // Near to far: no tile is closer than the tile drawn before it (by its bounds' distance).
        double last = -1;
        for (const TileKey& key : keys) {
          const TileBounds b = lod.bounds(key);
          const glm::dvec3 lo{b.min.x, b.min.y, (b.min.z - lod.skirtDepth(key)) * e}, hi{b.max.x, b.max.y, b.max.z * e};
          const double d = glm::length(v.camera.eye - glm::clamp(v.camera.eye, lo, hi));
          EXPECT_GE(d, last);
          last = d;
        }
      }
  // The cameras exercise the refinement: near tiles at full resolution, far ones coarse.
  EXPECT_GE(std::count_if(levelsSeen.begin(), levelsSeen.end(), [](int n) { return n > 0; }), 3);
  EXPECT_GT(levelsSeen[0], 0);
}

// Pixels a quad of the tile spans at the distance of its box, from the definition.
double quadPixels(const TerrainLod& lod, const TileKey& key, const LodView& v) {
  const TileBounds b = lod.bounds(key);
  const glm::dvec3 lo{b.min.x, b.min.y, b.min.z * v.exaggeration}, hi{b.max.x, b.max.y, b.max.z * v.exaggeration};
  const double dist = glm::length(v.camera.eye - glm::clamp(v.camera.eye, lo, hi));
  const double k = v.viewportHeight / (2.0 * std::tan(glm::radians(v.camera.fovYDeg) / 2));
  return lod.field().cellSize() * (1 << key.level) * k / dist;
}

TEST(TerrainLodSelect, ACliffIsNotRefinedPastQuadsWithinTau) {
  // A 1500 m step: its error never shrinks with the level, while its edge on screen can be off by
  // at most a quad. Seen from 30 km a 10 m cell is under half a pixel.
  const int n = 513;
  std::vector<float> z(static_cast<std::size_t>(n) * n);
  for (int r = 0; r < n; ++r)
    for (int c = 0; c < n; ++c) z[static_cast<std::size_t>(r) * n + c] = c < n / 2 ? 0.0f : 1500.0f;
  const HeightField f(n, n, 10.0, {-0.5 * (n - 1) * 10.0, 0.5 * (n - 1) * 10.0}, std::move(z));
  const TerrainLod lod(f, 16);
  LodView v;
  v.camera = lookAtPose({0, 0, 750}, 30000, 0, -40);
  v.nearZ = 5.0;
  v.farZ = 1e6;
  int overTau = 0;
  for (const TileKey& key : lod.select(v)) {
    // Refined only while the parent's quads spanned more than tau pixels...
    if (key.level + 1 < lod.levelCount())
      EXPECT_GT(quadPixels(lod, {key.level + 1, key.tx / 2, key.ty / 2}, v), v.tauPixels) << key.level << "/" << key.tx;
    // ...and where the error still shows, it is because the quads are already that small.
    if (key.level > 0 && projectedError(lod, key, v) > v.tauPixels) {
      ++overTau;
      EXPECT_LE(quadPixels(lod, key, v), v.tauPixels);
    }
  }
  EXPECT_GT(overTau, 0);  // the cliff's tiles
}

TEST(TerrainLodSelect, TighterTauCostsMoreTriangles) {
  const HeightField f = testing::roughField(513, 513);
  const TerrainLod lod(f, 16);
  for (LodView v : cameras(1.5)) {
    size_t previous = 0;
    for (double tau : {16.0, 4.0, 1.0}) {
      v.tauPixels = tau;
      const size_t triangles = lod.select(v).size() * lod.indices().size() / 3;
      EXPECT_GT(triangles, previous) << "tau " << tau;
      previous = triangles;
    }
  }
}

// Marks the cells each selected tile's grid covers; the whole grid exactly once when it is all
// in view, at most once otherwise.
void checkCoverage(const HeightField& f, const TerrainLod& lod, const LodView& v, bool wholeGridInView) {
  std::vector<int> hits(size_t(f.width() - 1) * (f.height() - 1), 0);
  for (const TileKey& key : lod.select(v)) {
    const TileMesh m = lod.buildMesh(key);
    const int side = lod.tileQuads() + 1;
    glm::dvec2 lo(INFINITY), hi(-INFINITY);
    for (int k = 0; k < side * side; ++k) {
      const glm::dvec2 g = f.toGrid({m.xyz[k * 3], m.xyz[k * 3 + 1]});
      lo = glm::min(lo, g);
      hi = glm::max(hi, g);
    }
    for (int r = int(std::lround(lo.y)); r < int(std::lround(hi.y)); ++r)
      for (int c = int(std::lround(lo.x)); c < int(std::lround(hi.x)); ++c) ++hits[size_t(r) * (f.width() - 1) + c];
  }
  const int maxHits = *std::max_element(hits.begin(), hits.end());
  const int minHits = *std::min_element(hits.begin(), hits.end());
  EXPECT_LE(maxHits, 1);
  if (wholeGridInView) {
    EXPECT_EQ(minHits, 1);
  }
}

TEST(TerrainLodSelect, SelectedTilesCoverTheGridWithoutHolesOrOverlaps) {
  for (auto [w, h, quads] : {std::tuple{513, 513, 16}, std::tuple{300, 230, 8}}) {
    const HeightField f = testing::roughField(w, h);
    const TerrainLod lod(f, quads);
    std::vector<LodView> views = cameras(1.0);
    for (size_t i = 0; i < views.size(); ++i) {
      views[i].tauPixels = 2.0;
      checkCoverage(f, lod, views[i], i < 2);  // the first two see the whole grid
    }
  }
}

TEST(TerrainLodSelect, CullsTilesBehindTheCamera) {
  const HeightField f = testing::roughField(513, 513);
  const TerrainLod lod(f, 16);
  LodView v;
  v.camera = CameraPose{{0, -2600, 1500}, 180, -20, 40};  // at the south edge, looking south
  EXPECT_TRUE(lod.select(v).empty());
  v.camera.headingDeg = 0;
  EXPECT_FALSE(lod.select(v).empty());
}

TEST(TerrainLodLayout, RootLevelHasOneOrTwoTilesPerSide) {
  for (auto [w, h, quads] : {std::tuple{513, 513, 16}, std::tuple{300, 230, 8}, std::tuple{2, 2, 64},
                             std::tuple{1000, 40, 4}, std::tuple{65, 65, 64}}) {
    const HeightField f = testing::roughField(w, h);
    const TerrainLod lod(f, quads);
    const int top = lod.levelCount() - 1;
    EXPECT_LE(lod.tilesX(top), 2);
    EXPECT_LE(lod.tilesY(top), 2);
    if (top > 0) {
      EXPECT_GT(std::max(lod.tilesX(top - 1), lod.tilesY(top - 1)), 2) << "one level too many";
    }
    for (int L = 0; L <= top; ++L)  // the tiles of every level reach the east and south edges
      EXPECT_EQ(tileSpanEnd(lod, L), glm::ivec2(w - 1, h - 1));
  }
  const HeightField f = testing::roughField(20, 20);
  EXPECT_THROW(TerrainLod(f, 48), Error);
  EXPECT_THROW(TerrainLod(f, 0), Error);
}

TEST(TerrainLodMesh, LayoutWindingAndSkirts) {
  const HeightField f = testing::roughField(300, 230);
  const int n = 8, side = n + 1;
  TerrainLod lod(f, n);
  ASSERT_EQ(lod.indices().size(), size_t(n * n * 6 + 4 * n * 6));
  for (TileKey key : {TileKey{0, 0, 0}, TileKey{0, 37, 28}, TileKey{2, 3, 4}, TileKey{3, 4, 3},
                      TileKey{lod.levelCount() - 1, 1, 0}}) {
    SCOPED_TRACE(::testing::Message() << key.level << "/" << key.tx << "/" << key.ty);
    const TileMesh m = lod.buildMesh(key);
    ASSERT_EQ(m.vertexCount(), side * side + 4 * side);
    const int s = 1 << key.level, c0 = key.tx * n * s, r0 = key.ty * n * s;
    for (int j = 0; j < side; ++j)
      for (int i = 0; i < side; ++i) {  // clamped to the last sample at the east and south edges
        const int c = std::min(c0 + i * s, f.width() - 1), r = std::min(r0 + j * s, f.height() - 1);
        const float* v = &m.xyz[size_t(j * side + i) * 3];
        EXPECT_FLOAT_EQ(v[0], float(f.position(c, r).x));
        EXPECT_FLOAT_EQ(v[1], float(f.position(c, r).y));
        EXPECT_EQ(v[2], f.at(c, r));
      }
    const TileBounds b = lod.bounds(key);
    const glm::dvec2 centre = 0.5 * (glm::dvec2(b.min) + glm::dvec2(b.max));
    double gridArea = 0;
    const auto& idx = lod.indices();
    for (size_t t = 0; t < idx.size() / 3; ++t) {
      glm::dvec3 p[3];
      for (int k = 0; k < 3; ++k) p[k] = glm::dvec3(glm::make_vec3(&m.xyz[idx[t * 3 + k] * 3]));
      const glm::dvec3 normal = glm::cross(p[1] - p[0], p[2] - p[0]);
      if (t < size_t(n * n * 2)) {
        EXPECT_GE(normal.z, 0.0) << "grid triangle " << t << " is clockwise seen from above";
        gridArea += normal.z / 2;
      } else if (glm::length(normal) > 1e-6) {
        const glm::dvec3 mid = (p[0] + p[1] + p[2]) / 3.0;
        EXPECT_NEAR(normal.z, 0.0, 1e-3) << "skirt triangle " << t << " is not vertical";
        EXPECT_GT(glm::dot(glm::dvec2(normal), glm::dvec2(mid) - centre), 0.0) << "skirt " << t << " faces inward";
      }
    }
    EXPECT_NEAR(gridArea, (b.max.x - b.min.x) * (b.max.y - b.min.y), 1e-3 * gridArea);
    // Each edge's skirt hangs by one depth, the deepest of them is skirtDepth(); on the field's
    // own border none hangs (no neighbour there), unless border skirts are asked for.
    const TileSpan span = tileSpan(f, n, key);
    const bool onBorder[4] = {span.row0 == 0, span.row1 == f.height() - 1, span.col0 == 0, span.col1 == f.width() - 1};
    for (bool borderSkirts : {false, true}) {
      lod.setBorderSkirts(borderSkirts);
      const TileMesh mb = lod.buildMesh(key);
      float deepest = 0;
      for (int e = 0; e < 4; ++e) {
        const float* skirt = &mb.xyz[size_t(side * side + e * side) * 3];
        const int i0 = e == 3 ? n : 0, j0 = e == 1 ? n : 0;
        const float depth = mb.xyz[size_t(j0 * side + i0) * 3 + 2] - skirt[2];
        if (onBorder[e] && !borderSkirts)
          EXPECT_EQ(depth, 0.0f) << "edge " << e;
        else
          EXPECT_GE(depth, 0.5f) << "edge " << e;
        for (int k = 1; k < side; ++k) {
          const int i = e < 2 ? k : i0, j = e < 2 ? j0 : k;
          EXPECT_NEAR(mb.xyz[size_t(j * side + i) * 3 + 2] - skirt[k * 3 + 2], depth, 1e-3);
        }
        deepest = std::max(deepest, depth);
      }
      if (borderSkirts) EXPECT_NEAR(deepest, lod.skirtDepth(key), 1e-3);
      EXPECT_LE(deepest, lod.skirtDepth(key) + 1e-3);
    }
    lod.setBorderSkirts(false);
  }
}

}  // namespace
}  // namespace tb::terrain
