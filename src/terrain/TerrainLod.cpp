// TerrainLod construction: the level layout, each tile's geometric error (exact, against every
// full-resolution sample) and height range, computed in one threaded pass over the rows.
#include "terrain/TerrainLod.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>
#include <thread>

#include "core/Error.h"
#include "terrain/TileLayout.h"

namespace tb::terrain {

std::vector<std::uint32_t> buildTileIndices(int tileQuads);  // TileMeshBuild.cpp

namespace {

struct LevelLayout {
  int stride = 1, span = 1, tilesX = 1, tilesY = 1;
};

// Per-thread maxima, merged after the scan.
struct RowScan {
  std::vector<std::vector<float>> error;  // per level, tilesX*tilesY
  std::vector<std::vector<glm::vec4>> edge;  // per level: deviation along N, S, W, E edges
  std::vector<glm::vec2> zRange0;         // level 0 tiles
};

// Min and max of n values; independent running extremes keep the loop free of a serial
// dependency chain.
inline glm::vec2 rangeOf(const float* p, int n) {
  float lo[4] = {p[0], p[0], p[0], p[0]}, hi[4] = {p[0], p[0], p[0], p[0]};
  int i = 0;
  for (; i + 4 <= n; i += 4)
    for (int j = 0; j < 4; ++j) {
      lo[j] = std::min(lo[j], p[i + j]);
      hi[j] = std::max(hi[j], p[i + j]);
    }
  for (; i < n; ++i) {
    lo[0] = std::min(lo[0], p[i]);
    hi[0] = std::max(hi[0], p[i]);
  }
  return {std::min({lo[0], lo[1], lo[2], lo[3]}), std::max({hi[0], hi[1], hi[2], hi[3]})};
}

// Largest |h - surface| over samples c0..c0+w of one row, where the surface is the tile mesh's
// quad (c0..c0+w) x (r0..r1) split along its NW-SE diagonal (the index buffer's split), at the
// row's fraction v between r0 and r1; samples k < split lie in the SW triangle. z00/z10 lie on
// row r0, z01/z11 on row r1. Two running maxima halve the loop's dependency chain.
inline float quadRowDeviation(const float* row, int w, int split, float v, float z00, float z10, float z01,
                              float z11) {
  const float invW = 1.f / float(w);
  float d0 = 0.f, d1 = 0.f;
  const float baseLower = z00 + v * (z01 - z00), stepLower = (z11 - z01) * invW;
  int k = 0;
  for (; k + 1 < split; k += 2) {
    d0 = std::max(d0, std::fabs(row[k] - (baseLower + float(k) * stepLower)));
    d1 = std::max(d1, std::fabs(row[k + 1] - (baseLower + float(k + 1) * stepLower)));
  }
  if (k < split) d0 = std::max(d0, std::fabs(row[k] - (baseLower + float(k) * stepLower)));
  const float baseUpper = z00 + v * (z11 - z10), stepUpper = (z10 - z00) * invW;
  for (k = split; k + 1 <= w; k += 2) {
    d0 = std::max(d0, std::fabs(row[k] - (baseUpper + float(k) * stepUpper)));
    d1 = std::max(d1, std::fabs(row[k + 1] - (baseUpper + float(k + 1) * stepUpper)));
  }
  if (k <= w) d0 = std::max(d0, std::fabs(row[k] - (baseUpper + float(k) * stepUpper)));
  return std::max(d0, d1);
}

void scanRows(const HeightField& field, const std::vector<LevelLayout>& levels, int rowBegin, int rowEnd,
              RowScan& out) {
  const int W = field.width(), H = field.height();
  const float* data = field.data().data();
  out.error.resize(levels.size());
  out.edge.resize(levels.size());
  for (size_t L = 0; L < levels.size(); ++L) {
    out.error[L].assign(static_cast<size_t>(levels[L].tilesX) * levels[L].tilesY, 0.f);
    out.edge[L].assign(out.error[L].size(), glm::vec4(0.f));
  }
  out.zRange0.assign(static_cast<size_t>(levels[0].tilesX) * levels[0].tilesY, glm::vec2(INFINITY, -INFINITY));

  for (int r = rowBegin; r < rowEnd; ++r) {
    const float* row = data + static_cast<size_t>(r) * W;
    for (size_t L = 0; L < levels.size(); ++L) {
      const LevelLayout& lv = levels[L];
      // A row on a tile boundary belongs to the tiles on both sides of it.
      const int tyLow = std::min(r / lv.span, lv.tilesY - 1);
      const int tyHigh = (r % lv.span == 0 && r > 0) ? r / lv.span - 1 : tyLow;
      if (L == 0) {  // level 0 reproduces every sample: no error, only the height range
        for (int tx = 0; tx < lv.tilesX; ++tx) {
          const int cBegin = tx * lv.span, cEnd = std::min(cBegin + lv.span, W - 1);
          const glm::vec2 z = rangeOf(row + cBegin, cEnd - cBegin + 1);
          for (int ty = tyHigh; ty <= tyLow; ++ty) {
            glm::vec2& range = out.zRange0[static_cast<size_t>(ty) * lv.tilesX + tx];
            range = {std::min(range.x, z.x), std::max(range.y, z.y)};
          }
        }
        continue;
      }
      const int s = lv.stride;
      const int r0 = (r / s) * s, r1 = std::min(r0 + s, H - 1);
      const int a = r - r0, b = r1 - r0;
      const float v = b ? float(a) / float(b) : 0.f;
      const float* row0 = data + static_cast<size_t>(r0) * W;
      const float* row1 = data + static_cast<size_t>(r1) * W;
      // u = k/w >= v (NE triangle) exactly when k*b >= a*w.
      auto splitFor = [a, b](int w) { return b ? (a * w + b - 1) / b : 0; };
      const int splitFull = splitFor(s);
      // On a tile boundary row (or the last row) the tiles' row deviation is their edge's.
      const bool northLine = r % lv.span == 0 && r / lv.span < lv.tilesY;
      const bool southLine = (r % lv.span == 0 && r > 0) || r == H - 1;
      const int southTile = r == H - 1 ? lv.tilesY - 1 : r / lv.span - 1;
      glm::vec4* edges = out.edge[L].data();
      for (int tx = 0; tx < lv.tilesX; ++tx) {
        const int cBegin = tx * lv.span, cEnd = std::min(cBegin + lv.span, W - 1);
        float d = 0.f;
        for (int c0 = cBegin; c0 < cEnd; c0 += s) {
          const int c1 = std::min(c0 + s, W - 1), w = c1 - c0;
          d = std::max(d, quadRowDeviation(row + c0, w, w == s ? splitFull : splitFor(w), v, row0[c0], row0[c1],
                                           row1[c0], row1[c1]));
        }
        // The west and east edges are vertex columns: linear between rows r0 and r1.
        const float west = std::fabs(row[cBegin] - (row0[cBegin] + v * (row1[cBegin] - row0[cBegin])));
        const float east = std::fabs(row[cEnd] - (row0[cEnd] + v * (row1[cEnd] - row0[cEnd])));
        for (int ty = tyHigh; ty <= tyLow; ++ty) {
          const size_t t = static_cast<size_t>(ty) * lv.tilesX + tx;
          out.error[L][t] = std::max(out.error[L][t], d);
          edges[t].z = std::max(edges[t].z, west);
          edges[t].w = std::max(edges[t].w, east);
        }
        if (northLine) {
          glm::vec4& e = edges[static_cast<size_t>(r / lv.span) * lv.tilesX + tx];
          e.x = std::max(e.x, d);
        }
        if (southLine) {
          glm::vec4& e = edges[static_cast<size_t>(southTile) * lv.tilesX + tx];
          e.y = std::max(e.y, d);
        }
      }
    }
  }
}

int workerCount(size_t samples) {
  if (samples < (1u << 20)) return 1;  // threads cost more than they save on small fields
  const unsigned hw = std::thread::hardware_concurrency();
  return static_cast<int>(std::clamp(hw, 1u, 8u));
}

}  // namespace

TerrainLod::TerrainLod(const HeightField& field, int tileQuads) : field_(&field), tileQuads_(tileQuads) {
  if (tileQuads < 1 || tileQuads > 4096 || (tileQuads & (tileQuads - 1)) != 0)
    throw internalError("terrain LOD", "tile size must be a power of two up to 4096, got " + std::to_string(tileQuads));
  if (field.width() < 2 || field.height() < 2) throw internalError("terrain LOD", "height field is empty");
  const int cellsX = field.width() - 1, cellsY = field.height() - 1;

  // Enough levels that the root level has at most 2 tiles per side.
  std::vector<LevelLayout> layout;
  for (int L = 0;; ++L) {
    LevelLayout lv{1 << L, tileCells(tileQuads, L), tileCountFor(cellsX, tileQuads, L),
                   tileCountFor(cellsY, tileQuads, L)};
    layout.push_back(lv);
    if (lv.tilesX <= 2 && lv.tilesY <= 2) break;
  }
  levels_ = static_cast<int>(layout.size());

  const int H = field.height();
  const int workers = std::min(workerCount(field.data().size()), H);
  std::vector<RowScan> scans(workers);
  {
    std::vector<std::thread> threads;
    for (int i = 1; i < workers; ++i)
      threads.emplace_back(scanRows, std::cref(field), std::cref(layout), H * i / workers, H * (i + 1) / workers,
                           std::ref(scans[i]));
    scanRows(field, layout, 0, H / workers, scans[0]);
    for (auto& t : threads) t.join();
  }

  error_ = std::move(scans[0].error);
  edgeError_ = std::move(scans[0].edge);
  zRange_.assign(levels_, {});
  zRange_[0] = std::move(scans[0].zRange0);
  for (int i = 1; i < workers; ++i) {
    for (int L = 0; L < levels_; ++L)
      for (size_t t = 0; t < error_[L].size(); ++t) {
        error_[L][t] = std::max(error_[L][t], scans[i].error[L][t]);
        edgeError_[L][t] = glm::max(edgeError_[L][t], scans[i].edge[L][t]);
      }
    for (size_t t = 0; t < zRange_[0].size(); ++t)
      zRange_[0][t] = {std::min(zRange_[0][t].x, scans[i].zRange0[t].x),
                       std::max(zRange_[0][t].y, scans[i].zRange0[t].y)};
  }

  // Parents cover exactly their children: merge ranges upward, and make the error monotone so
  // that a parent never claims to be better than any of its children.
  for (int L = 1; L < levels_; ++L) {
    const LevelLayout& lv = layout[L];
    const LevelLayout& child = layout[L - 1];
    zRange_[L].assign(static_cast<size_t>(lv.tilesX) * lv.tilesY, glm::vec2(INFINITY, -INFINITY));
    for (int ty = 0; ty < lv.tilesY; ++ty)
      for (int tx = 0; tx < lv.tilesX; ++tx) {
        const size_t t = static_cast<size_t>(ty) * lv.tilesX + tx;
        for (int cy = 2 * ty; cy < std::min(2 * ty + 2, child.tilesY); ++cy)
          for (int cx = 2 * tx; cx < std::min(2 * tx + 2, child.tilesX); ++cx) {
            const size_t c = static_cast<size_t>(cy) * child.tilesX + cx;
            error_[L][t] = std::max(error_[L][t], error_[L - 1][c]);
            zRange_[L][t] = {std::min(zRange_[L][t].x, zRange_[L - 1][c].x),
                             std::max(zRange_[L][t].y, zRange_[L - 1][c].y)};
          }
        // The children along each edge line; a clamped parent's missing second child shares
        // the first one's (clamped) line.
        const int west = 2 * tx, east = std::min(2 * tx + 1, child.tilesX - 1);
        const int north = 2 * ty, south = std::min(2 * ty + 1, child.tilesY - 1);
        auto edgeOf = [&](int cx, int cy) { return edgeError_[L - 1][static_cast<size_t>(cy) * child.tilesX + cx]; };
        glm::vec4& e = edgeError_[L][t];
        for (int cx = west; cx <= east; ++cx) {
          e.x = std::max(e.x, edgeOf(cx, north).x);
          e.y = std::max(e.y, edgeOf(cx, south).y);
        }
        for (int cy = north; cy <= south; ++cy) {
          e.z = std::max(e.z, edgeOf(west, cy).z);
          e.w = std::max(e.w, edgeOf(east, cy).w);
        }
      }
  }
  indices_ = buildTileIndices(tileQuads_);
}

namespace {
constexpr char kTablesMagic[8] = {'T', 'B', 'L', 'O', 'D', 'v', '1', '\n'};

template <typename T>
void append(std::vector<std::uint8_t>& out, const T* p, std::size_t n) {
  const auto* b = reinterpret_cast<const std::uint8_t*>(p);
  out.insert(out.end(), b, b + n * sizeof(T));
}

// Reads n values of T from the cursor; false when the bytes run out.
template <typename T>
bool take(const std::uint8_t*& cursor, const std::uint8_t* end, std::vector<T>& out, std::size_t n) {
  if (static_cast<std::size_t>(end - cursor) < n * sizeof(T)) return false;
  out.resize(n);
  std::memcpy(out.data(), cursor, n * sizeof(T));
  cursor += n * sizeof(T);
  return true;
}
}  // namespace

TerrainLod::TerrainLod(const HeightField& field, int tileQuads, int levels)
    : field_(&field), tileQuads_(tileQuads), levels_(levels) {}

std::vector<std::uint8_t> TerrainLod::tables() const {
  std::vector<std::uint8_t> out;
  append(out, kTablesMagic, sizeof kTablesMagic);
  const std::int32_t header[4] = {field_->width(), field_->height(), tileQuads_, levels_};
  append(out, header, 4);
  for (int L = 0; L < levels_; ++L) {
    append(out, error_[L].data(), error_[L].size());
    append(out, zRange_[L].data(), zRange_[L].size());
    append(out, edgeError_[L].data(), edgeError_[L].size());
  }
  return out;
}

std::unique_ptr<TerrainLod> TerrainLod::fromTables(const HeightField& field, int tileQuads, const std::uint8_t* bytes,
                                                   std::size_t size) {
  if (tileQuads < 1 || (tileQuads & (tileQuads - 1)) != 0 || field.width() < 2 || field.height() < 2) return nullptr;
  const std::uint8_t* cursor = bytes;
  const std::uint8_t* end = bytes + size;
  std::vector<char> magic;
  std::vector<std::int32_t> header;
  if (!take(cursor, end, magic, sizeof kTablesMagic) || std::memcmp(magic.data(), kTablesMagic, sizeof kTablesMagic) != 0 ||
      !take(cursor, end, header, 4) || header[0] != field.width() || header[1] != field.height() ||
      header[2] != tileQuads || header[3] < 1 || header[3] > 32)
    return nullptr;
  std::unique_ptr<TerrainLod> lod(new TerrainLod(field, tileQuads, header[3]));
  const int cellsX = field.width() - 1, cellsY = field.height() - 1;
  for (int L = 0; L < lod->levels_; ++L) {
    const std::size_t n = static_cast<std::size_t>(tileCountFor(cellsX, tileQuads, L)) * tileCountFor(cellsY, tileQuads, L);
    if (!take(cursor, end, lod->error_.emplace_back(), n) || !take(cursor, end, lod->zRange_.emplace_back(), n) ||
        !take(cursor, end, lod->edgeError_.emplace_back(), n))
      return nullptr;
  }
  // The level count is where the constructor stops: the root level has at most 2 tiles a side.
  const int root = lod->levels_ - 1;
  if (cursor != end || tileCountFor(cellsX, tileQuads, root) > 2 || tileCountFor(cellsY, tileQuads, root) > 2 ||
      (root > 0 && tileCountFor(cellsX, tileQuads, root - 1) <= 2 && tileCountFor(cellsY, tileQuads, root - 1) <= 2))
    return nullptr;
  lod->indices_ = buildTileIndices(tileQuads);
  return lod;
}

int TerrainLod::tilesX(int level) const { return tileCountFor(field_->width() - 1, tileQuads_, level); }
int TerrainLod::tilesY(int level) const { return tileCountFor(field_->height() - 1, tileQuads_, level); }

float TerrainLod::geometricError(const TileKey& key) const {
  return error_[key.level][static_cast<size_t>(key.ty) * tilesX(key.level) + key.tx];
}

TileBounds TerrainLod::bounds(const TileKey& key) const {
  const TileSpan s = tileSpan(*field_, tileQuads_, key);
  const glm::vec2 z = zRange_[key.level][static_cast<size_t>(key.ty) * tilesX(key.level) + key.tx];
  const glm::dvec2 nw = field_->position(s.col0, s.row0), se = field_->position(s.col1, s.row1);
  return {glm::dvec3(nw.x, se.y, z.x), glm::dvec3(se.x, nw.y, z.y)};
}

// Two edges meeting along a border deviate from the data by at most their own edge errors, and
// the difference of two piecewise-linear edges peaks at a sample, so a gap is at most the sum of
// the two. A finer neighbour's edge is bounded by the same-level tile's edge across the border
// (edge errors are monotone over descendants on the same line), a coarser one is the tile
// across at that level: take the worst over every level this tile could meet, so any
// selection is crack-free.
float TerrainLod::edgeSkirtDepth(const TileKey& key, int edge) const {
  constexpr int dx[4] = {0, 0, -1, 1}, dy[4] = {-1, 1, 0, 0}, opposite[4] = {1, 0, 3, 2};
  auto edgeError = [this](const TileKey& k, int e) {
    return edgeError_[k.level][static_cast<size_t>(k.ty) * tilesX(k.level) + k.tx][e];
  };
  float worst = 0.f;
  for (int L = key.level, k = 0; L < levels_; ++L, ++k) {
    const int ax = key.tx >> k, ay = key.ty >> k;
    const int nx = (key.tx + dx[edge]) >> k, ny = (key.ty + dy[edge]) >> k;  // arithmetic shift: -1 stays -1
    if (nx == ax && ny == ay) continue;  // the border is inside this tile's ancestor
    if (nx < 0 || ny < 0 || nx >= tilesX(L) || ny >= tilesY(L)) break;  // grid edge
    worst = std::max(worst, edgeError({L, nx, ny}, opposite[edge]));
  }
  // The margin also covers float rounding and the pixel-wide T-junction cracks of exact borders.
  constexpr float kMarginMetres = 0.5f;
  return (edgeError(key, edge) + worst) * 1.01f + kMarginMetres;
}

float TerrainLod::skirtDepth(const TileKey& key) const {
  float deepest = 0.f;
  for (int e = 0; e < 4; ++e) deepest = std::max(deepest, edgeSkirtDepth(key, e));
  return deepest;
}

}  // namespace tb::terrain
