// Antialiased edge from the distance across the line; the uncertain end fades (and, when asked,
// is dashed).
#version 450 core
in GS_OUT {
  float fade;
  float alongPx;
  noperspective float across;
} gs;
uniform vec4 uColor;
uniform float uHalfWidth;
uniform float uDashPx;
out vec4 fragColor;
void main() {
  float coverage = clamp(uHalfWidth + 0.5 - abs(gs.across), 0.0, 1.0);
  if (uDashPx > 0.0 && gs.fade < 0.999 && fract(gs.alongPx / uDashPx) > 0.62) discard;
  float a = uColor.a * coverage * gs.fade;
  if (a <= 0.002) discard;
  fragColor = vec4(uColor.rgb, a);
}
