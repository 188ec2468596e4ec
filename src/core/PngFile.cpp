#include "core/PngFile.h"

#include <png.h>

#include <csetjmp>
#include <cstdio>
#include <memory>

#include "core/AtomicFile.h"
#include "core/Error.h"

namespace tb {
namespace {

struct FileCloser {
  void operator()(std::FILE* f) const {
    if (f) std::fclose(f);
  }
};
using FilePtr = std::unique_ptr<std::FILE, FileCloser>;

[[noreturn]] void onPngError(png_structp png, png_const_charp message) {
  auto* what = static_cast<std::string*>(png_get_error_ptr(png));
  if (what) *what = message;
  png_longjmp(png, 1);
}
void onPngWarning(png_structp, png_const_charp) {}

bool isOpaque(const ImageRGBA& image) {
  unsigned char all = 0xff;  // AND of every alpha byte: branch-free, vectorised
  for (int y = 0; y < image.height; ++y) {
    const unsigned char* row = image.at(0, y);
    for (int x = 0; x < image.width; ++x) all &= row[x * 4 + 3];
  }
  return all == 0xff;
}

}  // namespace

void writePng(const std::string& path, const ImageRGBA& image, const PngText& text, int compressionLevel) {
  if (image.empty()) throw internalError(path, "refusing to write an empty image");
  AtomicFile out(path);
  {
    FilePtr file(std::fopen(out.tempPath().c_str(), "wb"));
    if (!file) throw Error(path, "cannot create the output file");
    std::string problem;
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &problem, onPngError, onPngWarning);
    png_infop info = png ? png_create_info_struct(png) : nullptr;
    if (!info) throw internalError(path, "libpng could not start");
    std::vector<png_text> chunks(text.size());
    if (setjmp(png_jmpbuf(png))) {
      png_destroy_write_struct(&png, &info);
      throw Error(path, "PNG encoding failed: " + problem, kExitInternal);
    }
    png_init_io(png, file.get());
    png_set_compression_level(png, compressionLevel);
    // Sub filter only: most of the size win of adaptive filtering at a fraction of its cost.
    png_set_filter(png, 0, PNG_FILTER_SUB);
    // Rendered frames are opaque: written as RGB (libpng drops the alpha byte), a quarter less to
    // filter and compress, and a smaller file. Images with any transparency keep their alpha.
    const bool opaque = isOpaque(image);
    png_set_IHDR(png, info, image.width, image.height, 8, opaque ? PNG_COLOR_TYPE_RGB : PNG_COLOR_TYPE_RGB_ALPHA,
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    for (std::size_t i = 0; i < text.size(); ++i) {
      chunks[i] = png_text{};
      chunks[i].compression = PNG_TEXT_COMPRESSION_NONE;
      chunks[i].key = const_cast<char*>(text[i].first.c_str());
      chunks[i].text = const_cast<char*>(text[i].second.c_str());
    }
    if (!chunks.empty()) png_set_text(png, info, chunks.data(), static_cast<int>(chunks.size()));
    png_write_info(png, info);
    if (opaque) png_set_filler(png, 0, PNG_FILLER_AFTER);  // after write_info: strips the 4th byte
    for (int y = 0; y < image.height; ++y) png_write_row(png, image.at(0, y));
    png_write_end(png, info);
    png_destroy_write_struct(&png, &info);
    if (std::fflush(file.get()) != 0 || std::ferror(file.get()))
      throw Error(path, "write failed (disk full?)");
  }
  out.commit();
}

PngContents readPng(const std::string& path) {
  FilePtr file(std::fopen(path.c_str(), "rb"));
  if (!file) throw Error(path, "cannot open PNG file");
  unsigned char sig[8];
  if (std::fread(sig, 1, 8, file.get()) != 8 || png_sig_cmp(sig, 0, 8) != 0)
    throw Error(path, "not a PNG file");
  std::string problem;
  png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &problem, onPngError, onPngWarning);
  png_infop info = png ? png_create_info_struct(png) : nullptr;
  if (!info) throw internalError(path, "libpng could not start");
  PngContents result;
  if (setjmp(png_jmpbuf(png))) {
    png_destroy_read_struct(&png, &info, nullptr);
    throw Error(path, "corrupt PNG: " + problem);
  }
  png_init_io(png, file.get());
  png_set_sig_bytes(png, 8);
  png_read_info(png, info);
  png_set_expand(png);
  png_set_strip_16(png);
  png_set_gray_to_rgb(png);
  png_set_add_alpha(png, 0xff, PNG_FILLER_AFTER);
  png_read_update_info(png, info);
  const int w = static_cast<int>(png_get_image_width(png, info));
  const int h = static_cast<int>(png_get_image_height(png, info));
  result.image = ImageRGBA(w, h);
  std::vector<png_bytep> rows(h);
  for (int y = 0; y < h; ++y) rows[y] = result.image.at(0, y);
  png_read_image(png, rows.data());
  png_read_end(png, info);
  png_textp chunks = nullptr;
  int count = 0;
  png_get_text(png, info, &chunks, &count);
  for (int i = 0; i < count; ++i) result.text.emplace_back(chunks[i].key, chunks[i].text ? chunks[i].text : "");
  png_destroy_read_struct(&png, &info, nullptr);
  return result;
}

}  // namespace tb
