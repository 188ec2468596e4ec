// Deterministic synthetic height fields for the terrain tests: rough noise (to make LOD errors
// and cracks large), analytic planes and cones (to check slopes and ray hits in closed form).
#pragma once
#include <cmath>
#include <cstdint>
#include <vector>

#include "terrain/HeightField.h"

namespace tb::terrain::testing {

inline float hashUnit(std::uint32_t x, std::uint32_t y, std::uint32_t seed) {
  std::uint32_t h = x * 0x8da6b343u ^ y * 0xd8163841u ^ seed * 0xcb1ab31fu;
  h ^= h >> 13;
  h *= 0x5bd1e995u;
  h ^= h >> 15;
  return float(h & 0xffffffu) / float(0xffffff);  // [0, 1]
}

// Value noise at several octaves plus per-sample jitter: rough at every scale.
inline HeightField roughField(int w, int h, double cellSize = 10.0, std::uint32_t seed = 7) {
  std::vector<float> z(static_cast<size_t>(w) * h);
  for (int r = 0; r < h; ++r)
    for (int c = 0; c < w; ++c) {
      double v = 0.0, amp = 400.0;
      for (int oct = 0, period = 128; period >= 2; ++oct, period /= 2, amp *= 0.5) {
        const int cx = c / period, cy = r / period;
        const double fx = double(c % period) / period, fy = double(r % period) / period;
        const auto n = [&](int x, int y) { return hashUnit(x, y, seed + oct); };
        const double top = n(cx, cy) + fx * (n(cx + 1, cy) - n(cx, cy));
        const double bottom = n(cx, cy + 1) + fx * (n(cx + 1, cy + 1) - n(cx, cy + 1));
        v += amp * (top + fy * (bottom - top));
      }
      z[static_cast<size_t>(r) * w + c] = float(v + 5.0 * hashUnit(c, r, seed + 99));
    }
  return HeightField(w, h, cellSize, {-0.5 * (w - 1) * cellSize, 0.5 * (h - 1) * cellSize}, std::move(z));
}

// z = a*x + b*y + z0 in local coordinates.
inline HeightField planeField(int w, int h, double cellSize, glm::dvec2 originNW, double a, double b, double z0) {
  std::vector<float> z(static_cast<size_t>(w) * h);
  for (int r = 0; r < h; ++r)
    for (int c = 0; c < w; ++c) {
      const double x = originNW.x + c * cellSize, y = originNW.y - r * cellSize;
      z[static_cast<size_t>(r) * w + c] = float(a * x + b * y + z0);
    }
  return HeightField(w, h, cellSize, originNW, std::move(z));
}

// h = max(0, peak - r * slope), r = distance from local (0,0); the grid is centred on the apex.
inline HeightField coneField(int halfCells, double cellSize, double peak, double slope) {
  const int n = 2 * halfCells + 1;
  std::vector<float> z(static_cast<size_t>(n) * n);
  const glm::dvec2 nw{-halfCells * cellSize, halfCells * cellSize};
  for (int r = 0; r < n; ++r)
    for (int c = 0; c < n; ++c) {
      const double x = nw.x + c * cellSize, y = nw.y - r * cellSize;
      z[static_cast<size_t>(r) * n + c] = float(std::max(0.0, peak - std::hypot(x, y) * slope));
    }
  return HeightField(n, n, cellSize, nw, std::move(z));
}

}  // namespace tb::terrain::testing
