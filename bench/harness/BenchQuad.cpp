// Plain GL (through epoxy) rather than render/gl: the baseline must not share code or state with
// the renderer it is measured against.
#include "harness/BenchQuad.h"

#include <epoxy/gl.h>

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <string>
#include <vector>

#include "core/Error.h"

namespace tb::bench {
namespace {

constexpr const char* kVertex = R"(#version 450 core
out vec2 uv;
void main() {
  // A triangle strip over the whole viewport from gl_VertexID alone (no vertex buffer).
  vec2 p = vec2(float(gl_VertexID & 1), float(gl_VertexID >> 1));
  uv = p;
  gl_Position = vec4(p * 2.0 - 1.0, 0.0, 1.0);
}
)";

constexpr const char* kFragment = R"(#version 450 core
in vec2 uv;
layout(binding = 0) uniform sampler2D image;
out vec4 color;
void main() { color = texture(image, uv); }
)";

GLuint compile(GLenum type, const char* source, const char* name) {
  const GLuint shader = glCreateShader(type);
  glShaderSource(shader, 1, &source, nullptr);
  glCompileShader(shader);
  GLint ok = 0;
  glGetShaderiv(shader, GL_COMPILE_STATUS, &ok);
  if (!ok) {
    GLint length = 0;
    glGetShaderiv(shader, GL_INFO_LOG_LENGTH, &length);
    std::string log(static_cast<std::size_t>(length > 0 ? length : 1), '\0');
    glGetShaderInfoLog(shader, length, nullptr, log.data());
    glDeleteShader(shader);
    throw internalError(name, "GLSL 450 compile failed: " + log);
  }
  return shader;
}

// A varied RGBA pattern (not a constant colour, which a driver could shortcut).
std::vector<std::uint8_t> patternPixels(int width, int height) {
  std::vector<std::uint8_t> pixels(static_cast<std::size_t>(width) * height * 4);
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x) {
      std::uint8_t* p = &pixels[(static_cast<std::size_t>(y) * width + x) * 4];
      p[0] = static_cast<std::uint8_t>(x * 255 / width);
      p[1] = static_cast<std::uint8_t>(y * 255 / height);
      p[2] = static_cast<std::uint8_t>((x ^ y) & 0xff);
      p[3] = 255;
    }
  return pixels;
}

// A texture holding patternPixels, filtered linearly (trilinearly with mip levels).
GLuint patternTexture(int width, int height, bool mipmapped) {
  const std::vector<std::uint8_t> pixels = patternPixels(width, height);
  int levels = 1;
  while (mipmapped && (std::max(width, height) >> levels) > 0) ++levels;
  GLuint texture = 0;
  glCreateTextures(GL_TEXTURE_2D, 1, &texture);
  glTextureStorage2D(texture, levels, GL_RGBA8, width, height);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
  glTextureSubImage2D(texture, 0, 0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
  glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
  if (mipmapped) glGenerateTextureMipmap(texture);
  glTextureParameteri(texture, GL_TEXTURE_MIN_FILTER, mipmapped ? GL_LINEAR_MIPMAP_LINEAR : GL_LINEAR);
  glTextureParameteri(texture, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  glTextureParameteri(texture, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTextureParameteri(texture, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  return texture;
}

}  // namespace

OffscreenTarget::OffscreenTarget(int width, int height) {
  glCreateFramebuffers(1, &fbo_);
  glCreateRenderbuffers(1, &color_);
  glNamedRenderbufferStorage(color_, GL_RGBA8, width, height);
  glCreateRenderbuffers(1, &depth_);
  glNamedRenderbufferStorage(depth_, GL_DEPTH24_STENCIL8, width, height);
  glNamedFramebufferRenderbuffer(fbo_, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, color_);
  glNamedFramebufferRenderbuffer(fbo_, GL_DEPTH_STENCIL_ATTACHMENT, GL_RENDERBUFFER, depth_);
  if (glCheckNamedFramebufferStatus(fbo_, GL_FRAMEBUFFER) != GL_FRAMEBUFFER_COMPLETE)
    throw internalError("bench", "offscreen framebuffer incomplete");
  glBindFramebuffer(GL_FRAMEBUFFER, fbo_);
  glViewport(0, 0, width, height);
}

OffscreenTarget::~OffscreenTarget() {
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
  glDeleteFramebuffers(1, &fbo_);
  glDeleteRenderbuffers(1, &color_);
  glDeleteRenderbuffers(1, &depth_);
}

TexturedQuad::TexturedQuad(int textureWidth, int textureHeight) {
  const GLuint vs = compile(GL_VERTEX_SHADER, kVertex, "bench quad vertex shader");
  const GLuint fs = compile(GL_FRAGMENT_SHADER, kFragment, "bench quad fragment shader");
  program_ = glCreateProgram();
  glAttachShader(program_, vs);
  glAttachShader(program_, fs);
  glLinkProgram(program_);
  glDeleteShader(vs);
  glDeleteShader(fs);
  GLint ok = 0;
  glGetProgramiv(program_, GL_LINK_STATUS, &ok);
  if (!ok) throw internalError("bench quad", "program link failed");
  glCreateVertexArrays(1, &vao_);

  // Sampled linearly like an imagery texture.
  texture_ = patternTexture(textureWidth, textureHeight, false);
}

TexturedQuad::~TexturedQuad() {
  glDeleteTextures(1, &texture_);
  glDeleteVertexArrays(1, &vao_);
  glDeleteProgram(program_);
}

void TexturedQuad::draw() {
  glDisable(GL_DEPTH_TEST);
  glDisable(GL_BLEND);
  glClear(GL_COLOR_BUFFER_BIT);
  glUseProgram(program_);
  glBindVertexArray(vao_);
  glBindTextureUnit(0, texture_);
  glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
  glBindVertexArray(0);
  glUseProgram(0);
}

namespace {

constexpr const char* kMeshVertex = R"(#version 450 core
layout(location = 0) in vec2 aPos;
void main() { gl_Position = vec4(aPos, 0.5, 1.0); }
)";

constexpr const char* kPassVertex = R"(#version 450 core
out vec2 uv;
void main() {
  vec2 p = vec2((gl_VertexID << 1) & 2, gl_VertexID & 2);
  uv = p * vec2(1.0, 1.6) * vec2(1.0, 1.0 - 0.3 * p.x);  // minified, more so toward one side
  gl_Position = vec4(p * 2.0 - 1.0, 0.0, 1.0);
}
)";

GLuint linkProgram(std::initializer_list<GLuint> shaders, const char* name) {
  const GLuint program = glCreateProgram();
  for (GLuint s : shaders) glAttachShader(program, s);
  glLinkProgram(program);
  for (GLuint s : shaders) glDeleteShader(s);
  GLint ok = 0;
  glGetProgramiv(program, GL_LINK_STATUS, &ok);
  if (!ok) throw internalError(name, "program link failed");
  return program;
}

}  // namespace

FloorPasses::FloorPasses(int width, int height, long long triangles) {
  meshProgram_ = linkProgram({compile(GL_VERTEX_SHADER, kMeshVertex, "bench floor mesh")}, "bench floor mesh");
  passProgram_ = linkProgram({compile(GL_VERTEX_SHADER, kPassVertex, "bench floor pass vertex shader"),
                              compile(GL_FRAGMENT_SHADER, kFragment, "bench floor pass fragment shader")},
                             "bench floor pass");
  // A regular grid over the viewport with the viewport's aspect, `triangles` in all.
  const double quads = std::max(1.0, static_cast<double>(triangles) / 2.0);
  const int gx = std::max(1, static_cast<int>(std::lround(std::sqrt(quads * width / height))));
  const int gy = std::max(1, static_cast<int>(std::lround(quads / gx)));
  std::vector<float> xy;
  xy.reserve(static_cast<std::size_t>(gx + 1) * (gy + 1) * 2);
  for (int j = 0; j <= gy; ++j)
    for (int i = 0; i <= gx; ++i) xy.insert(xy.end(), {-1.0f + 2.0f * i / gx, -1.0f + 2.0f * j / gy});
  std::vector<std::uint32_t> idx;
  idx.reserve(static_cast<std::size_t>(gx) * gy * 6);
  for (int j = 0; j < gy; ++j)
    for (int i = 0; i < gx; ++i) {
      const std::uint32_t a = j * (gx + 1) + i, b = a + 1, c = a + gx + 1, d = c + 1;
      idx.insert(idx.end(), {a, b, d, a, d, c});
    }
  indexCount_ = static_cast<int>(idx.size());
  glCreateBuffers(1, &vertices_);
  glNamedBufferStorage(vertices_, static_cast<GLsizeiptr>(xy.size() * sizeof(float)), xy.data(), 0);
  glCreateBuffers(1, &indices_);
  glNamedBufferStorage(indices_, static_cast<GLsizeiptr>(idx.size() * sizeof(std::uint32_t)), idx.data(), 0);
  glCreateVertexArrays(1, &meshVao_);
  glVertexArrayVertexBuffer(meshVao_, 0, vertices_, 0, 2 * sizeof(float));
  glVertexArrayElementBuffer(meshVao_, indices_);
  glEnableVertexArrayAttrib(meshVao_, 0);
  glVertexArrayAttribFormat(meshVao_, 0, 2, GL_FLOAT, GL_FALSE, 0);
  glVertexArrayAttribBinding(meshVao_, 0, 0);
  glCreateVertexArrays(1, &passVao_);

  // A mipmapped texture twice the viewport's size, with the same pattern as the quad's.
  texture_ = patternTexture(2 * width, 2 * height, true);
}

FloorPasses::~FloorPasses() {
  glDeleteTextures(1, &texture_);
  glDeleteBuffers(1, &vertices_);
  glDeleteBuffers(1, &indices_);
  glDeleteVertexArrays(1, &meshVao_);
  glDeleteVertexArrays(1, &passVao_);
  glDeleteProgram(meshProgram_);
  glDeleteProgram(passProgram_);
}

void FloorPasses::drawDepthMesh() {
  glColorMask(GL_FALSE, GL_FALSE, GL_FALSE, GL_FALSE);
  glEnable(GL_DEPTH_TEST);
  glDepthFunc(GL_LESS);
  glDepthMask(GL_TRUE);
  glClear(GL_DEPTH_BUFFER_BIT);
  glUseProgram(meshProgram_);
  glBindVertexArray(meshVao_);
  glDrawElements(GL_TRIANGLES, indexCount_, GL_UNSIGNED_INT, nullptr);
  glBindVertexArray(0);
  glUseProgram(0);
  glColorMask(GL_TRUE, GL_TRUE, GL_TRUE, GL_TRUE);
  glDisable(GL_DEPTH_TEST);
}

void FloorPasses::drawMipmappedPass() {
  glDisable(GL_DEPTH_TEST);
  glDisable(GL_BLEND);
  glUseProgram(passProgram_);
  glBindVertexArray(passVao_);
  glBindTextureUnit(0, texture_);
  glDrawArrays(GL_TRIANGLES, 0, 3);
  glBindVertexArray(0);
  glUseProgram(0);
}

}  // namespace tb::bench
