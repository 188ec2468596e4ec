// Screen-space text and 2D shapes: positions in whole-image pixels, mapped to this tile's clip space.
#version 450 core
layout(location = 0) in vec2 aPos;
layout(location = 1) in vec2 aUv;
layout(location = 2) in vec4 aColor;
uniform mat4 uImageToClip;
out vec2 vUv;
out vec4 vColor;
void main() {
  gl_Position = uImageToClip * vec4(aPos, 0.0, 1.0);
  gl_Position.z = 0.0;
  vUv = aUv;
  vColor = aColor;
}
