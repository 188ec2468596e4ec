#version 450 core
// A raster laid over the terrain (a viewshed): every pixel finds its ground point from the terrain
// pass's depth and takes the raster's colour there, fogged like the ground under it. The fog is
// affine in the colour, so blending the fogged colour over the fogged terrain is exact.
#include "atmosphere.glsl"

noperspective in vec3 vRay;
out vec4 fragColor;

uniform sampler2D uDepth;   // the terrain's, reversed Z: near / distance, 0 = nothing drawn
uniform float uNear;
uniform sampler2D uRaster;
uniform vec4 uRasterXf;     // west edge, north edge, 1 / width (m), 1 / height (m)

void main() {
  float depth = texelFetch(uDepth, ivec2(gl_FragCoord.xy), 0).r;
  if (depth <= 0.0) discard;  // sky or no data: nothing to lie on
  vec3 p = uEye + vRay * (uNear / depth);
  vec2 uv = vec2((p.x - uRasterXf.x) * uRasterXf.z, (uRasterXf.y - p.y) * uRasterXf.w);
  if (any(lessThan(uv, vec2(0.0))) || any(greaterThan(uv, vec2(1.0)))) discard;
  vec4 c = texture(uRaster, uv);
  if (c.a <= 0.0) discard;
  fragColor = vec4(applyFog(c.rgb, p), c.a);
}
