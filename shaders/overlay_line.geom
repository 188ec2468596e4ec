// Expands each line segment into a quad of constant width in whole-image pixels (plus a pixel of
// feather for antialiasing), after clipping it against the near plane.
#version 450 core
layout(lines) in;
layout(triangle_strip, max_vertices = 4) out;
in VS_OUT {
  float fade;
  float alongPx;
} gs_in[];
uniform vec2 uViewport;  // this tile's size in pixels (tile pixels = image pixels)
uniform float uHalfWidth;
out GS_OUT {
  float fade;
  float alongPx;
  noperspective float across;
} gs;

void emitAt(vec4 clip, vec2 offsetPx, float fade, float along, float across) {
  gl_Position = vec4(clip.xy + offsetPx / (0.5 * uViewport) * clip.w, clip.zw);
  gs.fade = fade;
  gs.alongPx = along;
  gs.across = across;
  EmitVertex();
}

void main() {
  vec4 p0 = gl_in[0].gl_Position, p1 = gl_in[1].gl_Position;
  float f0 = gs_in[0].fade, f1 = gs_in[1].fade, a0 = gs_in[0].alongPx, a1 = gs_in[1].alongPx;
  float d0 = p0.z + p0.w, d1 = p1.z + p1.w;  // signed distance to the near plane
  if (d0 < 0.0 && d1 < 0.0) return;
  if (d0 < 0.0) {
    float t = d0 / (d0 - d1);
    p0 = mix(p0, p1, t); f0 = mix(f0, f1, t); a0 = mix(a0, a1, t);
  } else if (d1 < 0.0) {
    float t = d1 / (d1 - d0);
    p1 = mix(p1, p0, t); f1 = mix(f1, f0, t); a1 = mix(a1, a0, t);
  }
  vec2 s0 = p0.xy / p0.w * 0.5 * uViewport, s1 = p1.xy / p1.w * 0.5 * uViewport;
  vec2 d = s1 - s0;
  float len = length(d);
  vec2 dir = len > 1e-4 ? d / len : vec2(1.0, 0.0);
  vec2 n = vec2(-dir.y, dir.x);
  float hw = uHalfWidth + 1.0;
  vec2 cap = dir * uHalfWidth;  // square caps close the gaps at joins
  emitAt(p0, -cap + n * hw, f0, a0, hw);
  emitAt(p0, -cap - n * hw, f0, a0, -hw);
  emitAt(p1, cap + n * hw, f1, a1, hw);
  emitAt(p1, cap - n * hw, f1, a1, -hw);
  EndPrimitive();
}
