// Elevation profile along a polyline at the native resolution (see Profile.h).
#include "analysis/Profile.h"

#include <cmath>
#include <cstdio>
#include <memory>

#include <fmt/format.h>

#include "analysis/Elevation.h"
#include "analysis/Geodesy.h"
#include "core/AtomicFile.h"
#include "core/Error.h"

namespace tb::analysis {

Profile elevationProfile(const Elevation& elevation, const std::vector<glm::dvec2>& path, double spacing) {
  if (path.size() < 2) throw Error("path", "a profile needs at least two points");
  for (std::size_t i = 0; i < path.size(); ++i)
    if (!elevation.contains(path[i])) throw Error(fmt::format("point {}", i + 1), "lies outside the terrain data");
  Profile p;
  p.spacing = spacing > 0 ? spacing : elevation.nativeCellSize();
  std::vector<glm::dvec2> locals{path.front()};
  std::vector<double> distances{0.0};
  double along = 0;
  glm::dvec2 lastLonLat = elevation.toLonLat(path.front());
  std::vector<glm::dvec2> lonLats{lastLonLat};
  for (std::size_t i = 0; i + 1 < path.size(); ++i) {
    const glm::dvec2 a = path[i], b = path[i + 1];
    const double flat = glm::length(b - a);
    if (flat <= 0) continue;  // a repeated vertex adds nothing
    const glm::dvec2 bLonLat = elevation.toLonLat(b);
    const double geodesic = geodesicInverse(lastLonLat, bLonLat).distance;
    const int steps = std::max(1, static_cast<int>(std::ceil(flat / p.spacing - 1e-9)));
    for (int k = 1; k <= steps; ++k) {
      const double t = static_cast<double>(k) / steps;
      locals.push_back(a + (b - a) * t);
      distances.push_back(along + geodesic * t);
      lonLats.push_back(k == steps ? bLonLat : elevation.toLonLat(locals.back()));
    }
    along += geodesic;
    lastLonLat = bLonLat;
  }
  if (along <= 0) throw Error("path", "has zero length (all points are the same)");
  p.length = along;
  const std::vector<std::optional<double>> heights = elevation.heightsAt(locals);
  p.samples.resize(locals.size());
  for (std::size_t i = 0; i < locals.size(); ++i) p.samples[i] = {distances[i], locals[i], lonLats[i], heights[i]};

  double sumRise = 0, sumRun = 0;
  const ProfileSample* prev = nullptr;
  for (const ProfileSample& s : p.samples) {
    if (!s.height) {
      ++p.missing;
      prev = nullptr;  // no slope across a gap
      continue;
    }
    const double h = *s.height;
    p.minHeight = p.minHeight ? std::min(*p.minHeight, h) : h;
    p.maxHeight = p.maxHeight ? std::max(*p.maxHeight, h) : h;
    if (prev) {
      const double dz = h - *prev->height, dd = s.distance - prev->distance;
      (dz > 0 ? p.ascent : p.descent) += std::abs(dz);
      if (dd > 0) {
        p.maxSlope = std::max(p.maxSlope, std::abs(dz) / dd);
        sumRise += std::abs(dz);
        sumRun += dd;
      }
    }
    prev = &s;
  }
  p.meanSlope = sumRun > 0 ? sumRise / sumRun : 0;  // distance-weighted mean of |slope|
  return p;
}

void writeProfileCsv(const Profile& profile, const std::string& path) {
  checkWritableOutput(path);
  AtomicFile out(path);
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(out.tempPath().c_str(), "w"), &std::fclose);
  if (!f) throw Error(path, "cannot be written");
  std::string text = "distance_m,lon,lat,x,y,height_m\n";
  for (const ProfileSample& s : profile.samples) {
    text += fmt::format("{:.2f},{:.7f},{:.7f},{:.2f},{:.2f},", s.distance, s.lonLat.x, s.lonLat.y, s.local.x, s.local.y);
    if (s.height) text += fmt::format("{:.2f}", *s.height);
    text += '\n';
  }
  if (std::fwrite(text.data(), 1, text.size(), f.get()) != text.size() || std::fclose(f.release()) != 0)
    throw Error(path, "cannot be written (disk full?)");
  out.commit();
}

}  // namespace tb::analysis
