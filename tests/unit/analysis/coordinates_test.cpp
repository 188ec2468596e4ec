// Coordinates: the four formats written and read back, MGRS to the metre, lenient layouts and
// strict refusals.
#include <cmath>

#include <gtest/gtest.h>

#include "analysis/Coordinates.h"
#include "analysis/Geodesy.h"

namespace tb::analysis {
namespace {

const glm::dvec2 kKyongsong(129.60, 41.58);

double metresApart(glm::dvec2 a, glm::dvec2 b) { return geodesicInverse(a, b).distance; }

TEST(Coordinates, MgrsRoundTripsToTheMetre) {
  for (double lat = -79.5; lat < 84; lat += 7.3)
    for (double lon = -179.7; lon < 180; lon += 11.9) {
      const glm::dvec2 p(lon, lat);
      const std::string text = formatCoordinate(p, CoordinateFormat::Mgrs, 5);
      const CoordinateParse back = parseCoordinate(text);
      ASSERT_TRUE(back.value) << text << ": " << back.error;
      EXPECT_EQ(back.value->format, CoordinateFormat::Mgrs);
      EXPECT_DOUBLE_EQ(back.value->precision, 1.0);
      EXPECT_LT(metresApart(p, back.value->lonLat), 1.0) << text;  // the 1 m square's centre
    }
}

TEST(Coordinates, EveryFormatRoundTrips) {
  for (CoordinateFormat f : {CoordinateFormat::DecimalDegrees, CoordinateFormat::Dms, CoordinateFormat::Utm,
                             CoordinateFormat::Mgrs}) {
    const std::string text = formatCoordinate(kKyongsong, f);
    const CoordinateParse back = parseCoordinate(text);
    ASSERT_TRUE(back.value) << text << ": " << back.error;
    EXPECT_EQ(back.value->format, f) << text;
    EXPECT_LT(metresApart(kKyongsong, back.value->lonLat), 3.5) << text;  // 0.1″ is 3 m
  }
  EXPECT_EQ(formatCoordinate(kKyongsong, CoordinateFormat::DecimalDegrees), "41.58000° N, 129.60000° E");
  EXPECT_EQ(formatCoordinate(kKyongsong, CoordinateFormat::Dms), "41° 34′ 48.0″ N, 129° 36′ 00.0″ E");
  EXPECT_EQ(formatCoordinate(kKyongsong, CoordinateFormat::Mgrs, 5), "52T EM 50016 03319");
  EXPECT_EQ(formatCoordinate(kKyongsong, CoordinateFormat::Mgrs, 2), "52T EM 50 03");
  EXPECT_EQ(formatCoordinate({-70.5, -33.4}, CoordinateFormat::Utm).substr(0, 4), "19S ");
}

TEST(Coordinates, ParsesWhatPeopleType) {
  struct Case {
    const char* text;
    double lat, lon, tolerance;
    CoordinateFormat format;
  };
  const Case cases[] = {
      {"41.58, 129.60", 41.58, 129.60, 1e-9, CoordinateFormat::DecimalDegrees},
      {"41.58 129.6", 41.58, 129.60, 1e-9, CoordinateFormat::DecimalDegrees},
      {"41.58N 129.60E", 41.58, 129.60, 1e-9, CoordinateFormat::DecimalDegrees},
      {"129.60E 41.58N", 41.58, 129.60, 1e-9, CoordinateFormat::DecimalDegrees},
      {"41.58 n, 129.6 e", 41.58, 129.60, 1e-9, CoordinateFormat::DecimalDegrees},
      {"-33.4 -70.5", -33.4, -70.5, 1e-9, CoordinateFormat::DecimalDegrees},
      {"41°35'N 129°36'E", 41 + 35 / 60.0, 129.6, 1e-9, CoordinateFormat::Dms},
      {"41°35′12″N, 129°36′E", 41 + 35 / 60.0 + 12 / 3600.0, 129.6, 1e-9, CoordinateFormat::Dms},
      {"41 35 12 N 129 36 0 E", 41 + 35 / 60.0 + 12 / 3600.0, 129.6, 1e-9, CoordinateFormat::Dms},
      {"N 41 35 E 129 36", 41 + 35 / 60.0, 129.6, 1e-9, CoordinateFormat::Dms},
      {"52N 550016 4603319", 41.58, 129.60, 2e-5, CoordinateFormat::Utm},
      {"52T 550016 4603319", 41.58, 129.60, 2e-5, CoordinateFormat::Utm},
      {"52 north 550016 4603319", 41.58, 129.60, 2e-5, CoordinateFormat::Utm},
      {"52TEM5001603319", 41.58, 129.60, 2e-5, CoordinateFormat::Mgrs},
      {"52t em 50016 03319", 41.58, 129.60, 2e-5, CoordinateFormat::Mgrs},
      {"52T EM 5 0", 41.58, 129.60, 0.06, CoordinateFormat::Mgrs},
  };
  for (const Case& c : cases) {
    const CoordinateParse p = parseCoordinate(c.text);
    ASSERT_TRUE(p.value) << c.text << ": " << p.error;
    EXPECT_NEAR(p.value->lonLat.y, c.lat, c.tolerance) << c.text;
    EXPECT_NEAR(p.value->lonLat.x, c.lon, c.tolerance) << c.text;
    EXPECT_EQ(p.value->format, c.format) << c.text;
  }
  EXPECT_DOUBLE_EQ(parseCoordinate("52T EM 5 0").value->precision, 10000.0);
  EXPECT_NEAR(parseCoordinate("41°35'N 129°36'E").value->precision, 111320.0 / 60 / 2, 1e-6);
}

TEST(Coordinates, UtmBandSIsNorthUnlessTheNorthingSaysSouth) {
  // Band S (32-40° N) in Korea; 19 S with a southern northing is Chile.
  const auto korea = parseCoordinate("52S 500000 4000000");
  ASSERT_TRUE(korea.value);
  EXPECT_NEAR(korea.value->lonLat.y, 36.14, 0.01);
  const auto chile = parseCoordinate("19S 350000 6300000");
  ASSERT_TRUE(chile.value);
  EXPECT_LT(chile.value->lonLat.y, -33.0);
}

TEST(Coordinates, RefusesGarbageWithOneLine) {
  for (const char* bad : {"", "hello", "41.58", "41.58 129.6 7", "95 129", "41 200", "52TEM500160331",
                          "52TZZ5000003000", "61N 500000 4000000", "52X 550016 4603319 9", "41.5x 129.6",
                          "52T EM 5001 03319 12", "41.58N 41.58N"}) {
    const CoordinateParse p = parseCoordinate(bad);
    EXPECT_FALSE(p.value) << bad;
    EXPECT_FALSE(p.error.empty()) << bad;
    EXPECT_EQ(p.error.find('\n'), std::string::npos) << bad;
  }
}

}  // namespace
}  // namespace tb::analysis
