// core: PNG round trip with text chunks, atomic writes leave nothing behind on failure.
#include <gtest/gtest.h>

#include <filesystem>

#include "core/Error.h"
#include "core/PngFile.h"

namespace fs = std::filesystem;

TEST(PngFile, RoundTripKeepsPixelsAndText) {
  const fs::path dir = fs::path(TB_TEST_OUTPUT_DIR) / "core";
  fs::create_directories(dir);
  tb::ImageRGBA img(7, 5);
  for (int y = 0; y < 5; ++y)
    for (int x = 0; x < 7; ++x) {
      auto* p = img.at(x, y);
      p[0] = uint8_t(x * 30), p[1] = uint8_t(y * 40), p[2] = 200, p[3] = 255;
    }
  const std::string path = (dir / "roundtrip.png").string();
  tb::writePng(path, img, {{"Software", "terrabrief"}, {"Synthetic", "yes"}});
  const auto back = tb::readPng(path);
  ASSERT_EQ(back.image.width, 7);
  ASSERT_EQ(back.image.height, 5);
  EXPECT_EQ(back.image.pixels, img.pixels);
  ASSERT_EQ(back.text.size(), 2u);
  EXPECT_EQ(back.text[1].first, "Synthetic");
  EXPECT_EQ(back.text[1].second, "yes");
}

TEST(PngFile, UnwritableDirectoryFailsWithoutLeavingFiles) {
  tb::ImageRGBA img(2, 2);
  try {
    tb::writePng("/nonexistent-dir/out.png", img);
    FAIL() << "expected an error";
  } catch (const tb::Error& e) {
    EXPECT_EQ(e.file(), "/nonexistent-dir/out.png");
    EXPECT_NE(std::string(e.what()).find("does not exist"), std::string::npos);
  }
}

TEST(PngFile, ReadingANonPngNamesTheFile) {
  const fs::path dir = fs::path(TB_TEST_OUTPUT_DIR) / "core";
  fs::create_directories(dir);
  const std::string path = (dir / "not-a-png.png").string();
  FILE* f = fopen(path.c_str(), "w");
  fputs("hello", f);
  fclose(f);
  EXPECT_THROW(tb::readPng(path), tb::Error);
}
