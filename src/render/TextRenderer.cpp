// Screen-space text and 2D shapes (see TextRenderer.h).
#include "render/TextRenderer.h"

#include <algorithm>
#include <cmath>

#include "render/FrameContext.h"
#include "render/gl/GlStateGuard.h"

namespace tb::render {
namespace {

int maxTextureSize() {
  GLint v = 4096;
  glGetIntegerv(GL_MAX_TEXTURE_SIZE, &v);
  return std::min(8192, static_cast<int>(v));
}

std::uint8_t toByte(float v) { return static_cast<std::uint8_t>(std::lround(std::clamp(v, 0.0f, 1.0f) * 255.0f)); }

}  // namespace

TextRenderer::TextRenderer(gl::ProgramCache& programs)
    : atlas_(maxTextureSize()),
      program_(programs.get({"text.vert", "text.frag"})),
      vbo_(gl::Buffer::create()),
      vao_(gl::VertexArray::create()) {
  vao_.setAttribute(0, 0, 2, GL_FLOAT, offsetof(Vertex, pos));
  vao_.setAttribute(1, 0, 2, GL_FLOAT, offsetof(Vertex, uv));
  vao_.setAttribute(2, 0, 4, GL_UNSIGNED_BYTE, offsetof(Vertex, rgba), true);
  vao_.setVertexBuffer(0, vbo_, 0, sizeof(Vertex));
  program_.set("uAtlas", 0);
}

TextRenderer::~TextRenderer() = default;

TextMetrics TextRenderer::measure(std::string_view utf8, FontFace face, float sizePx) {
  const int px = GlyphAtlas::pixelSizeFor(sizePx);
  const ShapedText& s = atlas_.shape(utf8, face, px);
  return {s.width, s.ascent, s.descent};
}

void TextRenderer::pushVertex(glm::vec2 p, glm::vec2 uv, glm::vec4 c) {
  vertices_.push_back({p, uv, {toByte(c.r), toByte(c.g), toByte(c.b), toByte(c.a)}});
}

void TextRenderer::pushQuad(glm::vec2 p0, glm::vec2 p1, glm::vec2 uv0, glm::vec2 uv1, glm::vec4 c) {
  pushVertex({p0.x, p0.y}, {uv0.x, uv0.y}, c);
  pushVertex({p1.x, p0.y}, {uv1.x, uv0.y}, c);
  pushVertex({p1.x, p1.y}, {uv1.x, uv1.y}, c);
  pushVertex({p0.x, p0.y}, {uv0.x, uv0.y}, c);
  pushVertex({p1.x, p1.y}, {uv1.x, uv1.y}, c);
  pushVertex({p0.x, p1.y}, {uv0.x, uv1.y}, c);
}

float TextRenderer::addText(std::string_view utf8, glm::vec2 baselineLeft, const TextStyle& style) {
  const int px = GlyphAtlas::pixelSizeFor(style.sizePx);
  const ShapedText& shaped = atlas_.shape(utf8, style.face, px);
  // Whole-pixel origin: glyph bitmaps then map 1:1 onto pixels (crisp at any tile split).
  const glm::vec2 origin(std::round(baselineLeft.x), std::round(baselineLeft.y));
  const int halo = style.halo.a > 0.0f
                       ? (style.haloPx >= 0.0f ? static_cast<int>(std::lround(style.haloPx))
                                               : std::max(1, static_cast<int>(std::lround(px * 0.1f))))
                       : 0;
  // shaped stays valid: glyph() never touches the shaping cache (map references are stable).
  const std::vector<ShapedGlyph>& glyphs = shaped.glyphs;
  for (int pass = halo > 0 ? 0 : 1; pass < 2; ++pass) {
    const int haloPx = pass == 0 ? halo : 0;
    const glm::vec4 color = pass == 0 ? style.halo : style.color;
    for (const ShapedGlyph& g : glyphs) {
      const AtlasGlyph& a = atlas_.glyph(style.face, px, g.index, haloPx);
      if (a.w == 0) continue;
      const glm::vec2 p0 = origin + glm::vec2(std::round(g.x) + a.left, std::round(g.y) - a.top);
      const glm::vec2 p1 = p0 + glm::vec2(a.w, a.h);
      pushQuad(p0, p1, glm::vec2(a.x, a.y), glm::vec2(a.x + a.w, a.y + a.h), color);
    }
  }
  return shaped.width;
}

void TextRenderer::addRect(glm::vec2 min, glm::vec2 max, glm::vec4 color) {
  const glm::vec2 uv(atlas_.solidX() + 1.0f, atlas_.solidY() + 1.0f);
  pushQuad(min, max, uv, uv, color);
}

void TextRenderer::addTriangle(glm::vec2 a, glm::vec2 b, glm::vec2 c, glm::vec4 color) {
  const glm::vec2 uv(atlas_.solidX() + 1.0f, atlas_.solidY() + 1.0f);
  pushVertex(a, uv, color);
  pushVertex(b, uv, color);
  pushVertex(c, uv, color);
}

void TextRenderer::addLine(glm::vec2 a, glm::vec2 b, float widthPx, glm::vec4 color) {
  const glm::vec2 d = b - a;
  const float len = glm::length(d);
  if (len <= 0.0f) return;
  const glm::vec2 n = glm::vec2(-d.y, d.x) / len * (widthPx * 0.5f);
  addTriangle(a + n, b + n, b - n, color);
  addTriangle(a + n, b - n, a - n, color);
}

void TextRenderer::uploadAtlas() {
  if (uploadedRevision_ == atlas_.revision() && texture_) return;
  if (!texture_ || textureW_ != atlas_.width() || textureH_ != atlas_.height()) {
    texture_ = gl::Texture::create2D(GL_R8, atlas_.width(), atlas_.height(), 1);
    texture_.setSampling(GL_LINEAR, GL_LINEAR);
    textureW_ = atlas_.width();
    textureH_ = atlas_.height();
  }
  texture_.setSubImage2D(0, 0, 0, textureW_, textureH_, GL_RED, GL_UNSIGNED_BYTE, atlas_.pixels().data());
  uploadedRevision_ = atlas_.revision();
}

void TextRenderer::flush(const FrameContext& ctx) {
  if (vertices_.empty()) return;
  gl::GlStateGuard guard;
  uploadAtlas();
  const std::size_t bytes = vertices_.size() * sizeof(Vertex);
  if (bytes > vboBytes_) {
    vboBytes_ = std::max(bytes, vboBytes_ * 2);
    vbo_.setData(nullptr, vboBytes_, GL_DYNAMIC_DRAW);
  }
  vbo_.setSubData(0, vertices_.data(), bytes);

  glDisable(GL_DEPTH_TEST);
  glDisable(GL_CULL_FACE);
  glDisable(GL_SCISSOR_TEST);
  glDepthMask(GL_FALSE);
  glEnable(GL_BLEND);
  glBlendEquation(GL_FUNC_ADD);
  glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
  program_.set("uImageToClip", ctx.imageToClip());
  program_.use();
  texture_.bind(0);
  glBindSampler(0, 0);
  vao_.bind();
  glDrawArrays(GL_TRIANGLES, 0, static_cast<GLsizei>(vertices_.size()));
  vertices_.clear();
  if (atlas_.full()) atlas_.reset();  // queued quads are drawn: their atlas places may go
}

}  // namespace tb::render
