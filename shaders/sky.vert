#version 450 core
// One triangle covering the viewport at the far plane: with depth test LEQUAL it shades only the
// pixels no terrain covered.
out vec2 vNdc;
void main() {
  vec2 p = vec2((gl_VertexID << 1) & 2, gl_VertexID & 2) * 2.0 - 1.0;
  vNdc = p;
  gl_Position = vec4(p, 1.0, 1.0);
}
