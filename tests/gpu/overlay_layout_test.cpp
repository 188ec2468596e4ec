// CPU-only overlay maths (no GL context needed): label placement, scale-bar choice, compass
// words, line draping and font measurement. Lives with the gpu tests because tb_render is only
// linked there.
#include <cmath>

#include <gtest/gtest.h>

#include "render/DrapedLines.h"
#include "render/GlyphAtlas.h"
#include "render/HudPass.h"
#include "render/LabelLayout.h"
#include "render/LabelPass.h"

using namespace tb::render;

namespace {
LabelLayoutOptions options(float w, float h) {
  LabelLayoutOptions o;
  o.imageSize = {w, h};
  return o;
}
}  // namespace

TEST(OverlayLayout, TwoLabelsAtTheSameAnchorDoNotOverlap) {
  const LabelRequest a{{400, 300}, {120, 30}, 8, 10};
  const LabelRequest b{{400, 300}, {100, 30}, 8, 5};
  const auto placed = layoutLabels({a, b}, options(800, 600));
  ASSERT_EQ(placed.size(), 2u);
  ASSERT_TRUE(placed[0].placed);
  ASSERT_TRUE(placed[1].placed);
  EXPECT_FALSE(placed[0].box.overlaps(placed[1].box));
  // The higher-priority label gets the preferred spot: centred above its anchor.
  EXPECT_FLOAT_EQ(placed[0].box.max.y, 300 - 8);
  EXPECT_FLOAT_EQ((placed[0].box.min.x + placed[0].box.max.x) * 0.5f, 400);
}

TEST(OverlayLayout, ManyLabelsAtOneAnchorNeverOverlapAndLowestPriorityDropsFirst) {
  std::vector<LabelRequest> reqs;
  for (int i = 0; i < 12; ++i) reqs.push_back({{200, 150}, {90, 24}, 6, i});
  LabelLayoutOptions o = options(400, 300);
  o.leaderStep = 28;
  const auto placed = layoutLabels(reqs, o);
  int count = 0;
  for (std::size_t i = 0; i < placed.size(); ++i) {
    if (!placed[i].placed) continue;
    ++count;
    EXPECT_TRUE(placed[i].box.inside({400, 300}));
    for (std::size_t j = i + 1; j < placed.size(); ++j)
      if (placed[j].placed) EXPECT_FALSE(placed[i].box.overlaps(placed[j].box)) << i << " vs " << j;
  }
  EXPECT_GE(count, 4);
  EXPECT_LT(count, 12);  // not all fit in this small image around one point
  EXPECT_TRUE(placed[11].placed);  // the highest priority always gets a place
  EXPECT_FALSE(placed[0].placed);  // the lowest is the one dropped
}

TEST(OverlayLayout, LabelsAvoidObstaclesAndStayInsideTheImage) {
  LabelLayoutOptions o = options(300, 200);
  o.obstacles.push_back({{0, 0}, {300, 40}});  // a stamp band across the top
  const auto placed = layoutLabels({{{150, 45}, {80, 20}, 4, 1}}, o);
  ASSERT_TRUE(placed[0].placed);
  EXPECT_FALSE(placed[0].box.overlaps(o.obstacles[0]));
  EXPECT_TRUE(placed[0].box.inside({300, 200}));
  // A label bigger than the image has nowhere to go.
  EXPECT_FALSE(layoutLabels({{{150, 100}, {400, 20}, 4, 1}}, o)[0].placed);
}

// Grid labels on a low oblique view: the rows entering the left edge crowd toward the horizon
// (y shrinking as they recede). The nearest keep their labels, whatever order they come in; a
// far one that would come within the margin of another is dropped, not moved along its line.
TEST(OverlayLayout, EdgeLabelsKeepTheNearestAndDropTheCrowdedFarOnes) {
  std::vector<EdgeLabelRequest> rows;
  const float ys[] = {232, 236, 241, 248, 258, 275, 305, 360, 470, 690};  // far to near
  for (int i = 0; i < 10; ++i) rows.push_back({{8.0f, ys[i]}, {30.0f, 15.0f}, 20000.0 / (i + 1)});
  LabelLayoutOptions o = options(1280, 720);
  o.margin = 6.0f;
  const auto laid = layoutEdgeLabels(rows, o);
  ASSERT_EQ(laid.size(), rows.size());
  for (int i = 5; i < 10; ++i) EXPECT_TRUE(laid[i].placed) << "near row at y=" << ys[i];
  int dropped = 0;
  for (int i = 0; i < 10; ++i) {
    if (!laid[i].placed) {
      ++dropped;
      continue;
    }
    EXPECT_LT(distanceToBox(rows[i].anchor, laid[i].box), 12.0f) << "beside its entry point, y=" << ys[i];
    for (int j = i + 1; j < 10; ++j) {
      if (!laid[j].placed) continue;
      const LabelRect grown{laid[i].box.min - glm::vec2(o.margin - 0.01f), laid[i].box.max + glm::vec2(o.margin - 0.01f)};
      EXPECT_FALSE(grown.overlaps(laid[j].box)) << ys[i] << " crowds " << ys[j];
    }
  }
  EXPECT_GE(dropped, 3) << "the far rows near the horizon go";
  EXPECT_FALSE(laid[0].placed && laid[1].placed) << "the two farthest rows are 4 px apart";
}

TEST(OverlayLayout, ScaleBarIsARoundNumberSpanningUpToAFifthOfTheWidth) {
  for (double mpp : {0.37, 1.0, 3.3, 21.875, 48.0, 250.0}) {
    for (double width : {320.0, 1920.0, 8192.0}) {
      const ScaleBarChoice s = chooseScaleBar(mpp, width);
      const double mantissa = s.metres / std::pow(10.0, std::floor(std::log10(s.metres) + 1e-9));
      EXPECT_TRUE(std::abs(mantissa - 1) < 1e-9 || std::abs(mantissa - 2) < 1e-9 || std::abs(mantissa - 5) < 1e-9)
          << s.metres;
      EXPECT_LE(s.pixels, 0.2 * width + 1e-6);
      EXPECT_GE(s.pixels, 0.2 * width / 2.5 - 1e-6);  // next round number would be too long
      EXPECT_NEAR(s.pixels * mpp, s.metres, 1e-6);
    }
  }
  EXPECT_EQ(chooseScaleBar(21.875, 1920).text, "5 km");  // 384 px * 21.875 m = 8.4 km -> 5 km
  EXPECT_EQ(chooseScaleBar(1.0, 1920).text, "200 m");
  EXPECT_EQ(chooseScaleBar(0.0, 1920).metres, 0.0);
}

TEST(OverlayLayout, CompassWordsAndNoteText) {
  EXPECT_EQ(compassPoint(0), "N");
  EXPECT_EQ(compassPoint(180), "S");
  EXPECT_EQ(compassPoint(-90), "W");
  EXPECT_EQ(compassPoint(359), "N");
  EXPECT_EQ(compassPoint(135), "SE");
  tb::scene::Site s;
  s.name = "Orang Airbase";
  s.directionDeg = 180;
  s.distanceKm = 17;
  s.directionFrom = "Kyongsong";
  EXPECT_EQ(directionNoteText(s), "Orang Airbase \u2014 17 km S of Kyongsong");
}

TEST(OverlayLayout, DrapedLinesFollowTheGridAndFadeAtTheUncertainEnd) {
  std::vector<float> h(11 * 11);
  for (int r = 0; r < 11; ++r)
    for (int c = 0; c < 11; ++c) h[r * 11 + c] = float(c) * 10.0f;  // z = x + 50 over x in [-50, 50]
  tb::terrain::HeightField hf(11, 11, 10.0, {-50.0, 50.0}, std::move(h));
  const auto v = drapeLine({{-40.0, 0.0}, {40.0, 0.0}}, hf, 10.0, LineFade::End, 0.25);
  ASSERT_GE(v.size(), 9u);
  for (std::size_t i = 1; i < v.size(); ++i) EXPECT_LE(glm::length(v[i].pos - v[i - 1].pos), 10.0 * std::sqrt(2.0) + 1e-3);
  for (const auto& p : v) EXPECT_NEAR(p.pos.z, p.pos.x + 50.0f, 1e-3);
  EXPECT_FLOAT_EQ(v.front().fade, 1.0f);
  EXPECT_FLOAT_EQ(v.back().fade, 0.0f);
  EXPECT_FLOAT_EQ(v[v.size() / 2].fade, 1.0f);  // the middle is solid
  EXPECT_NEAR(v.back().alongM, 80.0f, 1e-3);
}

TEST(OverlayLayout, TextWidthScalesWithPixelSizeAndHandlesUtf8) {
  GlyphAtlas atlas;
  const std::string stamp = kSyntheticStamp;
  const float w14 = atlas.shape(stamp, FontFace::Bold, 14).width;
  const float w112 = atlas.shape(stamp, FontFace::Bold, 112).width;
  EXPECT_GT(w14, 200.0f);
  EXPECT_NEAR(w112 / w14, 8.0, 0.4);
  // The em dash and a right single quote are single glyphs, not replacement boxes or bytes.
  const ShapedText& dash = atlas.shape("\u2014", FontFace::Regular, 20);
  ASSERT_EQ(dash.glyphs.size(), 1u);
  EXPECT_NE(dash.glyphs[0].index, 0u);
  const ShapedText& quote = atlas.shape("Kyongsong\u2019s", FontFace::Regular, 20);
  EXPECT_EQ(quote.glyphs.size(), 11u);
  for (const auto& g : quote.glyphs) EXPECT_NE(g.index, 0u);
  // Kerning: "AV" is narrower than "A" + "V" measured apart.
  EXPECT_LT(atlas.shape("AV", FontFace::Regular, 40).width,
            atlas.shape("A", FontFace::Regular, 40).width + atlas.shape("V", FontFace::Regular, 40).width);
}

TEST(OverlayLayout, HonestyLineSaysHowFarToTrustThePosition) {
  tb::scene::Site s;
  s.honesty = tb::scene::Honesty::Given;
  s.precisionM = 60;
  EXPECT_EQ(honestyLine(s), "given \u00b160 m");
  s.honesty = tb::scene::Honesty::Derived;
  s.precisionM = 1500;
  EXPECT_EQ(honestyLine(s), "derived \u00b11.5 km");
  s.honesty = tb::scene::Honesty::Area;
  EXPECT_EQ(honestyLine(s), "area, approximate");
}
