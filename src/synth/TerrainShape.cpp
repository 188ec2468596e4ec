// The shape of the synthetic Kyongsong terrain. A coarse (40 m) grid gets the large forms: a shelf
// deepening offshore, an alluvial plain widest around the river confluence, the Hamgyong Mountains
// rising west and south-west (ridged multifractal noise, domain-warped and stretched so spurs run
// toward the sea), guide valleys for the Kwonmachon, the Onphochon and a small stream meeting at
// the town's assumed position, then fluvial-erosion passes. The output grid samples it bicubically
// and adds fine detail; land/sea there comes from the shoreline at full resolution.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "core/Error.h"
#include "synth/DistanceField.h"
#include "synth/Drainage.h"
#include "synth/HashNoise.h"
#include "synth/KyongsongSynth.h"
#include "synth/LandMask.h"
#include "synth/ParallelRows.h"

namespace tb::synth {
namespace {

constexpr double kCoarseCell = 80;       // erosion grid (m), the same whatever the output cell
constexpr double kTargetTop = 1860;      // highest summit after erosion (m)
constexpr double kPlainTop = 60;         // the plain rises to about this at its inland edge
constexpr int kErosionPasses = 10;
constexpr double kErosionStrength = 0.15;
// Where the rivers meet. The brief gives no position for the town; this is our assumption,
// used only to shape the synthetic terrain (never shown as a site).
constexpr double kConfluenceLon = 129.600, kConfluenceLat = 41.576;

struct LonLat {
  double lon, lat;
};

// Guide valleys, downstream end first. Invented courses for a synthetic landscape: the brief
// names the rivers and says they meet at Kyongsong, nothing more.
const std::vector<LonLat> kLowerRiver = {{129.668, 41.571}, {129.640, 41.573}, {129.618, 41.575},
                                         {kConfluenceLon, kConfluenceLat}};
const std::vector<std::vector<LonLat>> kTributaries = {
    // "Kwonmachon": from the south-west mountains.
    {{kConfluenceLon, kConfluenceLat}, {129.575, 41.566}, {129.548, 41.549}, {129.515, 41.531}, {129.480, 41.506},
     {129.445, 41.481}, {129.405, 41.462}},
    // "Onphochon": from the north-west, past both hot springs.
    {{kConfluenceLon, kConfluenceLat}, {129.590, 41.592}, {129.579, 41.611}, {129.560, 41.630}, {129.541, 41.647},
     {129.527, 41.659}, {129.505, 41.673}, {129.475, 41.690}, {129.440, 41.712}},
    // A small stream from the north.
    {{kConfluenceLon, kConfluenceLat}, {129.610, 41.595}, {129.617, 41.615}, {129.621, 41.636}},
};

struct Polyline {
  std::vector<glm::dvec2> pts;
  double startChainage = 0;  // metres from the river mouth at pts[0]
};

struct RiverHit {
  double distance = 1e30;
  double chainage = 0;
};

RiverHit nearestRiver(const std::vector<Polyline>& rivers, glm::dvec2 p) {
  RiverHit best;
  for (const auto& r : rivers) {
    double s = r.startChainage;
    for (size_t i = 0; i + 1 < r.pts.size(); ++i) {
      const glm::dvec2 a = r.pts[i], ab = r.pts[i + 1] - a;
      const double len2 = glm::dot(ab, ab), len = std::sqrt(len2);
      const double t = std::clamp(glm::dot(p - a, ab) / len2, 0.0, 1.0);
      const double d = glm::length(p - (a + ab * t));
      if (d < best.distance) best = {d, s + t * len};
      s += len;
    }
  }
  return best;
}

struct Shape {
  glm::dvec2 confluence;
  double confluenceChainage = 0;
  std::vector<Polyline> rivers;
  glm::dvec2 alongCoast, inland;  // unit vectors
};

double plainWidth(const Shape& s, glm::dvec2 p) {
  const glm::dvec2 d = p - s.confluence;
  return 2600 + 4600 * std::exp(-glm::dot(d, d) / (9500.0 * 9500.0));
}

double plainHeight(double coastDist, double width) {
  return 1.0 + (kPlainTop - 5) * std::pow(std::min(coastDist / width, 1.4), 1.3);
}

double valleyHalfWidth(const Shape& s, double chainage) {
  if (chainage < s.confluenceChainage) return 2000;
  return 1300 + 1700 * std::exp(-(chainage - s.confluenceChainage) / 8000.0);
}

// How far into the mountains (0 on the plain, 1 in the high ranges).
double mountainRamp(double coastDist, double width) { return smoothstep(-800, 9000, coastDist - width); }

// The large forms of a land point: the plain's surface, and the mountain relief above it as an
// initial surface and an erodibility for the erosion passes.
struct LandForm {
  double plain = 0, mountain = 0, erodibility = 1, ramp = 0;
};

LandForm landForm(const Shape& s, glm::dvec2 p, double coastDist) {
  LandForm f;
  const double width = plainWidth(s, p);
  f.ramp = mountainRamp(coastDist, width);
  f.plain = plainHeight(coastDist, width) + 1.5 * fbm(p.x / 2500, p.y / 2500, 2, 7u);
  // Rivers measured at a warped position so the guide courses meander instead of running straight.
  const glm::dvec2 pw = p + 700.0 * glm::dvec2(fbm(p.x / 5000, p.y / 5000, 3, 13u), fbm(p.x / 5000 - 3.1, p.y / 5000, 3, 14u));
  const RiverHit river = nearestRiver(s.rivers, pw);
  const double valley = 1.0 - smoothstep(0, valleyHalfWidth(s, river.chainage), river.distance);
  f.erodibility = 1.0 + 1.5 * valley;
  if (f.ramp <= 0) return f;
  const glm::dvec2 rel = p - s.confluence;
  // Higher to the west and south-west, as the brief's "foot of the Hamgyong Mountains" suggests.
  const double westSouth = 0.6 * (-rel.x / 20000) + 0.5 * (-rel.y / 20000);
  const double dir = 0.45 + 0.55 * smoothstep(-0.6, 1.1, westSouth);
  const double massif = 0.75 + 0.35 * fbm(p.x / 26000, p.y / 26000, 2, 11u);
  const double envelope = 2000 * f.ramp * dir * massif;
  // Domain warp, then stretch along the inland direction: spurs and valleys run to the sea.
  const glm::dvec2 q = p + 2200.0 * glm::dvec2(fbm(p.x / 14000, p.y / 14000, 3, 21u),
                                               fbm(p.x / 14000 + 5.2, p.y / 14000 - 1.3, 3, 22u));
  const double u = glm::dot(q, s.inland) / 9000, v = glm::dot(q, s.alongCoast) / 6000;
  const double r = ridged(u, v, 6, 31u);
  const double valleyShape = valley * valley * (3 - 2 * valley);
  f.mountain = envelope * (0.2 + 0.8 * std::pow(r, 1.15)) * (1.0 - 0.75 * valleyShape);
  return f;
}

double seaHeight(glm::dvec2 p, double coastDist) {
  const double off = -coastDist;  // metres offshore
  const double h = -(1.5 + 98.0 * (1.0 - std::exp(-off / 5500.0))) + 2.5 * fbm(p.x / 3000, p.y / 3000, 3, 41u);
  return std::min(h, -0.8);
}

// Catmull-Rom bicubic sample of a grid at fractional cell coordinates (clamped at the edges).
double bicubic(const std::vector<float>& g, int w, int h, double fx, double fy) {
  const int x1 = static_cast<int>(std::floor(fx)), y1 = static_cast<int>(std::floor(fy));
  const double tx = fx - x1, ty = fy - y1;
  auto weights = [](double t, double out[4]) {
    const double t2 = t * t, t3 = t2 * t;
    out[0] = 0.5 * (-t3 + 2 * t2 - t);
    out[1] = 0.5 * (3 * t3 - 5 * t2 + 2);
    out[2] = 0.5 * (-3 * t3 + 4 * t2 + t);
    out[3] = 0.5 * (t3 - t2);
  };
  double wx[4], wy[4];
  weights(tx, wx);
  weights(ty, wy);
  double sum = 0;
  for (int j = 0; j < 4; ++j) {
    const int yy = std::clamp(y1 - 1 + j, 0, h - 1);
    const float* row = g.data() + static_cast<size_t>(yy) * w;
    double rs = 0;
    for (int i = 0; i < 4; ++i) rs += wx[i] * row[std::clamp(x1 - 1 + i, 0, w - 1)];
    sum += wy[j] * rs;
  }
  return sum;
}

double bilinear(const std::vector<float>& g, int w, int h, double fx, double fy) {
  const int x0 = std::clamp(static_cast<int>(std::floor(fx)), 0, w - 2), y0 = std::clamp(static_cast<int>(std::floor(fy)), 0, h - 2);
  const double tx = std::clamp(fx - x0, 0.0, 1.0), ty = std::clamp(fy - y0, 0.0, 1.0);
  const float* r0 = g.data() + static_cast<size_t>(y0) * w;
  const float* r1 = r0 + w;
  const double a = r0[x0] + (r0[x0 + 1] - r0[x0]) * tx, b = r1[x0] + (r1[x0 + 1] - r1[x0]) * tx;
  return a + (b - a) * ty;
}

// Separable box blur of radius r (clamped at the edges), in place.
void boxBlur(std::vector<float>& g, int w, int h, int r) {
  std::vector<float> tmp(g.size());
  const float norm = 1.0f / (2 * r + 1);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      float sum = 0;
      for (int k = -r; k <= r; ++k) sum += g[static_cast<size_t>(y) * w + std::clamp(x + k, 0, w - 1)];
      tmp[static_cast<size_t>(y) * w + x] = sum * norm;
    }
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      float sum = 0;
      for (int k = -r; k <= r; ++k) sum += tmp[static_cast<size_t>(std::clamp(y + k, 0, h - 1)) * w + x];
      g[static_cast<size_t>(y) * w + x] = sum * norm;
    }
}

Shape makeShape(const LonLatProjector& proj) {
  Shape s;
  s.confluence = proj.project(kConfluenceLon, kConfluenceLat);
  // The coast between 41.50 N and 41.67 N runs about 13 degrees east of north.
  s.alongCoast = glm::normalize(proj.project(129.704, 41.670) - proj.project(129.651, 41.500));
  s.inland = {-s.alongCoast.y, s.alongCoast.x};
  auto toPolyline = [&](const std::vector<LonLat>& pts, double start) {
    Polyline p;
    p.startChainage = start;
    for (const auto& ll : pts) p.pts.push_back(proj.project(ll.lon, ll.lat));
    return p;
  };
  s.rivers.push_back(toPolyline(kLowerRiver, 0));
  for (size_t i = 0; i + 1 < s.rivers[0].pts.size(); ++i)
    s.confluenceChainage += glm::length(s.rivers[0].pts[i + 1] - s.rivers[0].pts[i]);
  for (const auto& t : kTributaries) s.rivers.push_back(toPolyline(t, s.confluenceChainage));
  return s;
}

}  // namespace

SynthTerrain buildTerrain(const SynthOptions& options) {
  const LonLatProjector proj(options.crs);
  const auto rings = readLandRings(options.landPath, proj);
  const Shape shape = makeShape(proj);
  const int threads = options.threads;

  SynthTerrain out;
  out.grid = gridForExtent(options);
  const geo::GridSpec& g = out.grid;

  // [SECTION] coarse grid: large forms + erosion. One coarse cell of margin round the output grid.
  geo::GridSpec c = g;
  c.cellSize = kCoarseCell;
  c.originX = g.originX - c.cellSize;
  c.originY = g.originY + c.cellSize;
  c.width = static_cast<int>(std::ceil(g.width * g.cellSize / c.cellSize)) + 2;
  c.height = static_cast<int>(std::ceil(g.height * g.cellSize / c.cellSize)) + 2;
  const auto landC = rasterizeRings(rings, c, threads);
  const auto distC = signedCoastDistance(landC, c.width, c.height, c.cellSize, threads);
  const size_t nc = static_cast<size_t>(c.width) * c.height;
  std::vector<float> plainC(nc, 0.f), hC(nc, 0.f), rampC(nc, 0.f), erodibility(nc, 1.f);
  parallelRows(c.height, threads, [&](int r0, int r1) {
    for (int row = r0; row < r1; ++row)
      for (int col = 0; col < c.width; ++col) {
        const size_t i = static_cast<size_t>(row) * c.width + col;
        if (!landC[i]) continue;
        const LandForm f = landForm(shape, {c.centreX(col), c.centreY(row)}, distC[i]);
        plainC[i] = static_cast<float>(f.plain);
        hC[i] = static_cast<float>(f.mountain);
        rampC[i] = static_cast<float>(f.ramp);
        erodibility[i] = static_cast<float>(f.erodibility);
      }
  });
  // Erosion works on the mountain relief alone (sea = 0); the plain's surface is added back after.
  ErosionParams erosion;
  erosion.passes = kErosionPasses;
  erosion.strength = kErosionStrength;
  erosion.diffusion = 0.15;
  erosion.erodibility = std::move(erodibility);
  const std::vector<float> before = hC;
  const auto area = erodeFluvial(hC, landC, c.width, c.height, c.cellSize, erosion);
  // D8 incision is one cell wide and follows grid lines; blurring what erosion removed turns those
  // gullies into valleys with sloping sides while keeping the network.
  std::vector<float> removed(nc);
  for (size_t i = 0; i < nc; ++i) removed[i] = landC[i] ? before[i] - hC[i] : 0.f;
  boxBlur(removed, c.width, c.height, 1);
  boxBlur(removed, c.width, c.height, 1);
  for (size_t i = 0; i < nc; ++i)
    if (landC[i]) hC[i] = std::max(0.f, before[i] - removed[i]);

  // Rescale the relief so the highest summit is kTargetTop, whatever erosion left.
  // (The one-cell margin, outside the output, is left out: its border cells never erode.)
  size_t topCell = static_cast<size_t>(c.width) + 1;
  for (int row = 1; row + 1 < c.height; ++row)
    for (int col = 1; col + 1 < c.width; ++col) {
      const size_t i = static_cast<size_t>(row) * c.width + col;
      if (hC[i] + plainC[i] > hC[topCell] + plainC[topCell]) topCell = i;
    }
  if (hC[topCell] <= kPlainTop) throw internalError("synth", "no mountains generated (is the land file the right area?)");
  if (std::getenv("TB_SYNTH_DEBUG")) std::fprintf(stderr, "raw relief top %.0f m\n", hC[topCell]);
  const double scale = (kTargetTop - plainC[topCell]) / hC[topCell];
  std::vector<float> logArea(nc, 0.f);
  for (size_t i = 0; i < nc; ++i) {
    hC[i] = static_cast<float>(plainC[i] + std::max(0.f, hC[i]) * scale);
    if (landC[i]) logArea[i] = static_cast<float>(std::log10(area[i]));
  }

  // [SECTION] output grid: full-resolution shoreline, bicubic large forms, fine detail.
  out.land = rasterizeRings(rings, g, threads);
  out.coastDistance = signedCoastDistance(out.land, g.width, g.height, g.cellSize, threads);
  const size_t n = static_cast<size_t>(g.width) * g.height;
  out.heights.assign(n, 0.f);
  out.drainageLog10.assign(n, 0.f);
  parallelRows(g.height, threads, [&](int r0, int r1) {
    for (int row = r0; row < r1; ++row)
      for (int col = 0; col < g.width; ++col) {
        const size_t i = static_cast<size_t>(row) * g.width + col;
        const glm::dvec2 p(g.centreX(col), g.centreY(row));
        const double fx = (p.x - c.originX) / c.cellSize - 0.5, fy = (c.originY - p.y) / c.cellSize - 0.5;
        const double d = out.coastDistance[i];
        if (!out.land[i]) {
          out.heights[i] = static_cast<float>(seaHeight(p, d));
          continue;
        }
        double h = bicubic(hC, c.width, c.height, fx, fy);
        const double ramp = bilinear(rampC, c.width, c.height, fx, fy);
        if (ramp > 0.01) {
          // Fine relief: strongest on high ground, absent from valley floors (drainage area large).
          const double la = bilinear(logArea, c.width, c.height, fx, fy);
          const double channel = smoothstep(5.5, 7.0, la);
          const double amp = 26.0 * ramp * (1.0 - 0.8 * channel);
          h += amp * fbm(p.x / 420, p.y / 420, 4, 51u);
        }
        // Land stays above sea level; the last metres before the shore form a beach slope.
        h = std::max(h, 0.3 + std::min(d, 300.0) * 0.004);
        out.heights[i] = static_cast<float>(h);
        out.drainageLog10[i] = static_cast<float>(bilinear(logArea, c.width, c.height, fx, fy));
      }
  });

  size_t best = 0;
  for (size_t i = 1; i < n; ++i)
    if (out.heights[i] > out.heights[best]) best = i;
  out.mountainTop = out.heights[best];
  out.mountainTopX = g.centreX(static_cast<int>(best % g.width));
  out.mountainTopY = g.centreY(static_cast<int>(best / g.width));
  return out;
}

}  // namespace tb::synth
