// The --size option: "WxH" in pixels, checked before anything expensive is loaded.
#pragma once
#include <string>

namespace tb::app {

struct ImageSize {
  int width = 0;
  int height = 0;
};

constexpr int kMaxImageSide = 16384;

// Parses "1920x1080" (also "1920X1080"); each side 1..kMaxImageSide. Throws tb::Error("--size", ...).
ImageSize parseImageSize(const std::string& text);

}  // namespace tb::app
