// Exact squared Euclidean distance transform, separable: a 1D lower-envelope-of-parabolas pass
// over columns then rows. Rows and columns are independent, so both passes split across threads.
#include "synth/DistanceField.h"

#include <cmath>
#include <limits>

#include "synth/ParallelRows.h"

namespace tb::synth {
namespace {

constexpr float kInf = 1e20f;

// 1D transform of f (n samples) into d; v and z are scratch (n and n+1). Empty samples (kInf)
// contribute no parabola; a line with no feature at all stays kInf.
void transform1d(const float* f, float* d, int n, int* v, double* z) {
  int k = -1;
  for (int q = 0; q < n; ++q) {
    if (f[q] >= kInf) continue;
    if (k < 0) {
      k = 0;
      v[0] = q;
      z[0] = -1e30;
      z[1] = 1e30;
      continue;
    }
    double s;
    while (true) {
      const int p = v[k];
      s = ((f[q] + double(q) * q) - (f[p] + double(p) * p)) / (2.0 * (q - p));
      if (s <= z[k]) {
        --k;
        continue;
      }
      break;
    }
    ++k;
    v[k] = q;
    z[k] = s;
    z[k + 1] = 1e30;
  }
  if (k < 0) {
    for (int q = 0; q < n; ++q) d[q] = kInf;
    return;
  }
  k = 0;
  for (int q = 0; q < n; ++q) {
    while (z[k + 1] < q) ++k;
    const double dq = double(q - v[k]);
    d[q] = static_cast<float>(dq * dq + f[v[k]]);
  }
}

// Squared distance (in cells) from every cell to the nearest cell where isFeature is true.
std::vector<float> squaredDistance(const std::vector<std::uint8_t>& land, std::uint8_t featureValue, int w, int h,
                                   int threads) {
  std::vector<float> g(static_cast<size_t>(w) * h);
  // Columns first (strided reads, done in blocks of columns to stay cache friendly).
  parallelRows(w, threads, [&](int c0, int c1) {
    std::vector<float> f(h), d(h);
    std::vector<double> z(h + 1);
    std::vector<int> v(h);
    for (int c = c0; c < c1; ++c) {
      for (int r = 0; r < h; ++r) f[r] = land[static_cast<size_t>(r) * w + c] == featureValue ? 0.f : kInf;
      transform1d(f.data(), d.data(), h, v.data(), z.data());
      for (int r = 0; r < h; ++r) g[static_cast<size_t>(r) * w + c] = d[r];
    }
  });
  parallelRows(h, threads, [&](int r0, int r1) {
    std::vector<float> f(w);
    std::vector<double> z(w + 1);
    std::vector<int> v(w);
    for (int r = r0; r < r1; ++r) {
      float* row = g.data() + static_cast<size_t>(r) * w;
      std::copy(row, row + w, f.begin());
      transform1d(f.data(), row, w, v.data(), z.data());
    }
  });
  return g;
}

}  // namespace

std::vector<float> signedCoastDistance(const std::vector<std::uint8_t>& land, int width, int height, double cellSize,
                                       int threads) {
  // Land cells: distance to the nearest sea cell; sea cells: distance to the nearest land cell.
  // Half a cell is taken off so the shoreline (between the two cells) sits at zero.
  const auto toSea = squaredDistance(land, 0, width, height, threads);
  const auto toLand = squaredDistance(land, 1, width, height, threads);
  std::vector<float> out(toSea.size());
  const float half = 0.5f, cs = static_cast<float>(cellSize);
  for (size_t i = 0; i < out.size(); ++i) {
    if (land[i]) {
      out[i] = toSea[i] >= kInf ? 1e7f : (std::sqrt(toSea[i]) - half) * cs;
    } else {
      out[i] = toLand[i] >= kInf ? -1e7f : -(std::sqrt(toLand[i]) - half) * cs;
    }
  }
  return out;
}

}  // namespace tb::synth
