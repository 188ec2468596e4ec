// Antialiased pin parts: a disc with a ring (head, ground dot) or a stem of constant width.
#version 450 core
in vec2 vLocal;
in vec4 vFill;
in vec4 vRing;
in vec2 vParams;  // x: radius or half width; y: ring width (0 = stem)
out vec4 fragColor;
void main() {
  vec4 c;
  float coverage;
  if (vParams.y <= 0.0) {
    coverage = clamp(vParams.x + 0.5 - abs(vLocal.x), 0.0, 1.0);
    c = vFill;
  } else {
    float r = length(vLocal);
    coverage = clamp(vParams.x + 0.5 - r, 0.0, 1.0);
    float inner = vParams.x - vParams.y;
    c = mix(vFill, vRing, clamp(r - inner + 0.5, 0.0, 1.0));
  }
  if (coverage * c.a <= 0.002) discard;
  fragColor = vec4(c.rgb, c.a * coverage);
}
