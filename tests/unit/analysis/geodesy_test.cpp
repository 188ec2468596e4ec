// Geodesy and Measurement: GeographicLib against its published values, and the measuring tool's
// figures on surfaces with known answers.
#include <cmath>

#include <gtest/gtest.h>

#include "analysis/Elevation.h"
#include "analysis/Geodesy.h"
#include "core/Error.h"
#include "AnalysisWorlds.h"

namespace tb::analysis {
namespace {

TEST(Geodesy, InverseMatchesGeodTest) {
  // The first line of Karney's GeodTest.dat (the published geodesic test set for WGS 84).
  const GeodesicLeg g = geodesicInverse({-139.44815, 35.60777}, {-69.95921, -11.17491});
  EXPECT_NEAR(g.distance, 8935244.5604818305, 1e-6);
  EXPECT_NEAR(g.azimuth1, 111.098748429560326, 1e-10);
  EXPECT_NEAR(g.azimuth2, 129.289270889708762, 1e-10);
}

TEST(Geodesy, MatchesGeodSolveDocumentedExamples) {
  // GeodSolve(1): JFK (40:38:23N 073:46:44W) to Singapore Changi (01:21:33N 103:59:22E):
  // 003:18:29.9 177:29:09.2 15347628.
  const glm::dvec2 jfk(-(73 + 46 / 60.0 + 44 / 3600.0), 40 + 38 / 60.0 + 23 / 3600.0);
  const glm::dvec2 sin(103 + 59 / 60.0 + 22 / 3600.0, 1 + 21 / 60.0 + 33 / 3600.0);
  const GeodesicLeg g = geodesicInverse(jfk, sin);
  EXPECT_NEAR(g.distance, 15347628, 0.5);
  EXPECT_NEAR(g.azimuth1, 3 + 18 / 60.0 + 29.9 / 3600.0, 0.05 / 3600.0);
  EXPECT_NEAR(g.azimuth2, 177 + 29 / 60.0 + 9.2 / 3600.0, 0.05 / 3600.0);
  // Direct back along the same line lands on Changi.
  const glm::dvec2 end = geodesicDirect(jfk, g.azimuth1, g.distance);
  EXPECT_NEAR(end.x, sin.x, 1e-9);
  EXPECT_NEAR(end.y, sin.y, 1e-9);
}

TEST(Geodesy, PolygonAreaOfAOneDegreeCellAtTheEquator) {
  // A 1° x 1° cell on the equator has area 12308778361.469 m² on WGS 84 (closed-form
  // authalic-latitude integral); a clockwise ring gives the same magnitude.
  EXPECT_NEAR(geodesicPolygonArea({{0, 0}, {1, 0}, {1, 1}, {0, 1}}), 12308778361.469, 5e4);
  EXPECT_NEAR(geodesicPolygonArea({{0, 1}, {1, 1}, {1, 0}, {0, 0}}), 12308778361.469, 5e4);
}

TEST(Geodesy, GridBearingAddsTheNorthOffset) {
  EXPECT_DOUBLE_EQ(gridBearing(90.0, 1.5), 91.5);
  EXPECT_DOUBLE_EQ(gridBearing(359.0, 2.0), 1.0);
  EXPECT_DOUBLE_EQ(gridBearing(1.0, -2.0), 359.0);
}

TEST(Measurement, OnASlopeTheSurfaceIsLongerThanTheGround) {
  // A plane rising 30 m per 100 m east.
  const world::World w = test::makeWorld(3000, 3000, 10, [](double x, double) { return 1000.0 + 0.3 * x; });
  for (const world::World& world : {w, test::streamed(w)}) {
    const Elevation e(world);
    const Measurement m = measure(e, {{-1000, 0}, {1000, 0}});
    ASSERT_EQ(m.legs.size(), 1u);
    const MeasureLeg& leg = m.legs[0];
    // 2 km of grid is 2 km / k of ellipsoid, k the UTM scale factor here (~0.99960).
    EXPECT_NEAR(leg.horizontal, 2000.0 / 0.99960, 0.5);
    EXPECT_NEAR(leg.heightDelta, 600.0, 1e-3);
    EXPECT_NEAR(leg.surface, std::hypot(leg.horizontal, 600.0), 0.5);
    EXPECT_NEAR(leg.slant, std::hypot(leg.horizontal, 600.0), 0.5);
    // Due grid east: the grid bearing is 90°; the true bearing differs by the convergence.
    EXPECT_NEAR(leg.gridBearing, 90.0, 0.01);
    EXPECT_NEAR(leg.trueBearing, 90.0 - e.world().trueNorthBearing({-1000, 0}), 0.01);
    EXPECT_FALSE(m.area);
  }
}

TEST(Measurement, ClosedSquareHasItsArea) {
  const world::World w = test::makeWorld(3000, 3000, 10, [](double, double) { return 50.0; });
  const Elevation e(w);
  const Measurement m = measure(e, {{0, 0}, {1000, 0}, {1000, 1000}, {0, 1000}}, true);
  ASSERT_TRUE(m.area);
  EXPECT_EQ(m.legs.size(), 4u);
  EXPECT_NEAR(*m.area, 1e6 / (0.99960 * 0.99960), 500.0);
  EXPECT_NEAR(m.horizontal, 4000.0 / 0.99960, 2.0);
  EXPECT_NEAR(m.surface, m.horizontal, 1e-6);  // flat: the surface is the ground
}

TEST(Measurement, BadPointsSayWhich) {
  const world::World w = test::makeWorld(1000, 1000, 10, [](double, double) { return 50.0; });
  const Elevation e(w);
  try {
    measure(e, {{0, 0}, {5000, 0}});
    FAIL();
  } catch (const Error& err) {
    EXPECT_EQ(err.file(), "point 2");
    EXPECT_EQ(err.problem(), "lies outside the terrain data");
  }
  EXPECT_THROW(measure(e, {{0, 0}}), Error);
}

}  // namespace
}  // namespace tb::analysis
