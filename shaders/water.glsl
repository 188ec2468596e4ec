// The sea surface at z = 0 over ground below sea level. The imagery already shows the sea's
// colour, so this only adds what a photograph of water has and a map does not: a little depth
// tint, sky reflection growing toward grazing angles, and the sun's glint.
// Needs atmosphere.glsl (uEye, uSunDir, skyColor) included first.

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
  float cosView = clamp(v.z, 0.0, 1.0);
  float fresnel = 0.02 + 0.98 * pow(1.0 - cosView, 5.0);
  vec3 reflected = skyColor(reflect(-v, vec3(0.0, 0.0, 1.0)));
  water = mix(water, reflected, clamp(fresnel * 0.6, 0.0, 0.6));
  // Glint: a broad highlight from a slightly rough surface (Blinn-Phong).
  vec3 h = normalize(v + uSunDir);
  float glint = pow(max(h.z, 0.0), 900.0) * 0.25 + pow(max(h.z, 0.0), 80.0) * 0.035;
  return water + kSunTint * glint * step(0.0, uSunDir.z);
}
