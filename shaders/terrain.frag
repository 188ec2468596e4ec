#version 450 core
// Terrain: imagery layers composited in order, soft sun lighting from the full-resolution
// gradient (the imagery already carries baked hillshade), the sea surface where the ground lies
// below sea level (done here, not in a second pass, so each pixel is shaded once: llvmpipe pays
// per shaded pixel), and aerial perspective.
#include "atmosphere.glsl"
#include "water.glsl"

in vec3 vWorld;
in float vHeight;
out vec4 fragColor;

uniform float uExaggeration;
uniform sampler2D uGradient;  // RG: dz/dx, dz/dy (real metres per metre)
uniform vec4 uGradientXf;     // x0, y0, 1/width_m, 1/height_m: local xy -> texture uv
uniform int uLayerCount;
uniform sampler2D uImagery[4];
uniform vec4 uImageryXf[4];
uniform float uImageryOpacity[4];
uniform vec3 uBaseColor;  // ground under (or without) imagery
uniform bool uApron;      // drawing the apron around the data, not a tile

vec2 toUv(vec4 xf) { return vec2(vWorld.x - xf.x, xf.y - vWorld.y) * xf.zw; }


// On the apron beyond the data, each raster's 4x4-texel mip level near the edge stands in: a
// smooth hazy continuation of land or sea colour, no detail the data does not have. uApron is
// uniform per draw, so the tiles' path stays branch-free (llvmpipe would otherwise run both).
vec3 composite(vec3 under, sampler2D image, vec4 xf, float opacity) {
  vec2 uv = toUv(xf);
  vec4 c = uApron ? textureLod(image, clamp(uv, 0.0, 1.0), float(textureQueryLevels(image) - 3))
                  : texture(image, uv);
  return mix(under, c.rgb, c.a * opacity);
}

void main() {
  vec2 g = uApron ? vec2(0.0) : texture(uGradient, toUv(uGradientXf)).rg;

  // Layers unrolled with uniform branches: llvmpipe turns a dynamically indexed sampler array
  // into a switch over every sampler, which cost more than the fetch itself.
  vec3 color = uBaseColor;
  if (uLayerCount > 0) color = composite(color, uImagery[0], uImageryXf[0], uImageryOpacity[0]);
  if (uLayerCount > 1) color = composite(color, uImagery[1], uImageryXf[1], uImageryOpacity[1]);
  if (uLayerCount > 2) color = composite(color, uImagery[2], uImageryXf[2], uImageryOpacity[2]);
  if (uLayerCount > 3) color = composite(color, uImagery[3], uImageryXf[3], uImageryOpacity[3]);

  vec3 n = normalize(vec3(-g * uExaggeration, 1.0));
  float sunUp = max(uSunDir.z, 0.08);
  float relative = max(dot(n, uSunDir), 0.0) / sunUp;  // 1 on flat ground
  float shade = clamp(mix(1.0, relative, 0.42), 0.5, 1.3);
  // Sky light fills shadowed slopes with a little blue rather than grey.
  color *= shade * mix(vec3(0.92, 0.95, 1.04), vec3(1.0), clamp(relative, 0.0, 1.0));

  vec3 fogPoint = vWorld;
  if (vHeight < 0.0) {
    float wet = smoothstep(0.0, 6.0, -vHeight);
    vec3 surface = seaSurfacePoint(vWorld);
    color = mix(color, seaSurface(color, surface, -vHeight), wet);
    fogPoint = mix(vWorld, surface, wet);
  }
  fragColor = vec4(applyFog(color, fogPoint), 1.0);
}
