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

#ifdef STREAMED
// The streamed terrain: each place's deepest resident quadtree node, through an indirection
// texture over the root square, names a slot of the texture arrays (StreamedTerrain.h).
uniform usampler2D uIndirection;  // slot + 1, 0 = none
uniform vec4 uIndirXf;            // root north-west x, y, 1 / root side, indirection side
uniform sampler2D uSlotInfo;      // per slot: node north-west x, y, side, imagery layer mask
uniform float uCells;             // texels per node side
uniform sampler2DArray uGradientArr;
uniform sampler2DArray uImageryArr[4];
uniform int uImageryLayer[4];     // which scene layer each shown layer is (its mask bit)
#else
uniform sampler2D uGradient;    // RG: dz/dx, dz/dy (real metres per metre), companded: g = e|e| uGradientRange
uniform vec4 uGradientXf;       // x0, y0, 1/width_m, 1/height_m: local xy -> texture uv
uniform float uGradientLodBias; // -log2(texel metres)
uniform sampler2D uImagery[4];
uniform vec4 uImageryXf[4];
uniform float uImageryLodBias[4];
#endif
uniform float uGradientRange;
uniform int uLayerCount;
uniform float uImageryOpacity[4];
uniform vec3 uBaseColor;  // ground under (or without) imagery
uniform vec3 uNoDataColor;  // where there is no data

// Texture uv of a local point, and how far (metres) it lies outside the raster (0 inside).
vec2 rasterUv(vec4 xf, vec2 xy, out float outside) {
  vec2 uv = vec2(xy.x - xf.x, xf.y - xy.y) * xf.zw;
  vec2 beyond = max(-uv, uv - 1.0) / xf.zw;
  outside = max(max(beyond.x, beyond.y), 0.0);
  return clamp(uv, 0.0, 1.0);
}

#ifndef STREAMED
// Mip levels are chosen from the pixel's footprint (log2 metres), not from derivatives, which
// jump where neighbouring pixels lie on different surfaces.
vec3 composite(vec3 under, sampler2D image, vec4 xf, float opacity, float lodBias, vec2 xy, float footprint) {
  float outside;
  vec2 uv = rasterUv(xf, xy, outside);
  vec4 c = textureLod(image, uv, footprint + lodBias);
  return mix(under, c.rgb, c.a * opacity * step(outside, 0.0));
}
#else
struct Node {
  int slot;
  vec2 uv;
  float texelLog;  // log2 of a texel's side, metres
  int mask;
};
Node nodeAt(vec2 xy) {
  Node n;
  vec2 q = vec2(xy.x - uIndirXf.x, uIndirXf.y - xy.y) * uIndirXf.z;
  int side = int(uIndirXf.w);
  uint s = texelFetch(uIndirection, clamp(ivec2(q * uIndirXf.w), ivec2(0), ivec2(side - 1)), 0).r;
  n.slot = int(s) - 1;
  vec4 info = texelFetch(uSlotInfo, ivec2(max(n.slot, 0) % 256, max(n.slot, 0) / 256), 0);
  n.uv = clamp(vec2(xy.x - info.x, info.y - xy.y) / info.z, 0.0, 1.0);
  n.texelLog = log2(info.z / uCells);
  n.mask = s == 0u ? 0 : int(info.w);
  return n;
}
vec3 compositeNode(vec3 under, Node n, int i, float footprint) {
  if ((n.mask & (1 << uImageryLayer[i])) == 0) return under;
  vec4 c = textureLod(uImageryArr[i], vec3(n.uv, float(n.slot)), footprint - n.texelLog);
  return mix(under, c.rgb, c.a * uImageryOpacity[i]);
}
#endif

void main() {
  float depth = texelFetch(uDepth, ivec2(gl_FragCoord.xy), 0).r;
  vec3 rd = normalize(vRay);
  if (depth <= 0.0) {
    // Nothing drawn: the sky above the horizon; below it, where the data ends or has holes, a
    // flat neutral "no data" surface at sea level, unmistakably not terrain.
    gl_FragDepth = 1.0;
    if (rd.z < -1e-4 && uEye.z > 0.0) {
      vec3 q = uEye + rd * (uEye.z / -rd.z);
      fragColor = vec4(applyFog(uNoDataColor, q), 1.0);
    } else {
      fragColor = vec4(skyColor(rd), 1.0);
    }
    return;
  }
  float dist = uNear / depth;  // along the view axis
  vec3 p = uEye + vRay * dist;
  gl_FragDepth = clamp(uDepthOut.x + uDepthOut.y / dist, 0.0, 1.0);

  // A pixel's side where it meets the ground, across the ray and (flat ground) along it.
  float across = log2(dist * uPixelAngle);
  float alongFlat = across - log2(max(abs(rd.z), 0.02));

#ifdef STREAMED
  Node node = nodeAt(p.xy);
  vec2 e = node.slot >= 0 ? textureLod(uGradientArr, vec3(node.uv, float(node.slot)), alongFlat - node.texelLog).rg
                          : vec2(0.0);
  vec2 g = e * abs(e) * uGradientRange;
#else
  float outside;
  vec2 guv = rasterUv(uGradientXf, p.xy, outside);
  vec2 e = textureLod(uGradient, guv, alongFlat + uGradientLodBias).rg;
  vec2 g = e * abs(e) * uGradientRange;
#endif
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
#ifdef STREAMED
    color = compositeNode(color, node, i, footprint);
#else
    color = composite(color, uImagery[i], uImageryXf[i], uImageryOpacity[i], uImageryLodBias[i], p.xy, footprint);
#endif
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
