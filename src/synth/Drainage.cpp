// Priority-flood routing + implicit stream-power incision. Single-threaded by nature (a global
// ordering), which is why it runs on the coarse grid.
#include "synth/Drainage.h"

#include <cmath>
#include <cstring>
#include <functional>
#include <queue>

namespace tb::synth {
namespace {

// Order-preserving float -> uint32 so a (height, index) pair packs into one sortable uint64.
std::uint32_t sortableBits(float f) {
  std::uint32_t u;
  std::memcpy(&u, &f, sizeof u);
  return (u & 0x80000000u) ? ~u : (u | 0x80000000u);
}

constexpr int kDx[8] = {-1, 0, 1, -1, 1, -1, 0, 1};
constexpr int kDy[8] = {-1, -1, -1, 0, 0, 1, 1, 1};

struct Routing {
  std::vector<int> receiver;  // self for outlets
  std::vector<int> order;     // downstream first
};

Routing route(const std::vector<float>& hgt, const std::vector<std::uint8_t>& land, int w, int h) {
  const size_t n = static_cast<size_t>(w) * h;
  Routing r;
  r.receiver.assign(n, -1);
  r.order.reserve(n);
  std::vector<float> filled(hgt);
  std::priority_queue<std::uint64_t, std::vector<std::uint64_t>, std::greater<>> open;
  auto push = [&](size_t i) { open.push((std::uint64_t(sortableBits(filled[i])) << 32) | std::uint64_t(i)); };
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      const size_t i = static_cast<size_t>(y) * w + x;
      const bool border = x == 0 || y == 0 || x == w - 1 || y == h - 1;
      if (!land[i]) {
        r.receiver[i] = static_cast<int>(i);  // sea: never routed further, never eroded
        bool coastal = false;
        for (int k = 0; k < 8 && !coastal; ++k) {
          const int nx = x + kDx[k], ny = y + kDy[k];
          coastal = nx >= 0 && ny >= 0 && nx < w && ny < h && land[static_cast<size_t>(ny) * w + nx];
        }
        if (coastal) push(i);
      } else if (border) {
        r.receiver[i] = static_cast<int>(i);
        push(i);
      }
    }
  while (!open.empty()) {
    const size_t c = static_cast<size_t>(open.top() & 0xffffffffu);
    open.pop();
    r.order.push_back(static_cast<int>(c));
    const int cx = static_cast<int>(c % w), cy = static_cast<int>(c / w);
    for (int k = 0; k < 8; ++k) {
      const int nx = cx + kDx[k], ny = cy + kDy[k];
      if (nx < 0 || ny < 0 || nx >= w || ny >= h) continue;
      const size_t nb = static_cast<size_t>(ny) * w + nx;
      if (r.receiver[nb] != -1) continue;
      r.receiver[nb] = static_cast<int>(c);  // provisional: the flood parent
      // Pits are filled just above their spill point so their water still finds the way out.
      filled[nb] = std::max(filled[nb], std::nextafter(filled[c], 1e30f));
      push(nb);
    }
  }
  // Steepest descent on the filled surface (the flood parent alone biases flow into parallel
  // diagonal streaks). Receivers are strictly lower there, so the pop order stays downstream-first.
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      const size_t i = static_cast<size_t>(y) * w + x;
      if (r.receiver[i] == static_cast<int>(i)) continue;
      double best = 0;
      for (int k = 0; k < 8; ++k) {
        const int nx = x + kDx[k], ny = y + kDy[k];
        if (nx < 0 || ny < 0 || nx >= w || ny >= h) continue;
        const size_t nb = static_cast<size_t>(ny) * w + nx;
        const double drop = (filled[i] - filled[nb]) * ((kDx[k] != 0 && kDy[k] != 0) ? 0.70710678 : 1.0);
        if (drop > best) {
          best = drop;
          r.receiver[i] = static_cast<int>(nb);
        }
      }
    }
  return r;
}

// One explicit step of hillslope diffusion on interior land cells (outlets keep their height).
void diffuse(std::vector<float>& hgt, const std::vector<std::uint8_t>& land, int w, int h, double k) {
  std::vector<float> src(hgt);
  for (int y = 1; y < h - 1; ++y)
    for (int x = 1; x < w - 1; ++x) {
      const size_t i = static_cast<size_t>(y) * w + x;
      if (!land[i]) continue;
      const double avg = 0.25 * (src[i - 1] + src[i + 1] + src[i - w] + src[i + w]);
      hgt[i] = static_cast<float>(src[i] + k * (avg - src[i]));
    }
}

}  // namespace

std::vector<float> erodeFluvial(std::vector<float>& heights, const std::vector<std::uint8_t>& land, int w, int h,
                                double cell, const ErosionParams& params) {
  const size_t n = static_cast<size_t>(w) * h;
  std::vector<float> area(n);
  for (int pass = 0; pass < params.passes; ++pass) {
    const Routing r = route(heights, land, w, h);
    std::fill(area.begin(), area.end(), static_cast<float>(cell * cell));
    for (auto it = r.order.rbegin(); it != r.order.rend(); ++it) {
      const int c = *it, rc = r.receiver[c];
      if (rc != c && rc >= 0) area[rc] += area[c];
    }
    for (const int c : r.order) {
      const int rc = r.receiver[c];
      if (rc == c || rc < 0 || !land[c]) continue;
      const int dx = c % w - rc % w, dy = c / w - rc / w;
      const double dist = cell * ((dx != 0 && dy != 0) ? 1.41421356 : 1.0);
      double k = params.strength;
      if (!params.erodibility.empty()) k *= params.erodibility[c];
      const double f = k * std::pow(static_cast<double>(area[c]), params.areaExponent) / dist;
      // Rivers reach the sea at sea level, not at the depth of the first sea cell.
      const double hr = land[rc] ? heights[rc] : std::max(heights[rc], 0.5f);
      double hc = heights[c] + (params.uplift.empty() ? 0.0 : params.uplift[c]);
      // Implicit update: stable for any step; cells in filled pits only rise toward the spill point.
      hc = (hc + f * hr) / (1.0 + f);
      heights[c] = static_cast<float>(hc);
    }
    if (params.diffusion > 0) diffuse(heights, land, w, h, params.diffusion);
  }
  return area;
}

}  // namespace tb::synth
