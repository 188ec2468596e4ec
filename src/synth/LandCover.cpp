// Synthetic land-cover imagery from the synthetic terrain: sea (deep to shallow blues, surf at the
// shore), a sandy beach strip, a patchwork of fields on the plain and on flat valley floors,
// forested slopes, bare rock on the high and steep ground, and hillshade (sun in the north-west)
// baked in so it reads as a landscape at a glance.
#include <algorithm>
#include <cmath>

#include "synth/HashNoise.h"
#include "synth/KyongsongSynth.h"
#include "synth/ParallelRows.h"

namespace tb::synth {
namespace {

struct Rgb {
  double r, g, b;
};
Rgb mix(Rgb a, Rgb b, double t) { return {a.r + (b.r - a.r) * t, a.g + (b.g - a.g) * t, a.b + (b.b - a.b) * t}; }
Rgb scale(Rgb a, double s) { return {a.r * s, a.g * s, a.b * s}; }

constexpr Rgb kDeepSea{16, 44, 82}, kShallowSea{52, 118, 138}, kSurf{178, 200, 198};
constexpr Rgb kSand{204, 190, 150}, kRock{126, 116, 100}, kScree{150, 142, 128};
constexpr Rgb kForestDark{34, 60, 31}, kForestLight{60, 88, 44}, kScrub{96, 108, 62}, kRoad{172, 164, 146};
constexpr Rgb kFields[7] = {{104, 128, 72}, {86, 112, 60}, {128, 140, 84}, {148, 130, 98},
                            {126, 108, 80}, {168, 156, 108}, {74, 98, 56}};

// A patchwork of fields: blocks between farm roads, split into strips 45-105 m wide.
Rgb fieldColour(double x, double y, double* roadOut) {
  const double a = 13.0 * 3.14159265 / 180;  // the coast's bearing, so fields line up with it
  const double u = x * std::cos(a) - y * std::sin(a), v = x * std::sin(a) + y * std::cos(a);
  const double bu = 430, bv = 310;
  const double fu = std::floor(u / bu), fv = std::floor(v / bv);
  const auto iu = static_cast<std::int32_t>(fu), iv = static_cast<std::int32_t>(fv);
  const double lu = u - fu * bu, lv = v - fv * bv;
  const double edge = std::min({lu, bu - lu, lv, bv - lv});
  *roadOut = 1.0 - smoothstep(2.0, 7.0, edge);
  // Strips within a block run either way.
  const bool across = hashUnit(iu, iv, 3u) < 0.5;
  const double strip = 45 + 60 * hashUnit(iu, iv, 4u);
  const auto is = static_cast<std::int32_t>(std::floor((across ? lu : lv) / strip));
  const double pick = hashUnit(iu * 97 + is, iv * 89 - is, 5u);
  Rgb c = kFields[static_cast<int>(pick * 7) % 7];
  const double lstrip = (across ? lu : lv) - is * strip;
  const double bund = 1.0 - smoothstep(0.5, 3.0, std::min(lstrip, strip - lstrip));
  c = mix(c, scale(c, 0.8), bund * 0.6);
  return c;
}

}  // namespace

std::vector<std::uint8_t> paintImagery(const SynthTerrain& t, int threads) {
  const auto& g = t.grid;
  const int w = g.width, h = g.height;
  std::vector<std::uint8_t> rgb(static_cast<size_t>(w) * h * 3);
  const double sunAz = 315 * 3.14159265 / 180, sunAlt = 40 * 3.14159265 / 180;
  const double lx = std::sin(sunAz) * std::cos(sunAlt), ly = std::cos(sunAz) * std::cos(sunAlt), lz = std::sin(sunAlt);
  parallelRows(h, threads, [&](int r0, int r1) {
    for (int row = r0; row < r1; ++row) {
      const float* hn = t.heights.data() + static_cast<size_t>(std::max(row - 1, 0)) * w;
      const float* hc = t.heights.data() + static_cast<size_t>(row) * w;
      const float* hs = t.heights.data() + static_cast<size_t>(std::min(row + 1, h - 1)) * w;
      for (int col = 0; col < w; ++col) {
        const size_t i = static_cast<size_t>(row) * w + col;
        const double x = g.centreX(col), y = g.centreY(row);
        const double z = hc[col], d = t.coastDistance[i];
        const int cw = std::max(col - 1, 0), ce = std::min(col + 1, w - 1);
        Rgb c;
        if (!t.land[i]) {
          const double depth = smoothstep(0, 70, -z);
          c = mix(kShallowSea, kDeepSea, std::pow(depth, 0.7));
          if (-d < 45) c = mix(c, kSurf, 0.55 * (1.0 - smoothstep(0, 30 + 10 * fbm(x / 80, y / 80, 2, 61u), -d)));
          c = scale(c, 1.0 + 0.03 * fbm(x / 400, y / 400, 2, 62u));
        } else {
          const double dzdx = (hc[ce] - hc[cw]) / ((ce - cw) * g.cellSize);
          const double dzdy = (hn[col] - hs[col]) / ((std::min(row + 1, h - 1) - std::max(row - 1, 0)) * g.cellSize);
          const double slopeDeg = std::atan(std::sqrt(dzdx * dzdx + dzdy * dzdy)) * 57.2957795;
          // Shading normals use 1.5x relief so mid-slopes still read at overview scale.
          const double ex = 1.5 * dzdx, ey = 1.5 * dzdy;
          const double shade = (-ex * lx - ey * ly + lz) / std::sqrt(ex * ex + ey * ey + 1);

          // Forest with canopy texture, thinning to scrub, meadow and rock with height and steepness.
          const double canopy = 0.5 + 0.5 * fbm(x / 70, y / 70, 3, 71u);
          c = mix(kForestDark, kForestLight, canopy);
          c = scale(c, 0.9 + 0.2 * hashUnit(static_cast<std::int32_t>(x / 12), static_cast<std::int32_t>(y / 12), 72u));
          const double jitter = 110 * fbm(x / 600, y / 600, 3, 73u);
          c = mix(c, kScrub, smoothstep(1050, 1350, z + jitter) * 0.8);
          const double rockW = std::max(smoothstep(1380, 1700, z + jitter), smoothstep(34, 46, slopeDeg));
          if (rockW > 0) c = mix(c, mix(kRock, kScree, 0.5 + 0.5 * fbm(x / 90, y / 90, 2, 74u)), rockW);

          // Fields on the plain and on flat valley floors, fading into scrub at their edge.
          const double flat = 1.0 - smoothstep(2.5, 6.0, slopeDeg);
          const double low = 1.0 - smoothstep(55, 90, z + jitter / 7);
          const double valley = smoothstep(6.2, 7.2, t.drainageLog10[i]) * (1.0 - smoothstep(250, 450, z));
          const double farm = flat * std::max(low, valley);
          if (farm > 0.01) {
            double road = 0;
            Rgb f = fieldColour(x, y, &road);
            f = mix(f, kRoad, road * 0.8);
            c = mix(mix(c, kScrub, 0.4 * farm), f, smoothstep(0.35, 0.8, farm));
          }

          // (No river lines: the 80 m routing grid draws them blocky and broken at 10 m; the
          // valleys themselves carry the drainage in the hillshade.)
          if (d < 80) {
            const double beach = (1.0 - smoothstep(20, 60, d + 15 * fbm(x / 150, y / 150, 2, 76u))) *
                                 (1.0 - smoothstep(4, 8, z));
            c = mix(c, kSand, beach);
          }

          // Hillshade: flat ground keeps its colour, slopes facing the sun brighten, others darken.
          const double light = std::clamp(0.3 + 0.7 * shade / lz, 0.3, 1.35);
          c = scale(c, light);
        }
        std::uint8_t* px = rgb.data() + i * 3;
        px[0] = static_cast<std::uint8_t>(std::clamp(c.r, 0.0, 255.0) + 0.5);
        px[1] = static_cast<std::uint8_t>(std::clamp(c.g, 0.0, 255.0) + 0.5);
        px[2] = static_cast<std::uint8_t>(std::clamp(c.b, 0.0, 255.0) + 0.5);
      }
    }
  });
  return rgb;
}

}  // namespace tb::synth
