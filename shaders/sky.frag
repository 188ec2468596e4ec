#version 450 core
#include "atmosphere.glsl"
in vec2 vNdc;
out vec4 fragColor;
uniform mat4 uInvViewProjRotation;  // inverse(proj * view without translation): ndc -> direction
void main() {
  vec4 p = uInvViewProjRotation * vec4(vNdc, 1.0, 1.0);
  vec3 dir = normalize(p.xyz / p.w);
  fragColor = vec4(skyColor(dir), 1.0);
}
