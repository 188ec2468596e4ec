// The CPU half of text: the embedded DejaVu fonts through FreeType, shaping (advances, kerning,
// UTF-8) through HarfBuzz, and an 8-bit coverage atlas that glyphs and their halos are
// rasterised into on first use, per pixel size. No GL: TextRenderer uploads the atlas.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace tb::render {

enum class FontFace { Regular = 0, Bold = 1 };

struct ShapedGlyph {
  std::uint32_t index = 0;  // glyph index in the font
  float x = 0, y = 0;       // pen position relative to the text origin (baseline left), px, y down
};

struct ShapedText {
  std::vector<ShapedGlyph> glyphs;
  float width = 0;    // total advance, px
  float ascent = 0;   // above the baseline, px (font's ascender, positive)
  float descent = 0;  // below the baseline, px (positive)
};

struct AtlasGlyph {
  int x = 0, y = 0, w = 0, h = 0;  // atlas rectangle; w == 0: nothing to draw (space)
  int left = 0, top = 0;           // bitmap offset from the pen position (top = up from baseline)
};

class GlyphAtlas {
 public:
  // maxSize: the largest atlas side the caller can hold as a texture.
  explicit GlyphAtlas(int maxSize = 8192);
  ~GlyphAtlas();
  GlyphAtlas(const GlyphAtlas&) = delete;
  GlyphAtlas& operator=(const GlyphAtlas&) = delete;

  // pixelSize is rounded to whole pixels (>= 4), so sizes are cached per pixel size.
  static int pixelSizeFor(float sizePx);
  const ShapedText& shape(std::string_view utf8, FontFace face, int pixelSize);
  // haloPx 0: the glyph's coverage; > 0: the glyph grown by haloPx (outline for legibility).
  // Returns w == 0 when the glyph has no pixels or the atlas is full.
  const AtlasGlyph& glyph(FontFace face, int pixelSize, std::uint32_t index, int haloPx);

  int width() const { return width_; }
  int height() const { return height_; }
  const std::vector<std::uint8_t>& pixels() const { return pixels_; }
  // Bumped whenever pixels change (the GL side re-uploads when it differs from its copy).
  std::uint64_t revision() const { return revision_; }
  // True once a glyph did not fit; reset() (between frames) then starts an empty atlas, so sizes
  // no longer used (a resized window) do not keep their space forever.
  bool full() const { return full_; }
  void reset();
  // A 2x2 block of full coverage (for solid rectangles drawn from the same texture).
  int solidX() const { return 1; }
  int solidY() const { return 1; }

 private:
  struct Fonts;
  bool allocate(int w, int h, int& x, int& y);
  void setSize(FontFace face, int pixelSize);

  std::unique_ptr<Fonts> fonts_;
  int maxSize_;
  int width_ = 1024, height_ = 256;
  std::vector<std::uint8_t> pixels_;
  int shelfX_ = 0, shelfY_ = 0, shelfH_ = 0;
  std::uint64_t revision_ = 1;
  bool full_ = false;
  std::unordered_map<std::uint64_t, AtlasGlyph> glyphs_;
  std::unordered_map<std::string, ShapedText> shaped_;
};

}  // namespace tb::render
