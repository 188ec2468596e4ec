// World's coordinate conversions (through PROJ, never flat-earth) and the camera poses for saved
// views, sites and the overview. Headings in scene files are from true north; camera poses are
// from grid north, so every conversion adds the local grid convergence.
#include <algorithm>
#include <cmath>

#include "world/World.h"

namespace tb::world {
namespace {

constexpr double kMinEyeAboveGround = 10.0;  // metres: never put a camera into the terrain
constexpr double kSiteRange = 3000.0;
constexpr double kSitePitch = -35.0;
constexpr double kOverviewPitch = -50.0;

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
  if (view.kind == scene::ViewSpec::Kind::LookAt)
    return lookAtPose(glm::dvec3(xy, ground * exaggeration), view.rangeOrHeight, heading, view.pitchDeg);
  // The height is real metres above the datum whatever the exaggeration (which raises the terrain,
  // not the camera); only a camera that would sit in the raised terrain is lifted out of it.
  CameraPose pose;
  pose.eye = glm::dvec3(xy, std::max(view.rangeOrHeight, ground * exaggeration + kMinEyeAboveGround));
  pose.headingDeg = heading;
  pose.pitchDeg = view.pitchDeg;
  return pose;
}

CameraPose World::sitePose(const scene::Site& site, double exaggeration) const {
  const PlacedSite* placed = nullptr;
  for (const PlacedSite& p : sites)
    if (p.site == &site || (p.site && p.site->id == site.id)) placed = &p;
  if (placed && placed->anchor) {
    const glm::dvec3 a = *placed->anchor;
    return lookAtPose(glm::dvec3(a.x, a.y, a.z * exaggeration), kSiteRange, trueNorthBearing({a.x, a.y}), kSitePitch);
  }
  if (placed && !placed->outline.empty()) {
    glm::dvec2 lo(1e300), hi(-1e300);
    for (const auto& part : placed->outline)
      for (const glm::dvec2& p : part) lo = glm::min(lo, p), hi = glm::max(hi, p);
    const glm::dvec2 c = 0.5 * (lo + hi);
    const double range = std::max(kSiteRange, fitRange(hi.x - lo.x, hi.y - lo.y, 40.0));
    return lookAtPose(glm::dvec3(c, heights.sample(c) * exaggeration), range, trueNorthBearing(c), -45.0);
  }
  return overviewPose(exaggeration);  // a note has no place to look at
}

CameraPose World::overviewPose(double exaggeration) const {
  if (const scene::ViewSpec* v = scene.findView("overview")) return viewPose(*v, exaggeration);
  const double w = heights.cellSize() * (heights.width() - 1), h = heights.cellSize() * (heights.height() - 1);
  const glm::dvec2 nw = heights.originNW();
  const glm::dvec2 c(nw.x + 0.5 * w, nw.y - 0.5 * h);
  // From the south, so that north is up on screen; the ground plane is foreshortened by the pitch.
  const double range = fitRange(w, h * std::sin(glm::radians(-kOverviewPitch)), 40.0);
  return lookAtPose(glm::dvec3(c, heights.sample(c) * exaggeration), range, 0.0, kOverviewPitch);
}

}  // namespace tb::world
