// Draped overlay lines: local xy + real height -> camera-relative render space, pulled toward the
// eye by a fraction of the distance (same pixel, smaller depth) so the line wins against the
// terrain it lies on at every distance.
#version 450 core
layout(location = 0) in vec3 aPos;
layout(location = 1) in float aFade;
layout(location = 2) in float aAlong;
uniform mat4 uViewProjRel;  // view-projection for camera-relative positions
uniform vec3 uEye;
uniform float uExaggeration;
uniform float uPull;
uniform float uPixelAngle;  // metres per pixel per metre of distance
out VS_OUT {
  float fade;
  float alongPx;
} vs;
void main() {
  vec3 rel = vec3(aPos.xy, aPos.z * uExaggeration) - uEye;
  float dist = length(rel);
  rel *= 1.0 - uPull;
  gl_Position = uViewProjRel * vec4(rel, 1.0);
  vs.fade = aFade;
  vs.alongPx = aAlong / max(dist * uPixelAngle, 1e-6);
}
