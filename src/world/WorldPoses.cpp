// World's coordinate conversions (through PROJ, never flat-earth) and the camera poses for saved
// views, sites and the overview. Headings in scene files are from true north; camera poses are
// from grid north, so every conversion adds the local grid convergence.
#include <algorithm>
#include <cmath>
#include <vector>

#include "world/World.h"

namespace tb::world {
namespace {

constexpr double kMinEyeAboveGround = 10.0;  // metres: never put a camera into the terrain
constexpr double kSiteRange = 3000.0;
constexpr double kSitePitch = -35.0;
constexpr double kOverviewPitch = -50.0;
constexpr double kOverviewFill = 0.9;  // the extent's edges stay within this much of the frame (NDC): a visible margin

double fitRange(double width, double height, double fovYDeg) {
  // Far enough that the larger side fills the frame (landscape frames: 16:9 assumed, with margin).
  const double halfFov = glm::radians(fovYDeg) * 0.5;
  const double side = std::max(height, width / (16.0 / 9.0));
  return 0.6 * side / std::tan(halfFov);
}

}  // namespace

bool World::anySynthetic() const {
  return demSynthetic || std::any_of(imagery.begin(), imagery.end(), [](const ImageryLayer& l) { return l.raster.synthetic; });
}

glm::dvec2 World::toLocal(double lonDeg, double latDeg) const {
  return projection->toProjected(lonDeg, latDeg) - originProjected;
}

glm::dvec2 World::toLonLat(glm::dvec2 local) const { return projection->toLonLat(local + originProjected); }

double World::trueNorthBearing(glm::dvec2 local) const {
  const glm::dvec2 ll = toLonLat(local);
  const double northLat = std::min(ll.y + 100.0 / 111320.0, 89.9999);  // ~100 m north
  const glm::dvec2 d = toLocal(ll.x, northLat) - local;
  return glm::degrees(std::atan2(d.x, d.y));
}

CameraPose World::viewPose(const scene::ViewSpec& view, double exaggeration) const {
  const glm::dvec2 xy = toLocal(view.lon, view.lat);
  const double ground = heights.sample(xy);
  const double heading = view.headingDeg + trueNorthBearing(xy);
  const double fov = scene.render.fovDeg;
  if (view.kind == scene::ViewSpec::Kind::LookAt)
    return lookAtPose(glm::dvec3(xy, ground * exaggeration), view.rangeOrHeight, heading, view.pitchDeg, fov);
  // The height is real metres above the datum whatever the exaggeration (which raises the terrain,
  // not the camera); only a camera that would sit in the raised terrain is lifted out of it.
  CameraPose pose;
  pose.eye = glm::dvec3(xy, std::max(view.rangeOrHeight, ground * exaggeration + kMinEyeAboveGround));
  pose.headingDeg = heading;
  pose.pitchDeg = view.pitchDeg;
  pose.fovYDeg = fov;
  return pose;
}

CameraPose World::sitePose(const scene::Site& site, double exaggeration) const {
  const PlacedSite* placed = nullptr;
  for (const PlacedSite& p : sites)
    if (p.site == &site || (p.site && p.site->id == site.id)) placed = &p;
  if (placed && placed->anchor) {
    const glm::dvec3 a = *placed->anchor;
    return lookAtPose(glm::dvec3(a.x, a.y, a.z * exaggeration), kSiteRange, trueNorthBearing({a.x, a.y}), kSitePitch,
                      scene.render.fovDeg);
  }
  if (placed && !placed->outline.empty()) {
    glm::dvec2 lo(1e300), hi(-1e300);
    for (const auto& part : placed->outline)
      for (const glm::dvec2& p : part) lo = glm::min(lo, p), hi = glm::max(hi, p);
    const glm::dvec2 c = 0.5 * (lo + hi);
    const double range = std::max(kSiteRange, fitRange(hi.x - lo.x, hi.y - lo.y, scene.render.fovDeg));
    return lookAtPose(glm::dvec3(c, heights.sample(c) * exaggeration), range, trueNorthBearing(c), -45.0,
                      scene.render.fovDeg);
  }
  return overviewPose(exaggeration);  // a note has no place to look at
}

CameraPose World::overviewPose(double exaggeration) const {
  if (const scene::ViewSpec* v = scene.findView("overview")) return viewPose(*v, exaggeration);
  const double w = heights.cellSize() * (heights.width() - 1), h = heights.cellSize() * (heights.height() - 1);
  const glm::dvec2 nw = heights.originNW();
  const glm::dvec2 c(nw.x + 0.5 * w, nw.y - 0.5 * h);
  const double fov = scene.render.fovDeg;
  const glm::dvec3 target(c, heights.sample(c) * exaggeration);
  // From the south, so that north is up on screen. Perspective makes the near (south) edge look
  // wider than the far one, so a range from the extent's size alone cut the south edge off: the
  // range is the smallest at which the edges' corners and midpoints all lie inside a 16:9 frame.
  std::vector<glm::dvec3> edge;
  for (double fx : {0.0, 0.5, 1.0})
    for (double fy : {0.0, 0.5, 1.0}) {
      const glm::dvec2 p(nw.x + fx * w, nw.y - fy * h);
      edge.emplace_back(p, heights.sample(p) * exaggeration);
    }
  auto fits = [&](double range) {
    const CameraPose pose = lookAtPose(target, range, 0.0, kOverviewPitch, fov);
    const glm::dmat4 m = perspectiveMatrix(fov, 16, 9, 1.0, 1e8) * pose.viewMatrix();
    for (const glm::dvec3& p : edge) {
      const glm::dvec4 clip = m * glm::dvec4(p, 1.0);
      if (clip.w <= 0.0 || std::abs(clip.x / clip.w) > kOverviewFill || std::abs(clip.y / clip.w) > kOverviewFill)
        return false;
    }
    return true;
  };
  double lo = 0.0, hi = fitRange(w, h * std::sin(glm::radians(-kOverviewPitch)), fov);
  for (int i = 0; i < 60 && !fits(hi); ++i) lo = hi, hi *= 1.5;
  for (int i = 0; i < 40; ++i) {
    const double mid = 0.5 * (lo + hi);
    (fits(mid) ? hi : lo) = mid;
  }
  return lookAtPose(target, hi, 0.0, kOverviewPitch, fov);
}

}  // namespace tb::world
