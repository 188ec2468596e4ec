// Sky colour and aerial perspective for terrain_shade.frag (and any pass that needs them), so distant terrain
// fades into exactly the colour the sky has at the horizon behind it.
uniform vec3 uSunDir;       // unit vector toward the sun, render space
uniform vec3 uEye;          // camera position, render space
uniform float uFogDensity;  // extinction per metre at z = 0 (0 disables fog)
uniform float uFogFalloff;  // per metre of height: density = uFogDensity * exp(-uFogFalloff * z)

const vec3 kZenith = vec3(0.25, 0.45, 0.76);
const vec3 kHorizon = vec3(0.74, 0.81, 0.88);
const vec3 kSunTint = vec3(1.0, 0.88, 0.70);

vec3 skyColor(vec3 dir) {
  float up = clamp(dir.z, 0.0, 1.0);
  vec3 c = mix(kHorizon, kZenith, sqrt(up));
  if (dir.z < 0.0) c = mix(kHorizon, kHorizon * 0.85, clamp(-dir.z * 4.0, 0.0, 1.0));
  float s = max(dot(dir, uSunDir), 0.0);
  c += kSunTint * (0.22 * pow(s, 12.0) + 1.5 * pow(s, 900.0));
  return c;
}

// Colour of the haze seen along `dir`: the horizon sky, warmer toward the sun.
vec3 hazeColor(vec3 dir) {
  float s = max(dot(dir, uSunDir), 0.0);
  return mix(kHorizon, kSunTint, 0.35 * pow(s, 6.0));
}

// Exponential fog with height falloff, integrated analytically along the eye ray to p.
vec3 applyFog(vec3 color, vec3 p) {
  if (uFogDensity <= 0.0) return color;
  vec3 d = p - uEye;
  float dist = length(d);
  vec3 rd = d / max(dist, 1e-3);
  float k = uFogFalloff * rd.z * dist;  // change of the density exponent along the ray
  float column = abs(k) > 1e-4 ? (1.0 - exp(-clamp(k, -80.0, 80.0))) / (uFogFalloff * rd.z) : dist;
  float amount = uFogDensity * exp(-clamp(uFogFalloff * uEye.z, -80.0, 80.0)) * column;
  float fog = 1.0 - exp(-max(amount, 0.0));
  return mix(color, hazeColor(rd), fog);
}
