// The briefing lower third (CaptionPass): its layout stays in the bottom band at any size, wraps
// within the width, shrinks and cuts with "…" on tiny frames; drawn, it changes only the band,
// and a full fade blacks out everything but the synthetic-data stamp.
#include <gtest/gtest.h>

#include "overlay_fixture.h"
#include "render/CaptionPass.h"
#include "render/TextRenderer.h"
#include "render/gl/ProgramCache.h"

namespace tb::overlaytest {
namespace {

using render::CaptionContent;
using render::CaptionLayout;
using render::FontFace;

const char* kLongCaption =
    "A county seat on a broad river plain, with the sea to the east and the mountains rising behind it.\n"
    "About 105,909 people were counted in 2008; the 2020 estimate is 119,340. Two rivers and a stream meet here.\n"
    "The brief gives no position for the town itself, so no pin marks it. Source: city brief, paragraph 1.";

CaptionContent content() {
  CaptionContent c;
  c.title = "Kyongsong: plain, mountains and sea";
  c.caption = kLongCaption;
  c.stepIndex = 2;
  c.stepCount = 9;
  c.progress01 = 0.25;
  return c;
}

TEST(CaptionPass, LayoutIsABottomBandWithWrappedLinesAndCounter) {
  TB_REQUIRE_GPU();
  const world::World world = makeWorld(true);
  render::gl::ProgramCache programs;
  render::TextRenderer text(programs);
  for (const auto [w, h] : {std::pair{1920, 1080}, std::pair{1280, 720}, std::pair{3840, 2160}}) {
    Frame f = makeFrame(world, w, h, std::max(1.0f, std::min(w, h) / 1080.0f));
    const CaptionLayout L = render::captionLayout(*f.ctx, text, content());
    ASSERT_TRUE(L.visible);
    EXPECT_EQ(L.band.min.x, 0.0f);
    EXPECT_EQ(L.band.max.x, float(w));
    EXPECT_EQ(L.band.max.y, float(h));
    EXPECT_GT(L.band.min.y, h * 0.6f) << w << "x" << h << ": the band is not a lower third";
    EXPECT_EQ(L.counter, "3 / 9");
    EXPECT_EQ(L.title, content().title);
    ASSERT_GE(L.lines.size(), 3u);  // at least one line per paragraph
    float previous = L.titleBaseline.y;
    EXPECT_GT(previous, L.band.min.y);
    for (std::size_t i = 0; i < L.lines.size(); ++i) {
      EXPECT_GT(L.lineBaselines[i].y, previous);
      previous = L.lineBaselines[i].y;
      EXPECT_LE(L.lineBaselines[i].x + text.measure(L.lines[i], FontFace::Regular, L.captionSizePx).width,
                w - L.lineBaselines[i].x + 0.5f)
          << L.lines[i];
    }
    EXPECT_LT(previous, float(h));
    // The progress line: a quarter of the width done.
    ASSERT_TRUE(L.progress);
    EXPECT_NEAR(L.progressDone.max.x, w * 0.25f, 1.0f);
    // Same relative size at every resolution: the band's share of the height barely changes.
    EXPECT_NEAR((h - L.band.min.y) / h, 0.2f, 0.08f) << w << "x" << h;
  }
}

TEST(CaptionPass, TinyFramesShrinkTheTextAndCutWithEllipsis) {
  TB_REQUIRE_GPU();
  const world::World world = makeWorld(true);
  render::gl::ProgramCache programs;
  render::TextRenderer text(programs);
  Frame f = makeFrame(world, 160, 90, 1.0f);
  const CaptionLayout L = render::captionLayout(*f.ctx, text, content());
  ASSERT_TRUE(L.visible);
  EXPECT_LE(90.0f - L.band.min.y, 90.0f * 0.45f + 1.0f);
  ASSERT_FALSE(L.lines.empty());
  const std::string& last = L.lines.back();
  EXPECT_EQ(last.substr(last.size() - 3), "\u2026") << last;
}

TEST(CaptionPass, WrapKeepsEveryWordWithinTheWidthAndBalancesLines) {
  TB_REQUIRE_GPU();
  render::gl::ProgramCache programs;
  render::TextRenderer text(programs);
  const std::string p = "Two local mines supply kaolin, a fine clay, and coal for heat; none is on the map, only.";
  const float full = text.measure(p, FontFace::Regular, 16.0f).width;
  const float maxWidth = full * 0.8f;  // greedy: a long line and a short tail
  const auto lines = render::wrapParagraph(p, maxWidth, text, FontFace::Regular, 16.0f);
  ASSERT_EQ(lines.size(), 2u);
  std::string joined;
  for (const std::string& l : lines) {
    EXPECT_LE(text.measure(l, FontFace::Regular, 16.0f).width, maxWidth + 0.5f) << l;
    joined += (joined.empty() ? "" : " ") + l;
  }
  EXPECT_EQ(joined, p);
  const float a = text.measure(lines[0], FontFace::Regular, 16.0f).width;
  const float b = text.measure(lines[1], FontFace::Regular, 16.0f).width;
  EXPECT_LT(std::abs(a - b), full * 0.25f) << "unbalanced: \"" << lines[0] << "\" / \"" << lines[1] << "\"";
}

TEST(CaptionPass, DrawsOnlyInTheBandAndAFullFadeKeepsTheStamp) {
  TB_REQUIRE_GPU();
  const world::World world = makeWorld(true);
  render::gl::ProgramCache programs;
  render::TextRenderer text(programs);
  render::CaptionPass pass(text);
  const int W = 640, H = 360;
  Frame f = makeFrame(world, W, H, 1.0f);
  Target target(W, H);
  target.clear();
  const ImageRGBA before = target.read();
  const CaptionContent c = content();
  pass.draw(*f.ctx, c);
  const ImageRGBA with = target.read();
  const CaptionLayout L = render::captionLayout(*f.ctx, text, c);
  const int bandTop = static_cast<int>(L.band.min.y);
  long changedAbove = 0, changedInBand = 0;
  for (int y = 0; y < H; ++y)
    for (int x = 0; x < W; ++x) {
      const bool changed = std::abs(int(with.at(x, y)[0]) - int(before.at(x, y)[0])) > 2 ||
                           std::abs(int(with.at(x, y)[1]) - int(before.at(x, y)[1])) > 2;
      (y < bandTop ? changedAbove : changedInBand) += changed ? 1 : 0;
    }
  EXPECT_EQ(changedAbove, 0);
  EXPECT_GT(changedInBand, (H - bandTop) * W / 2);

  // Full fade: black everywhere except the stamp (drawn above the fade, yellow on dark).
  target.clear();
  CaptionContent black = c;
  black.fadeAlpha = 1.0;
  black.showLowerThird = false;
  pass.draw(*f.ctx, black);
  const ImageRGBA faded = target.read();
  long bright = 0, brightOutsideTop = 0;
  for (int y = 0; y < H; ++y)
    for (int x = 0; x < W; ++x)
      if (faded.at(x, y)[0] > 60) {
        ++bright;
        if (y > H / 6) ++brightOutsideTop;
      }
  EXPECT_GT(bright, 50) << "the stamp disappeared under the fade";
  EXPECT_EQ(brightOutsideTop, 0);
}

}  // namespace
}  // namespace tb::overlaytest
