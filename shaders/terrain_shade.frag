#version 450 core
// LAYER_COUNT (0..4) is defined by TerrainPass after this line.
// Shades every pixel of the frame exactly once, after the depth pass: the terrain (imagery
// layers composited in order, soft sun lighting from the full-resolution gradient; the imagery
// already carries baked hillshade), the sea surface where the ground lies below sea level,
// aerial perspective, and the sky where the depth pass drew nothing. llvmpipe shades whole
// 4x4 blocks per triangle, so shading small triangles directly cost three to four times this.
#include "atmosphere.glsl"
#include "water.glsl"

noperspective in vec3 vRay;  // see terrain_shade.vert
out vec4 fragColor;

uniform sampler2D uDepth;       // the depth pass, reversed Z: near / distance, 0 = nothing drawn
uniform float uNear;
uniform vec2 uDepthOut;         // the overlays' (standard) depth: x + y / distance
uniform float uPixelAngle;      // radians per pixel near the view axis
uniform float uExaggeration;

uniform sampler2D uGradient;    // RG: dz/dx, dz/dy (real metres per metre), companded: g = e|e| uGradientRange
uniform vec4 uGradientXf;       // x0, y0, 1/width_m, 1/height_m: local xy -> texture uv
uniform float uGradientRange;
uniform float uGradientLodBias; // -log2(texel metres)

uniform int uLayerCount;
uniform sampler2D uImagery[4];
uniform vec4 uImageryXf[4];
uniform float uImageryOpacity[4];
uniform float uImageryLodBias[4];
uniform float uImageryMaxApronLod[4];
uniform vec3 uBaseColor;  // ground under (or without) imagery

// Texture uv of a local point, and how far (metres) it lies outside the raster (0 inside).
vec2 rasterUv(vec4 xf, vec2 xy, out float outside) {
  vec2 uv = vec2(xy.x - xf.x, xf.y - xy.y) * xf.zw;
  vec2 beyond = max(-uv, uv - 1.0) / xf.zw;
  outside = max(max(beyond.x, beyond.y), 0.0);
  return clamp(uv, 0.0, 1.0);
}

// Mip levels are chosen from the pixel's footprint (log2 metres), not from derivatives, which
// jump where neighbouring pixels lie on different surfaces. Beyond the data (the apron), the
// edge's colours continue, blurred as much as they are far from it: a hazy continuation with no
// detail the data does not have, and no seam where the data ends.
vec3 composite(vec3 under, sampler2D image, vec4 xf, float opacity, float lodBias, float maxApronLod, vec2 xy,
               float footprint) {
  float outside;
  vec2 uv = rasterUv(xf, xy, outside);
  float lod = max(footprint + lodBias, min(log2(max(outside, 1.0)) + lodBias, maxApronLod));
  vec4 c = textureLod(image, uv, lod);
  return mix(under, c.rgb, c.a * opacity);
}

void main() {
  float depth = texelFetch(uDepth, ivec2(gl_FragCoord.xy), 0).r;
  vec3 rd = normalize(vRay);
  if (depth <= 0.0) {
    fragColor = vec4(skyColor(rd), 1.0);
    gl_FragDepth = 1.0;
    return;
  }
  float dist = uNear / depth;  // along the view axis
  vec3 p = uEye + vRay * dist;
  gl_FragDepth = clamp(uDepthOut.x + uDepthOut.y / dist, 0.0, 1.0);

  // A pixel's side where it meets the ground, across the ray and (flat ground) along it.
  float across = log2(dist * uPixelAngle);
  float alongFlat = across - log2(max(abs(rd.z), 0.02));

  float outside;
  vec2 guv = rasterUv(uGradientXf, p.xy, outside);
  float glod = max(alongFlat, log2(max(outside, 1.0))) + uGradientLodBias;
  vec2 e = textureLod(uGradient, guv, glod).rg;
  vec2 g = e * abs(e) * uGradientRange;
  g *= clamp(1.0 - outside / 4000.0, 0.0, 1.0);  // the apron flattens out
  vec3 n = normalize(vec3(-g * uExaggeration, 1.0));

  // Imagery: the footprint's long axis on the actual slope, half-way (in log2) between across
  // and along the ray, a cheap stand-in for anisotropic filtering that keeps oblique ground sharp
  // without the shimmer of sampling too fine.
  float incidence = max(abs(dot(rd, n)), 0.02);
  float footprint = across + 0.5 * max(log2(n.z / incidence), 0.0);
  // LAYER_COUNT is compiled in (one program per count): llvmpipe runs every branch of an `if`
  // under a mask, so layers that are not shown must not be in the code at all.
  vec3 color = uBaseColor;
#if LAYER_COUNT > 0
  for (int i = 0; i < LAYER_COUNT; ++i)
    color = composite(color, uImagery[i], uImageryXf[i], uImageryOpacity[i], uImageryLodBias[i],
                      uImageryMaxApronLod[i], p.xy, footprint);
#endif
  float sunUp = max(uSunDir.z, 0.08);
  float relative = max(dot(n, uSunDir), 0.0) / sunUp;  // 1 on flat ground
  float shade = clamp(mix(1.0, relative, 0.42), 0.5, 1.3);
  // Sky light fills shadowed slopes with a little blue rather than grey.
  color *= shade * mix(vec3(0.92, 0.95, 1.04), vec3(1.0), clamp(relative, 0.0, 1.0));

  float height = p.z / uExaggeration;  // real metres
  vec3 fogPoint = p;
  if (height < 0.0) {
    float wet = smoothstep(0.0, 6.0, -height);
    vec3 surface = seaSurfacePoint(p);
    color = mix(color, seaSurface(color, surface, -height), wet);
    fogPoint = mix(p, surface, wet);
  }
  fragColor = vec4(applyFog(color, fogPoint), 1.0);
}
