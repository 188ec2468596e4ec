#version 450 core
// Depth pass of the terrain tiles and the apron (no fragment shader: llvmpipe then rasterises
// depth only and shades nothing; terrain_shade.frag shades each visible pixel once afterwards).
// x, y local metres, z real height.
layout(location = 0) in vec3 aPos;

uniform mat4 uViewProj;  // reversed-Z projection: depth = near / distance, 0 at infinity
uniform float uExaggeration;

void main() { gl_Position = uViewProj * vec4(aPos.xy, aPos.z * uExaggeration, 1.0); }
