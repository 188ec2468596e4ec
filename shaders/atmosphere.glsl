// Sky colour and aerial perspective (terrain_shade.frag), so distant terrain fades into exactly
// the colour the sky has at the horizon behind it. Written for llvmpipe, which runs every branch
// under a mask: few transcendentals, powers by repeated multiplication or one shared log2.
uniform vec3 uSunDir;          // unit vector toward the sun, render space
uniform vec3 uEye;             // camera position, render space
uniform float uFogDensity;     // extinction per metre at z = 0 (0 disables fog)
uniform float uFogFalloff;     // per metre of height: density = uFogDensity * exp(-uFogFalloff * z)
uniform float uFogEyeDensity;  // uFogDensity * exp(-uFogFalloff * uEye.z), from the CPU

const vec3 kZenith = vec3(0.25, 0.45, 0.76);
const vec3 kHorizon = vec3(0.74, 0.81, 0.88);
const vec3 kSunTint = vec3(1.0, 0.88, 0.70);

// The sky's gradient without the sun (what the sea reflects; its glint stands for the sun).
vec3 skyGradient(vec3 dir) {
  vec3 c = mix(kHorizon, kZenith, sqrt(clamp(dir.z, 0.0, 1.0)));
  return dir.z < 0.0 ? mix(kHorizon, kHorizon * 0.85, clamp(-dir.z * 4.0, 0.0, 1.0)) : c;
}

vec3 skyColor(vec3 dir) {
  float ls = log2(max(dot(dir, uSunDir), 1e-6));  // pow(s, k) = exp2(k * ls)
  return skyGradient(dir) + kSunTint * (0.22 * exp2(12.0 * ls) + 1.5 * exp2(900.0 * ls));
}

// Colour of the haze seen along `dir`: the horizon sky, warmer toward the sun.
vec3 hazeColor(vec3 dir) {
  float s = max(dot(dir, uSunDir), 0.0);
  float s2 = s * s;
  return mix(kHorizon, kSunTint, 0.35 * s2 * s2 * s2);
}

// Exponential fog with height falloff, integrated analytically along the eye ray to p.
vec3 applyFog(vec3 color, vec3 p) {
  vec3 d = p - uEye;
  float dist = length(d);
  vec3 rd = d / max(dist, 1e-3);
  float k = uFogFalloff * rd.z * dist;  // change of the density exponent along the ray
  float column = abs(k) > 1e-4 ? (1.0 - exp(-clamp(k, -80.0, 80.0))) / (uFogFalloff * rd.z) : dist;
  float fog = 1.0 - exp(-max(uFogEyeDensity * column, 0.0));
  return mix(color, hazeColor(rd), fog);
}
