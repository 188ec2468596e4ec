// Screen-space 2D drawing for labels and the HUD: shaped UTF-8 text with a dark halo (so it
// reads over any terrain), plus solid rectangles, triangles and lines from the same atlas
// texture. Everything is queued in whole-image pixel coordinates (y down) and drawn by flush()
// through ctx.imageToClip(), so a tiled frame draws identical text in every tile.
#pragma once
#include <cstdint>
#include <string_view>
#include <vector>

#include <glm/glm.hpp>

#include "render/GlyphAtlas.h"
#include "render/gl/Buffer.h"
#include "render/gl/Program.h"
#include "render/gl/ProgramCache.h"
#include "render/gl/Texture.h"
#include "render/gl/VertexArray.h"

namespace tb::render {

struct FrameContext;

struct TextStyle {
  FontFace face = FontFace::Regular;
  float sizePx = 14.0f;                          // font pixel size (em), already scaled by uiScale
  glm::vec4 color{1.0f};                         // straight alpha
  glm::vec4 halo{0.0f, 0.0f, 0.0f, 0.85f};       // alpha 0: no halo
  float haloPx = -1.0f;                          // < 0: about a tenth of the size
};

struct TextMetrics {
  float width = 0, ascent = 0, descent = 0;  // px at the requested size
  float height() const { return ascent + descent; }
};

class TextRenderer {
 public:
  explicit TextRenderer(gl::ProgramCache& programs);  // loads the embedded fonts; GL context required
  ~TextRenderer();
  TextRenderer(const TextRenderer&) = delete;
  TextRenderer& operator=(const TextRenderer&) = delete;

  TextMetrics measure(std::string_view utf8, FontFace face, float sizePx);
  // Queues text with its baseline starting at `baselineLeft` (image px). Returns the advance.
  float addText(std::string_view utf8, glm::vec2 baselineLeft, const TextStyle& style);
  void addRect(glm::vec2 min, glm::vec2 max, glm::vec4 color);
  void addTriangle(glm::vec2 a, glm::vec2 b, glm::vec2 c, glm::vec4 color);
  void addLine(glm::vec2 a, glm::vec2 b, float widthPx, glm::vec4 color);
  bool empty() const { return vertices_.empty(); }

  // Draws everything queued (blended, no depth test) and empties the queue. Leaves GL state as
  // it found it.
  void flush(const FrameContext& ctx);
  void clear() { vertices_.clear(); }

  GlyphAtlas& atlas() { return atlas_; }

 private:
  struct Vertex {
    glm::vec2 pos;
    glm::vec2 uv;  // atlas texels (normalised in the shader: the atlas may grow mid-frame)
    std::uint8_t rgba[4];
  };
  void pushQuad(glm::vec2 p0, glm::vec2 p1, glm::vec2 uv0, glm::vec2 uv1, glm::vec4 color);
  void pushVertex(glm::vec2 p, glm::vec2 uv, glm::vec4 color);
  void uploadAtlas();

  GlyphAtlas atlas_;
  std::vector<Vertex> vertices_;
  const gl::Program& program_;
  gl::Texture texture_;
  int textureW_ = 0, textureH_ = 0;
  std::uint64_t uploadedRevision_ = 0;
  gl::Buffer vbo_;
  std::size_t vboBytes_ = 0;
  gl::VertexArray vao_;
};

}  // namespace tb::render
