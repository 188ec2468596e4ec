// PNG in and out through libpng. Writing is atomic (temporary name, then rename) and records
// tEXt chunks (scene, camera, software version, synthetic flag...).
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "core/Image.h"

namespace tb {

using PngText = std::vector<std::pair<std::string, std::string>>;

// compressionLevel: zlib 0..9. The default (1) favours speed: screenshots are written far more
// often than they are archived, and level 1 is several times faster than stb's encoder.
void writePng(const std::string& path, const ImageRGBA& image, const PngText& text = {},
              int compressionLevel = 1);

struct PngContents {
  ImageRGBA image;  // always expanded to RGBA8
  PngText text;
};
PngContents readPng(const std::string& path);  // throws tb::Error naming the file

}  // namespace tb
