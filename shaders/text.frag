// Coverage from the R8 glyph atlas times the vertex colour (straight alpha).
#version 450 core
in vec2 vUv;
in vec4 vColor;
uniform sampler2D uAtlas;
out vec4 fragColor;
void main() {
  float coverage = texture(uAtlas, vUv / vec2(textureSize(uAtlas, 0))).r;
  fragColor = vec4(vColor.rgb, vColor.a * coverage);
}
