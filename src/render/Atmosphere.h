// Sun and haze parameters of a frame, and their uniforms (atmosphere.glsl), shared by the
// terrain and sky passes so the fogged ground meets the sky at the same colour.
#pragma once
#include <algorithm>
#include <cmath>

#include <glm/glm.hpp>

#include "render/FrameContext.h"
#include "render/gl/Program.h"

namespace tb::render {

// Unit vector toward the sun: azimuth clockwise from north, elevation above the horizon.
inline glm::dvec3 sunDirection(double azimuthDeg, double elevationDeg) {
  const double a = glm::radians(azimuthDeg), e = glm::radians(elevationDeg);
  return {std::sin(a) * std::cos(e), std::cos(a) * std::cos(e), std::sin(e)};
}

inline void setAtmosphereUniforms(const gl::Program& p, const FrameContext& ctx) {
  const FrameSettings& s = ctx.settings;
  p.set("uSunDir", glm::vec3(sunDirection(s.sunAzimuthDeg, s.sunElevationDeg)));
  p.set("uEye", glm::vec3(s.camera.eye));
  // About 60 km visibility at sea level, thinning with a ~2 km scale height (real metres,
  // hence the exaggeration: render-space z is stretched).
  const double density = s.fog ? 5.0e-5 : 0.0, falloff = 1.0 / (2000.0 * std::max(s.exaggeration, 0.01));
  p.set("uFogDensity", static_cast<float>(density));
  p.set("uFogFalloff", static_cast<float>(falloff));
  p.set("uFogEyeDensity", static_cast<float>(density * std::exp(-std::clamp(falloff * s.camera.eye.z, -80.0, 80.0))));
}

}  // namespace tb::render
