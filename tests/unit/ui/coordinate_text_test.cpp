// Site-card coordinates carry no more digits than their precision supports.
#include <gtest/gtest.h>

#include "ui/CoordinateText.h"

namespace tb::ui {
namespace {

TEST(CoordinateText, BriefPrecisionGivesThreeDecimalsAndWholeSeconds) {
  // The brief's three-decimal coordinates are good to about ±60 m.
  const CoordinateDigits d = digitsForPrecision(60.0);
  EXPECT_EQ(d.decimals, 3);
  EXPECT_EQ(d.dmsParts, 3);
  EXPECT_EQ(d.secondsDecimals, 0);
  EXPECT_EQ(formatDecimalDegrees(41.670, 129.670, d), "41.670° N, 129.670° E");
  EXPECT_EQ(formatDms(41.670, 129.670, d), "41° 40′ 12″ N, 129° 40′ 12″ E");
}

TEST(CoordinateText, CoarsePrecisionDropsDigitsAndSeconds) {
  const CoordinateDigits km2 = digitsForPrecision(2000.0);  // 0.01° = 1.1 km fits ±2 km; 0.1° = 11 km does not
  EXPECT_EQ(km2.decimals, 2);
  EXPECT_EQ(km2.dmsParts, 2);  // 1′ = 1.9 km
  EXPECT_EQ(formatDms(41.6705, 129.5, km2), "41° 40′ N, 129° 30′ E");
  const CoordinateDigits far = digitsForPrecision(80000.0);
  EXPECT_EQ(far.decimals, 0);
  EXPECT_EQ(far.dmsParts, 1);
}

TEST(CoordinateText, FinePrecisionAddsDigits) {
  const CoordinateDigits d = digitsForPrecision(5.0);  // ±5 m: 0.00001° = 1.1 m, 0.1″ = 3.1 m
  EXPECT_EQ(d.decimals, 5);
  EXPECT_EQ(d.secondsDecimals, 1);
  EXPECT_EQ(formatDecimalDegrees(-33.5, -70.25, d), "33.50000° S, 70.25000° W");
}

TEST(CoordinateText, RoundingCarriesIntoMinutesAndDegrees) {
  const CoordinateDigits d = digitsForPrecision(60.0);
  EXPECT_EQ(formatDms(41.99999, 129.0, d), "42° 00′ 00″ N, 129° 00′ 00″ E");
}

TEST(CoordinateText, PrecisionInWords) {
  EXPECT_EQ(formatPrecision(60.0), "±60 m");
  EXPECT_EQ(formatPrecision(2000.0), "±2 km");
  EXPECT_EQ(formatPrecision(std::nullopt), "not stated");
}

TEST(CoordinateText, ParsesTypedLatLon) {
  const auto a = parseLatLon("41.60, 129.62");
  ASSERT_TRUE(a);
  EXPECT_DOUBLE_EQ(a->first, 41.60);
  EXPECT_DOUBLE_EQ(a->second, 129.62);
  EXPECT_TRUE(parseLatLon("41.6 129.6"));
  EXPECT_FALSE(parseLatLon("41.6"));
  EXPECT_FALSE(parseLatLon("95, 129"));
  EXPECT_FALSE(parseLatLon("41.6, 129.6 x"));
  EXPECT_FALSE(parseLatLon(""));
}

TEST(CoordinateText, GoToAcceptsDmsUtmAndMgrs) {
  for (const char* text : {"41°35'N 129°36'E", "52N 550016 4603319", "52TEM5001603319", "52T EM 50016 03319"}) {
    const auto p = parseLatLon(text);
    ASSERT_TRUE(p) << text;
    EXPECT_NEAR(p->first, 41.58, 0.005) << text;
    EXPECT_NEAR(p->second, 129.60, 0.005) << text;
  }
  EXPECT_FALSE(parseLatLon("52TEM500160331"));  // odd digits: not MGRS
}

}  // namespace
}  // namespace tb::ui
