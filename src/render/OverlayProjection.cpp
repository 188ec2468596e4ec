// Projection maths shared by the overlay passes (see OverlayProjection.h).
#include "render/OverlayProjection.h"

#include <algorithm>
#include <cmath>

#include "render/FrameContext.h"
#include "world/World.h"

namespace tb::render {
namespace {

glm::dvec2 tileNdc(const FrameContext& ctx, glm::dvec2 px) {
  return {(px.x - ctx.tileX) / ctx.tileWidth * 2.0 - 1.0, 1.0 - (px.y - ctx.tileY) / ctx.tileHeight * 2.0};
}

double terrainZ(const FrameContext& ctx, glm::dvec2 xy) {
  const auto& hf = ctx.world.heights;
  if (hf.width() == 0 || !hf.contains(xy)) return 0.0;  // outside the DEM: sea level
  return hf.sample(xy) * ctx.settings.exaggeration;
}

std::optional<glm::dvec3> rayPlane(const Ray& ray, double z) {
  if (std::abs(ray.dir.z) < 1e-12) return std::nullopt;
  const double t = (z - ray.origin.z) / ray.dir.z;
  if (t <= 0) return std::nullopt;
  return ray.origin + ray.dir * t;
}

}  // namespace

ImagePoint projectToImage(const FrameContext& ctx, const glm::dvec3& p) {
  const glm::dvec4 clip = ctx.viewProj * glm::dvec4(p, 1.0);
  ImagePoint out;
  out.inFront = clip.w > 1e-9;
  if (!out.inFront) return out;
  const glm::dvec3 ndc = glm::dvec3(clip) / clip.w;
  out.px = {ctx.tileX + (ndc.x * 0.5 + 0.5) * ctx.tileWidth, ctx.tileY + (0.5 - ndc.y * 0.5) * ctx.tileHeight};
  out.ndcZ = ndc.z;
  return out;
}

glm::dvec3 pulledTowardEye(const FrameContext& ctx, const glm::dvec3& p, double fraction) {
  return p + (ctx.settings.camera.eye - p) * fraction;
}

Ray pixelRay(const FrameContext& ctx, glm::dvec2 px) {
  const glm::dmat4 inv = glm::inverse(ctx.viewProj);
  const glm::dvec2 ndc = tileNdc(ctx, px);
  glm::dvec4 a = inv * glm::dvec4(ndc, -1.0, 1.0), b = inv * glm::dvec4(ndc, 1.0, 1.0);
  const glm::dvec3 nearP = glm::dvec3(a) / a.w, farP = glm::dvec3(b) / b.w;
  return {ctx.settings.camera.eye, glm::normalize(farP - nearP)};
}

namespace {
// Distance along the ray to the first terrain crossing before maxT. Marches with a step that grows
// with distance (the error allowed on screen grows the same way), then bisects the crossing.
std::optional<double> firstTerrainHit(const FrameContext& ctx, const Ray& ray, double maxT) {
  const auto above = [&](double t) {
    const glm::dvec3 p = ray.origin + ray.dir * t;
    return p.z > terrainZ(ctx, glm::dvec2(p));
  };
  if (!above(0.0)) return 0.0;
  const double cell = ctx.world.heights.width() ? ctx.world.heights.cellSize() : 10.0;
  double t0 = 0.0;
  for (double t = cell; t0 < maxT; t += std::max(cell, t * 0.004)) {
    t = std::min(t, maxT);
    if (!above(t)) {
      double lo = t0, hi = t;
      for (int i = 0; i < 40; ++i) {
        const double mid = 0.5 * (lo + hi);
        (above(mid) ? lo : hi) = mid;
      }
      return hi;
    }
    t0 = t;
  }
  return std::nullopt;
}
}  // namespace

std::optional<glm::dvec3> groundUnderPixel(const FrameContext& ctx, glm::dvec2 px) {
  const Ray ray = pixelRay(ctx, px);
  if (const auto t = firstTerrainHit(ctx, ray, std::min(ctx.farZ, 2.0e6))) return ray.origin + ray.dir * *t;
  return rayPlane(ray, 0.0);
}

bool terrainHidesAlongPixel(const FrameContext& ctx, glm::dvec2 px, double distance) {
  return firstTerrainHit(ctx, pixelRay(ctx, px), distance).has_value();
}

double metresPerPixelAtCentre(const FrameContext& ctx) {
  const glm::dvec2 c(ctx.fullWidth * 0.5, ctx.fullHeight * 0.5);
  const auto ground = groundUnderPixel(ctx, c);
  if (!ground) return 0.0;
  const double d = 4.0;
  const auto a = rayPlane(pixelRay(ctx, c - glm::dvec2(d, 0)), ground->z);
  const auto b = rayPlane(pixelRay(ctx, c + glm::dvec2(d, 0)), ground->z);
  if (!a || !b) return 0.0;
  return glm::length(glm::dvec2(*b) - glm::dvec2(*a)) / (2.0 * d);
}

double metresPerPixelAt(const FrameContext& ctx, const glm::dvec3& p) {
  const double depth = -(ctx.view * glm::dvec4(p, 1.0)).z;
  return 2.0 * std::max(depth, 0.0) * std::tan(glm::radians(ctx.settings.camera.fovYDeg) * 0.5) /
         std::max(1, ctx.fullHeight);
}

float overlayScale(const FrameContext& ctx) {
  const float fit = std::max(0.55f, static_cast<float>(std::min(ctx.fullWidth, ctx.fullHeight)) / 600.0f);
  return std::min(ctx.uiScale, fit);
}

PinGeometry pinGeometry(const FrameContext& ctx, const glm::dvec3& anchorLocal, bool emphasised) {
  const double ui = overlayScale(ctx);
  const glm::dvec3 anchor(anchorLocal.x, anchorLocal.y, anchorLocal.z * ctx.settings.exaggeration);
  PinGeometry pin;
  pin.base = projectToImage(ctx, pulledTowardEye(ctx, anchor, 2.0 * kOverlayDepthPull));
  pin.visible = pin.base.inFront;
  // Screen-space stem straight up: the same length and legibility from any pitch.
  const double stem = std::max(14.0, (emphasised ? 46.0 : 36.0) * ui);
  pin.radiusPx = std::max(4.0, (emphasised ? 9.5 : 7.0) * ui);
  pin.head = pin.base;
  pin.head.px.y -= stem;
  return pin;
}

}  // namespace tb::render
