// meanSsim against values known without it: 1 for identical images, the closed form for flat
// images, a direct per-window evaluation of the paper's formula for a textured pair, and that
// blurring fine detail is what lowers it (the bench's sharpness row relies on that).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "core/ImageSsim.h"

namespace tb {
namespace {

ImageRGBA grey(int w, int h, std::uint8_t (*value)(int, int)) {
  ImageRGBA img(w, h);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      std::uint8_t* p = img.at(x, y);
      p[0] = p[1] = p[2] = value(x, y);
      p[3] = 255;
    }
  return img;
}

std::uint8_t texture(int x, int y) { return static_cast<std::uint8_t>((x * 37 + y * 91 + (x * y) % 13 * 11) % 256); }
std::uint8_t noisyTexture(int x, int y) {
  const int v = texture(x, y) + ((x * 7 + y * 3) % 5 - 2) * 9;
  return static_cast<std::uint8_t>(std::clamp(v, 0, 255));
}

// The paper's definition evaluated window by window (no separable blur): the reference.
double directSsim(const ImageRGBA& a, const ImageRGBA& b) {
  double k[11][11], sum = 0;
  for (int j = 0; j < 11; ++j)
    for (int i = 0; i < 11; ++i) sum += k[j][i] = std::exp(-((i - 5) * (i - 5) + (j - 5) * (j - 5)) / (2 * 1.5 * 1.5));
  const double c1 = 2.55 * 2.55, c2 = 7.65 * 7.65;
  double total = 0;
  int n = 0;
  for (int y0 = 0; y0 + 11 <= a.height; ++y0)
    for (int x0 = 0; x0 + 11 <= a.width; ++x0) {
      double mx = 0, my = 0, xx = 0, yy = 0, xy = 0;
      for (int j = 0; j < 11; ++j)
        for (int i = 0; i < 11; ++i) {
          const double wgt = k[j][i] / sum, x = a.at(x0 + i, y0 + j)[0], y = b.at(x0 + i, y0 + j)[0];
          mx += wgt * x, my += wgt * y, xx += wgt * x * x, yy += wgt * y * y, xy += wgt * x * y;
        }
      const double vx = xx - mx * mx, vy = yy - my * my, cov = xy - mx * my;
      total += (2 * mx * my + c1) * (2 * cov + c2) / ((mx * mx + my * my + c1) * (vx + vy + c2));
      ++n;
    }
  return total / n;
}

TEST(ImageSsim, IdenticalImagesScoreOne) {
  const ImageRGBA a = grey(40, 30, texture);
  EXPECT_NEAR(meanSsim(a, a), 1.0, 1e-12);
}

TEST(ImageSsim, FlatImagesFollowTheLuminanceTerm) {
  const ImageRGBA a = grey(20, 20, [](int, int) -> std::uint8_t { return 100; });
  const ImageRGBA b = grey(20, 20, [](int, int) -> std::uint8_t { return 110; });
  const double c1 = 2.55 * 2.55;
  EXPECT_NEAR(meanSsim(a, b), (2 * 100.0 * 110 + c1) / (100.0 * 100 + 110.0 * 110 + c1), 1e-9);  // 0.995476
}

TEST(ImageSsim, MatchesTheDefinitionWindowByWindow) {
  const ImageRGBA a = grey(48, 36, texture), b = grey(48, 36, noisyTexture);
  const double expected = directSsim(a, b);
  EXPECT_LT(expected, 0.99) << "the pair should differ enough to test something";
  EXPECT_NEAR(meanSsim(a, b), expected, 1e-9);
  EXPECT_NEAR(meanSsim(b, a), expected, 1e-9);
}

TEST(ImageSsim, BlurringFineDetailLowersIt) {
  const ImageRGBA sharp = grey(64, 64, [](int x, int y) -> std::uint8_t { return ((x / 2 + y / 2) % 2) ? 220 : 40; });
  ImageRGBA blurred = sharp;
  for (int y = 0; y < 64; ++y)
    for (int x = 0; x < 64; ++x) {
      int s = 0, n = 0;
      for (int dy = -1; dy <= 1; ++dy)
        for (int dx = -1; dx <= 1; ++dx)
          if (x + dx >= 0 && x + dx < 64 && y + dy >= 0 && y + dy < 64) s += sharp.at(x + dx, y + dy)[0], ++n;
      std::uint8_t* p = blurred.at(x, y);
      p[0] = p[1] = p[2] = static_cast<std::uint8_t>(s / n);
    }
  EXPECT_LT(meanSsim(sharp, blurred), 0.8);
}

TEST(ImageSsim, RefusesDifferentSizesAndTinyImages) {
  EXPECT_THROW(meanSsim(ImageRGBA(20, 20), ImageRGBA(20, 21)), std::invalid_argument);
  EXPECT_THROW(meanSsim(ImageRGBA(10, 40), ImageRGBA(10, 40)), std::invalid_argument);
}

}  // namespace
}  // namespace tb
