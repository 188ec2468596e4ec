// An 8-bit RGBA image, rows top to bottom (as PNG stores them).
#pragma once
#include <cstdint>
#include <vector>

namespace tb {

struct ImageRGBA {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> pixels;  // width * height * 4

  ImageRGBA() = default;
  ImageRGBA(int w, int h) : width(w), height(h), pixels(static_cast<std::size_t>(w) * h * 4, 0) {}
  std::uint8_t* at(int x, int y) { return pixels.data() + (static_cast<std::size_t>(y) * width + x) * 4; }
  const std::uint8_t* at(int x, int y) const {
    return pixels.data() + (static_cast<std::size_t>(y) * width + x) * 4;
  }
  bool empty() const { return width == 0 || height == 0; }
};

}  // namespace tb
