// Deterministic coherent noise for the synthetic terrain: integer-hash gradient noise (no
// global state, no random seeds, no platform RNG), so every run produces the same bytes.
#pragma once
#include <cmath>
#include <cstdint>

namespace tb::synth {

// A 32-bit integer hash of a lattice point and a seed (lowbias32-style mixing).
inline std::uint32_t hash2(std::int32_t x, std::int32_t y, std::uint32_t seed) {
  std::uint32_t h = static_cast<std::uint32_t>(x) * 0x8da6b343u ^ static_cast<std::uint32_t>(y) * 0xd8163841u ^
                    seed * 0xcb1ab31fu;
  h ^= h >> 16;
  h *= 0x7feb352du;
  h ^= h >> 15;
  h *= 0x846ca68bu;
  h ^= h >> 16;
  return h;
}

// Uniform in [0, 1).
inline double hashUnit(std::int32_t x, std::int32_t y, std::uint32_t seed) {
  return (hash2(x, y, seed) >> 8) * (1.0 / 16777216.0);
}

// 2D gradient noise in about [-1, 1], one lattice cell per unit of (x, y).
inline double gradientNoise(double x, double y, std::uint32_t seed) {
  // Sixteen unit gradients: more directions than Perlin's four avoid axis-aligned streaks.
  static constexpr double kGx[16] = {1, 0.9239, 0.7071, 0.3827, 0, -0.3827, -0.7071, -0.9239,
                                     -1, -0.9239, -0.7071, -0.3827, 0, 0.3827, 0.7071, 0.9239};
  static constexpr double kGy[16] = {0, 0.3827, 0.7071, 0.9239, 1, 0.9239, 0.7071, 0.3827,
                                     0, -0.3827, -0.7071, -0.9239, -1, -0.9239, -0.7071, -0.3827};
  const double fx = std::floor(x), fy = std::floor(y);
  const auto ix = static_cast<std::int32_t>(fx), iy = static_cast<std::int32_t>(fy);
  const double tx = x - fx, ty = y - fy;
  auto dot = [&](std::int32_t cx, std::int32_t cy, double dx, double dy) {
    const std::uint32_t g = hash2(cx, cy, seed) & 15u;
    return kGx[g] * dx + kGy[g] * dy;
  };
  const double n00 = dot(ix, iy, tx, ty), n10 = dot(ix + 1, iy, tx - 1, ty);
  const double n01 = dot(ix, iy + 1, tx, ty - 1), n11 = dot(ix + 1, iy + 1, tx - 1, ty - 1);
  const double ux = tx * tx * tx * (tx * (tx * 6 - 15) + 10);
  const double uy = ty * ty * ty * (ty * (ty * 6 - 15) + 10);
  const double a = n00 + (n10 - n00) * ux, b = n01 + (n11 - n01) * ux;
  return 1.4 * (a + (b - a) * uy);
}

// Fractal sum, about [-1, 1]. Octaves rotate slightly so lattice artefacts do not line up.
inline double fbm(double x, double y, int octaves, std::uint32_t seed, double gain = 0.5) {
  double sum = 0, amp = 1, norm = 0;
  for (int o = 0; o < octaves; ++o) {
    sum += amp * gradientNoise(x, y, seed + 101u * static_cast<std::uint32_t>(o));
    norm += amp;
    amp *= gain;
    const double nx = 1.6 * x + 1.2 * y, ny = -1.2 * x + 1.6 * y;  // x2 with a ~37 degree turn
    x = nx + 17.3;
    y = ny - 5.1;
  }
  return sum / norm;
}

// Ridged multifractal (Musgrave): sharp crests where the noise crosses zero; each octave is
// weighted by the previous one so detail gathers on ridges, not in valleys. Result in about [0, 1].
inline double ridged(double x, double y, int octaves, std::uint32_t seed) {
  double sum = 0, amp = 1, norm = 0, weight = 1;
  for (int o = 0; o < octaves; ++o) {
    double r = 1.0 - std::fabs(gradientNoise(x, y, seed + 211u * static_cast<std::uint32_t>(o)));
    r *= r;
    r *= weight;
    weight = r * 1.6 > 1 ? 1 : r * 1.6;
    sum += r * amp;
    norm += amp;
    amp *= 0.5;
    const double nx = 1.6 * x + 1.2 * y, ny = -1.2 * x + 1.6 * y;
    x = nx + 31.7;
    y = ny + 11.9;
  }
  return sum / norm;
}

inline double smoothstep(double e0, double e1, double v) {
  double t = (v - e0) / (e1 - e0);
  t = t < 0 ? 0 : (t > 1 ? 1 : t);
  return t * t * (3 - 2 * t);
}

}  // namespace tb::synth
