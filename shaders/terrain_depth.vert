#version 450 core
// Depth pass of the terrain tiles (no fragment shader: llvmpipe then rasterises
// depth only and shades nothing; terrain_shade.frag shades each visible pixel once afterwards).
// x, y local metres, z real height; streamed vertices on nodata carry z = -1e37 and are clipped
// away (GL_CLIP_DISTANCE0 is enabled only for the streamed terrain), leaving a hole. Their clip
// distance is so negative that a triangle with one such corner keeps only a sliver a millionth
// of its size: with -1 the half towards the nodata corner stayed, sloping to z = 0, and the rim
// of every hole showed as a wall of stretched imagery (ground the data does not have).
layout(location = 0) in vec3 aPos;

uniform mat4 uViewProj;  // reversed-Z projection: depth = near / distance, 0 at infinity
uniform float uExaggeration;

out float gl_ClipDistance[1];

void main() {
  bool noData = aPos.z < -1e36;
  gl_ClipDistance[0] = noData ? -1.0e6 : 1.0;
  gl_Position = uViewProj * vec4(aPos.xy, noData ? 0.0 : aPos.z * uExaggeration, 1.0);
}
