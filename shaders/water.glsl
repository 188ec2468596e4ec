// The sea surface at z = 0 over ground below sea level. The imagery already shows the sea's
// colour, so this only adds what a photograph of water has and a map does not: a little depth
// tint, sky reflection growing toward grazing angles, and the sun's glint.
// Needs atmosphere.glsl (uEye, uSunDir, skyGradient) included first.

// Where the eye ray to a point below the sea crosses z = 0.
vec3 seaSurfacePoint(vec3 below) {
  vec3 d = below - uEye;
  if (uEye.z <= 0.0 || d.z >= -1e-4) return below;
  return uEye + d * (uEye.z / -d.z);
}

vec3 seaSurface(vec3 ground, vec3 surface, float depthM) {
  vec3 v = normalize(uEye - surface);
  float depthTint = 1.0 - exp(-depthM / 40.0);
  vec3 water = mix(ground, ground * vec3(0.78, 0.88, 0.98), 0.5 * depthTint);
  float m = 1.0 - clamp(v.z, 0.0, 1.0);
  float m2 = m * m;
  float fresnel = 0.02 + 0.98 * m2 * m2 * m;
  vec3 reflected = skyGradient(vec3(-v.xy, v.z));  // mirror of the view ray in the flat sea
  water = mix(water, reflected, clamp(fresnel * 0.6, 0.0, 0.6));
  // Glint: a broad highlight from a slightly rough surface (Blinn-Phong).
  vec3 h = normalize(v + uSunDir);
  float lh = log2(max(h.z, 1e-6));
  float glint = exp2(900.0 * lh) * 0.25 + exp2(80.0 * lh) * 0.035;
  return water + kSunTint * glint * step(0.0, uSunDir.z);
}
