// Site pins: vertices already in whole-image pixels with the anchor's NDC depth (computed on the
// CPU with the same maths the labels and tests use).
#version 450 core
layout(location = 0) in vec3 aPos;
layout(location = 1) in vec2 aLocal;
layout(location = 2) in vec4 aFill;
layout(location = 3) in vec4 aRing;
layout(location = 4) in vec2 aParams;
uniform mat4 uImageToClip;
out vec2 vLocal;
out vec4 vFill;
out vec4 vRing;
out vec2 vParams;
void main() {
  gl_Position = uImageToClip * vec4(aPos.xy, 0.0, 1.0);
  gl_Position.z = aPos.z * gl_Position.w;
  vLocal = aLocal;
  vFill = aFill;
  vRing = aRing;
  vParams = aParams;
}
