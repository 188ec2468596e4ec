#version 450 core
// Terrain tiles and the apron around the data: x, y local metres, z real height.
layout(location = 0) in vec3 aPos;

uniform mat4 uViewProj;
uniform float uExaggeration;

out vec3 vWorld;    // render space (z exaggerated)
out float vHeight;  // real metres, for the sea test

void main() {
  vWorld = vec3(aPos.xy, aPos.z * uExaggeration);
  vHeight = aPos.z;
  gl_Position = uViewProj * vec4(vWorld, 1.0);
}
