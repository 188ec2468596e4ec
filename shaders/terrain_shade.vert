#version 450 core
// One triangle covering the viewport; each corner carries its view ray, scaled so that its
// component along the view axis is 1: position = eye + ray * (distance along the view axis).
// The ray is affine in screen position, so plain (noperspective) interpolation is exact.
noperspective out vec3 vRay;

uniform vec4 uFrustum;    // P[0][0], P[1][1], P[2][0], P[2][1] of this tile's projection
uniform mat3 uEyeToWorld; // inverse of the view rotation

void main() {
  vec2 p = vec2((gl_VertexID << 1) & 2, gl_VertexID & 2) * 2.0 - 1.0;
  vec3 eyeRay = vec3((p.x + uFrustum.z) / uFrustum.x, (p.y + uFrustum.w) / uFrustum.y, -1.0);
  vRay = uEyeToWorld * eyeRay;
  gl_Position = vec4(p, 0.0, 1.0);
}
