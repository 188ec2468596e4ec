// Ray / terrain intersection: a 2D walk over min/max blocks skips the blocks the ray passes
// above, a walk over the cells of the remaining blocks finds the first cell whose bilinear patch
// the ray crosses, and the crossing is solved in closed form (the bilinear height along a ray is
// a quadratic in t), with bisection as the fallback where rounding defeats the formula.
#include "terrain/TerrainRay.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "terrain/HeightBlockRanges.h"

namespace tb::terrain {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// Visits the cells of a unit grid (nx * ny cells) crossed by p(t) = p0 + t*dp for t in [t0, t1],
// in order; visit(ix, iy, ta, tb) returns true to stop. Returns whether a visit stopped it.
template <class Visit>
bool walkCells(glm::dvec2 p0, glm::dvec2 dp, double t0, double t1, int nx, int ny, Visit&& visit) {
  const glm::dvec2 p = p0 + t0 * dp;
  int ix = std::clamp(static_cast<int>(std::floor(p.x)), 0, nx - 1);
  int iy = std::clamp(static_cast<int>(std::floor(p.y)), 0, ny - 1);
  const int stepX = dp.x > 0 ? 1 : -1, stepY = dp.y > 0 ? 1 : -1;
  const double deltaX = dp.x != 0 ? std::abs(1.0 / dp.x) : kInf;
  const double deltaY = dp.y != 0 ? std::abs(1.0 / dp.y) : kInf;
  double nextX = dp.x != 0 ? (ix + (stepX > 0) - p0.x) / dp.x : kInf;
  double nextY = dp.y != 0 ? (iy + (stepY > 0) - p0.y) / dp.y : kInf;
  double ta = t0;
  for (;;) {
    const double tb = std::max(ta, std::min({nextX, nextY, t1}));
    if (visit(ix, iy, ta, tb)) return true;
    if (tb >= t1) return false;
    if (nextX <= nextY) {
      ix += stepX;
      nextX += deltaX;
      if (ix < 0 || ix >= nx) return false;
    } else {
      iy += stepY;
      nextY += deltaY;
      if (iy < 0 || iy >= ny) return false;
    }
    ta = tb;
  }
}

struct Ray {
  glm::dvec2 g0, dg;  // grid coordinates (col, row) at t = 0 and per unit t
  double z0, dz;      // render-space height at t = 0 and per unit t
  double z(double t) const { return z0 + t * dz; }
};

// First t in [ta, tb] where the ray meets cell (c, r)'s bilinear patch (render space), or -1.
double hitInCell(const HeightField& f, const Ray& ray, double e, int c, int r, double ta, double tb) {
  const double h00 = f.at(c, r), h10 = f.at(c + 1, r), h01 = f.at(c, r + 1), h11 = f.at(c + 1, r + 1);
  const double lo = std::min({h00, h10, h01, h11}) * e, hi = std::max({h00, h10, h01, h11}) * e;
  const double za = ray.z(ta), zb = ray.z(tb);
  if (std::min(za, zb) > hi + 1e-6 * (1.0 + std::abs(hi))) return -1.0;
  // f(s) = ray z - surface z for s = t - ta, a quadratic: A s^2 + B s + C.
  const double u0 = ray.g0.x + ta * ray.dg.x - c, v0 = ray.g0.y + ta * ray.dg.y - r;
  const double du = ray.dg.x, dv = ray.dg.y;
  const double a = h10 - h00, b = h01 - h00, q = h00 - h10 - h01 + h11;
  const double A = -e * q * du * dv;
  const double B = ray.dz - e * (a * du + b * dv + q * (u0 * dv + v0 * du));
  const double C = za - e * (h00 + a * u0 + b * v0 + q * u0 * v0);
  const double len = tb - ta;
  auto fn = [&](double s) { return (A * s + B) * s + C; };
  if (C <= 0.0 || std::max(za, zb) < lo) return ta;  // starts on or below the surface

  double best = kInf;
  const double scale = std::abs(B) + std::abs(C) + 1e-300;
  if (std::abs(A) * std::max(len, 1.0) < 1e-12 * scale) {
    if (B != 0.0) best = -C / B;
  } else {
    const double disc = B * B - 4.0 * A * C;
    if (disc >= 0.0) {
      // Numerically stable pair of roots.
      const double qq = -0.5 * (B + std::copysign(std::sqrt(disc), B));
      const double r1 = qq / A, r2 = qq != 0.0 ? C / qq : kInf;
      for (double s : {r1, r2})
        if (s >= 0.0 && s <= len) best = std::min(best, s);
    }
  }
  if (best >= 0.0 && best <= len) return ta + best;
  if (fn(len) > 0.0) return -1.0;  // above at both ends and no root inside
  double s0 = 0.0, s1 = len;       // rounding lost the root: bisect the sign change
  for (int i = 0; i < 60; ++i) {
    const double m = 0.5 * (s0 + s1);
    (fn(m) > 0.0 ? s0 : s1) = m;
  }
  return ta + s1;
}

// [t0, t1] where x + t*dx lies in [lo, hi]; false if never.
bool clipSlab(double x, double dx, double lo, double hi, double& t0, double& t1) {
  if (dx == 0.0) return x >= lo && x <= hi;
  double ta = (lo - x) / dx, tb = (hi - x) / dx;
  if (ta > tb) std::swap(ta, tb);
  t0 = std::max(t0, ta);
  t1 = std::min(t1, tb);
  return t0 <= t1;
}

}  // namespace

std::optional<glm::dvec3> intersectRay(const HeightField& field, glm::dvec3 origin, glm::dvec3 direction,
                                       double exaggeration, double maxDistance) {
  const HeightBlockRanges* blocks = field.blockRanges();
  const double len = glm::length(direction);
  auto finite3 = [](glm::dvec3 v) { return std::isfinite(v.x) && std::isfinite(v.y) && std::isfinite(v.z); };
  const bool finite = finite3(origin) && finite3(direction) && std::isfinite(len);
  if (!blocks || !finite || !(len > 0.0) || !(exaggeration > 0.0) || std::isnan(maxDistance)) return std::nullopt;
  const glm::dvec3 d = direction / len;
  const double e = exaggeration, cs = field.cellSize();
  Ray ray;
  ray.g0 = field.toGrid({origin.x, origin.y});
  ray.dg = {d.x / cs, -d.y / cs};  // rows run south
  ray.z0 = origin.z;
  ray.dz = d.z;

  double t0 = 0.0, t1 = maxDistance;
  const int W = field.width(), H = field.height();
  if (!clipSlab(ray.g0.x, ray.dg.x, 0.0, W - 1, t0, t1) || !clipSlab(ray.g0.y, ray.dg.y, 0.0, H - 1, t0, t1))
    return std::nullopt;
  // Above the highest sample the ray cannot hit; once below the lowest it already has.
  const double top = field.maxHeight() * e, bottom = field.minHeight() * e;
  if (ray.dz < 0.0) {
    t0 = std::max(t0, (ray.z0 - top) / -ray.dz);
    // Reach a little below the lowest sample: rounding can leave the ray a hair above ground
    // that lies exactly at the minimum (a flat sea), and the clip must not cut that hit off.
    const double slack = 1e-6 * (1.0 + std::abs(bottom));
    t1 = std::min(t1, (ray.z0 - bottom + slack) / -ray.dz);
  } else if (ray.dz > 0.0) {
    t1 = std::min(t1, (top - ray.z0) / ray.dz);
  } else if (ray.z0 > top) {
    return std::nullopt;
  }
  if (t0 > t1) return std::nullopt;

  constexpr int kB = HeightBlockRanges::kBlockCells;
  double hit = -1.0;
  walkCells(ray.g0 / double(kB), ray.dg / double(kB), t0, t1, blocks->blocksX, blocks->blocksY,
            [&](int bx, int by, double ta, double tb) {
              const double blockTop = blocks->at(bx, by).y * e;
              if (std::min(ray.z(ta), ray.z(tb)) > blockTop + 1e-6 * (1.0 + std::abs(blockTop))) return false;
              return walkCells(ray.g0, ray.dg, ta, tb, W - 1, H - 1, [&](int c, int r, double ca, double cb) {
                hit = hitInCell(field, ray, e, c, r, ca, cb);
                return hit >= 0.0;
              });
            });
  if (hit < 0.0) return std::nullopt;
  return origin + d * hit;
}

}  // namespace tb::terrain
