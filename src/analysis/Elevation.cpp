// The elevation query (see Elevation.h): one code path for in-memory and streamed worlds.
#include "analysis/Elevation.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "core/Error.h"
#include "world/TerrainStream.h"
#include "world/World.h"

namespace tb::analysis {
namespace {

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();
constexpr long long kMaxWindowSamples = 256LL << 20;  // 1 GiB of floats: a request that large is a bug

}  // namespace

Elevation::Elevation(const world::World& world) : world_(world) {
  if (world.stream) {
    lo_ = world.stream->dataLo();
    hi_ = world.stream->dataHi();
    lattice_ = world.stream->layout().rootNW;
  } else {
    const auto& hf = world.heights;
    if (hf.width() < 2) throw Error("elevation", "the world has no heights");
    lattice_ = hf.originNW();
    lo_ = hf.position(0, hf.height() - 1);
    hi_ = hf.position(hf.width() - 1, 0);
  }
}

double Elevation::nativeCellSize() const {
  if (world_.stream) return world_.stream->layout().cellSize(world_.stream->demDepth());
  return world_.heights.cellSize();
}

bool Elevation::contains(glm::dvec2 p) const { return p.x >= lo_.x && p.x <= hi_.x && p.y >= lo_.y && p.y <= hi_.y; }

std::optional<double> Elevation::heightAt(glm::dvec2 local) const {
  if (!contains(local)) return std::nullopt;
  if (world_.stream) return world_.stream->nativeHeight(local);
  return world_.heights.sample(local);
}

HeightWindow Elevation::readWindow(glm::dvec2 lo, glm::dvec2 hi, double cell) const {
  const double native = nativeCellSize();
  const bool onLattice = cell <= 0 || std::abs(cell - native) < 1e-9 * native;
  if (cell <= 0) cell = native;
  HeightWindow w;
  w.cell = cell;
  if (onLattice) {
    // Sample positions lattice + k*cell enclosing [lo, hi] (a hair of slack against rounding).
    const double eps = 1e-6;
    const double c0 = std::floor((lo.x - lattice_.x) / cell + eps), c1 = std::ceil((hi.x - lattice_.x) / cell - eps);
    const double r0 = std::floor((lattice_.y - hi.y) / cell + eps), r1 = std::ceil((lattice_.y - lo.y) / cell - eps);
    w.westEdge = lattice_.x + (c0 - 0.5) * cell;
    w.northEdge = lattice_.y - (r0 - 0.5) * cell;
    w.width = static_cast<int>(c1 - c0) + 1;
    w.height = static_cast<int>(r1 - r0) + 1;
  } else {
    w.westEdge = lo.x;
    w.northEdge = hi.y;
    w.width = std::max(1, static_cast<int>(std::ceil((hi.x - lo.x) / cell)));
    w.height = std::max(1, static_cast<int>(std::ceil((hi.y - lo.y) / cell)));
  }
  if (static_cast<long long>(w.width) * w.height > kMaxWindowSamples)
    throw Error("elevation", fmt::format("a {} x {} window is too large to read", w.width, w.height));
  w.heights.assign(static_cast<std::size_t>(w.width) * w.height, kNaN);
  if (world_.stream) {
    world_.stream->sources().readHeights({w.westEdge, w.northEdge, w.cell, w.width, w.height}, w.heights.data());
    // Sources may answer a little beyond the data box; outside it there is no data.
    for (int r = 0; r < w.height; ++r)
      for (int c = 0; c < w.width; ++c)
        if (!contains(w.centre(c, r))) w.heights[static_cast<std::size_t>(r) * w.width + c] = kNaN;
    return w;
  }
  const auto& hf = world_.heights;
  if (onLattice) {
    const glm::dvec2 g = hf.toGrid(w.centre(0, 0));
    const int col0 = static_cast<int>(std::lround(g.x)), row0 = static_cast<int>(std::lround(g.y));
    for (int r = 0; r < w.height; ++r) {
      const int hr = row0 + r;
      if (hr < 0 || hr >= hf.height()) continue;
      for (int c = 0; c < w.width; ++c) {
        const int hc = col0 + c;
        if (hc >= 0 && hc < hf.width()) w.heights[static_cast<std::size_t>(r) * w.width + c] = hf.at(hc, hr);
      }
    }
    return w;
  }
  for (int r = 0; r < w.height; ++r)
    for (int c = 0; c < w.width; ++c) {
      const glm::dvec2 p = w.centre(c, r);
      if (contains(p)) w.heights[static_cast<std::size_t>(r) * w.width + c] = static_cast<float>(hf.sample(p));
    }
  return w;
}

std::vector<std::optional<double>> Elevation::heightsAt(const std::vector<glm::dvec2>& points) const {
  std::vector<std::optional<double>> out(points.size());
  if (!world_.stream) {
    for (std::size_t i = 0; i < points.size(); ++i)
      if (contains(points[i])) out[i] = world_.heights.sample(points[i]);
    return out;
  }
  // Runs of points whose box stays within kRunSide native cells share one window read.
  constexpr double kRunSide = 256;
  const double cell = nativeCellSize();
  std::size_t i = 0;
  while (i < points.size()) {
    glm::dvec2 lo = points[i], hi = points[i];
    std::size_t j = i + 1;
    for (; j < points.size(); ++j) {
      const glm::dvec2 nlo = glm::min(lo, points[j]), nhi = glm::max(hi, points[j]);
      if (nhi.x - nlo.x > kRunSide * cell || nhi.y - nlo.y > kRunSide * cell) break;
      lo = nlo, hi = nhi;
    }
    const HeightWindow w = readWindow(lo, hi, cell);
    for (std::size_t k = i; k < j; ++k) {
      if (!contains(points[k])) continue;
      // Bilinear of the four native samples around the point, as TerrainStream::nativeHeight does.
      const double gx = (points[k].x - w.westEdge) / cell - 0.5, gy = (w.northEdge - points[k].y) / cell - 0.5;
      const int c = std::clamp(static_cast<int>(std::floor(gx)), 0, std::max(0, w.width - 2));
      const int r = std::clamp(static_cast<int>(std::floor(gy)), 0, std::max(0, w.height - 2));
      const int c1 = std::min(c + 1, w.width - 1), r1 = std::min(r + 1, w.height - 1);
      const double fx = std::clamp(gx - c, 0.0, 1.0), fy = std::clamp(gy - r, 0.0, 1.0);
      const float h00 = w.at(c, r), h10 = w.at(c1, r), h01 = w.at(c, r1), h11 = w.at(c1, r1);
      if (std::isnan(h00) || std::isnan(h10) || std::isnan(h01) || std::isnan(h11)) continue;
      out[k] = (h00 * (1 - fx) + h10 * fx) * (1 - fy) + (h01 * (1 - fx) + h11 * fx) * fy;
    }
    i = j;
  }
  return out;
}

glm::dvec2 Elevation::toLonLat(glm::dvec2 local) const { return world_.toLonLat(local); }
glm::dvec2 Elevation::toLocal(glm::dvec2 lonLat) const { return world_.toLocal(lonLat.x, lonLat.y); }

}  // namespace tb::analysis
