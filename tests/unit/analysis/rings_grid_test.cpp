// Range rings and reference grids: geodesic radii, labels, graticule and UTM lines where they belong.
#include <cmath>

#include <GeographicLib/UTMUPS.hpp>
#include <gtest/gtest.h>

#include "analysis/Elevation.h"
#include "analysis/Geodesy.h"
#include "analysis/GridLines.h"
#include "analysis/RangeRings.h"
#include "core/Error.h"
#include "scene/Scene.h"
#include "AnalysisWorlds.h"

namespace tb::analysis {
namespace {

TEST(RangeRings, EveryVertexIsTheRadiusAwayOnTheEllipsoid) {
  const world::World w = test::makeWorld(30000, 30000, 100, [](double, double) { return 0.0; });
  const Elevation e(w);
  const glm::dvec2 centre(1000, -2000);
  const auto rings = rangeRings(e, centre, {850, 17000});
  ASSERT_EQ(rings.size(), 2u);
  EXPECT_EQ(rings[0].label, "850 m");
  EXPECT_EQ(rings[1].label, "17 km");
  EXPECT_EQ(rings[0].points.size(), 361u);   // one per degree, closed
  EXPECT_GE(rings[1].points.size(), 1069u);  // 2π·17 km / 100 m chords
  EXPECT_EQ(rings[1].points.front(), rings[1].points.back());
  const glm::dvec2 c = e.toLonLat(centre);
  for (const RangeRing& ring : rings)
    for (std::size_t i = 0; i < ring.points.size(); i += 37)
      EXPECT_NEAR(geodesicInverse(c, e.toLonLat(ring.points[i])).distance, ring.radius, 0.01);
  // The label sits due true north.
  EXPECT_NEAR(geodesicInverse(c, e.toLonLat(rings[1].labelAt)).azimuth1, 0.0, 1e-6);
  EXPECT_THROW(rangeRings(e, centre, {-5}), Error);
}

TEST(RangeRings, ALabelWhoseNorthIsOffTheDataMovesOntoIt) {
  const world::World w = test::makeWorld(30000, 30000, 100, [](double, double) { return 0.0; });
  const Elevation e(w);
  const glm::dvec2 centre(0, 25000);  // 5 km from the north edge: an 8 km ring leaves it there
  const auto rings = rangeRings(e, centre, {8000});
  ASSERT_FALSE(e.contains(rings[0].points.front()));
  EXPECT_TRUE(e.contains(rings[0].labelAt));
  const glm::dvec2 c = e.toLonLat(centre);
  const GeodesicLeg g = geodesicInverse(c, e.toLonLat(rings[0].labelAt));
  EXPECT_NEAR(g.distance, 8000.0, 0.01);  // still on the ring
  EXPECT_NEAR(std::abs(g.azimuth1), 90.0, 1.0);  // east or west: NE and NW are off the data too
}

// Rings around a site: centred on a point site's own position and labelled with its name; a
// line, an area or a note has no one position and says so (no centre is made up).
TEST(RangeRings, ASitesRingsAreCentredOnItsPositionAndNamed) {
  scene::Site castle;
  castle.name = "Kyongsong Castle";
  castle.honesty = scene::Honesty::Given;
  castle.kind = geo::GeometryKind::Point;
  castle.lonLat = {{{129.67, 41.67}}};
  EXPECT_EQ(ringCentreOf(castle), glm::dvec2(129.67, 41.67));

  scene::Site coast = castle;
  coast.name = "Coastal defences";
  coast.honesty = scene::Honesty::Area;
  coast.kind = geo::GeometryKind::Line;
  coast.lonLat = {{{129.64, 41.55}, {129.70, 41.67}}};
  try {
    ringCentreOf(coast);
    ADD_FAILURE() << "a line got a centre";
  } catch (const Error& e) {
    EXPECT_EQ(e.file(), "Coastal defences");
    EXPECT_NE(e.problem().find("no one position"), std::string::npos) << e.problem();
  }
  scene::Site note;
  note.name = "Orang Airbase";
  note.honesty = scene::Honesty::Note;
  EXPECT_THROW(ringCentreOf(note), Error);

  const world::World w = test::makeWorld(30000, 30000, 100, [](double, double) { return 0.0; });
  const Elevation e(w);
  const auto rings = rangeRings(e, {0.0, 0.0}, {5000, 17000}, castle.name);
  ASSERT_EQ(rings.size(), 2u);
  EXPECT_EQ(rings[1].label, "17 km from Kyongsong Castle");
  EXPECT_EQ(rings[0].label, "5 km from Kyongsong Castle");
}

TEST(RangeRings, DistanceLabels) {
  EXPECT_EQ(formatDistance(17000), "17 km");
  EXPECT_EQ(formatDistance(2500), "2.5 km");
  EXPECT_EQ(formatDistance(1234), "1.23 km");
  EXPECT_EQ(formatDistance(120000), "120 km");
  EXPECT_EQ(formatDistance(999), "999 m");
}

TEST(GridLines, GraticuleLinesFollowTheirMeridiansAndParallels) {
  const world::World w = test::makeWorld(20000, 20000, 100, [](double, double) { return 0.0; });
  const Elevation e(w);
  const double step = graticuleSpacingFor(40000);
  EXPECT_DOUBLE_EQ(step, 5 / 60.0);  // 40 km: 5′ lines (about 9 km apart), 4 or more across
  const GridLines g = graticuleLines(e, e.dataLo(), e.dataHi(), step);
  EXPECT_EQ(g.spacingLabel, "5′");
  int meridians = 0, parallels = 0;
  for (const GridLine& l : g.lines) {
    ASSERT_GE(l.points.size(), 2u);
    const double v0 = l.meridian ? e.toLonLat(l.points.front()).x : e.toLonLat(l.points.front()).y;
    for (const glm::dvec2& p : l.points) {
      EXPECT_TRUE(e.contains(p));
      const glm::dvec2 ll = e.toLonLat(p);
      EXPECT_NEAR(l.meridian ? ll.x : ll.y, v0, 1e-7);
      EXPECT_NEAR(std::remainder(v0, step), 0.0, 1e-7);
    }
    (l.meridian ? meridians : parallels)++;
  }
  EXPECT_GE(meridians, 4);
  EXPECT_GE(parallels, 4);
  EXPECT_NE(std::find_if(g.lines.begin(), g.lines.end(), [](const GridLine& l) { return l.label == "129°35′E"; }),
            g.lines.end());
}

TEST(GridLines, UtmLinesAreWholeKilometres) {
  const world::World w = test::makeWorld(6000, 6000, 50, [](double, double) { return 0.0; });
  const Elevation e(w);
  EXPECT_DOUBLE_EQ(utmSpacingFor(5000), 1000.0);
  EXPECT_DOUBLE_EQ(utmSpacingFor(40000), 10000.0);
  const GridLines g = utmGridLines(e, e.dataLo(), e.dataHi(), 1000);
  EXPECT_EQ(g.lines.size(), 26u);  // 13 eastings and 13 northings over 12 km (on whole km)
  for (const GridLine& l : g.lines)
    for (const glm::dvec2& p : l.points) {
      const glm::dvec2 ll = e.toLonLat(p);
      int zone;
      bool north;
      double x, y;
      GeographicLib::UTMUPS::Forward(ll.y, ll.x, zone, north, x, y);
      EXPECT_EQ(zone, 52);
      EXPECT_NEAR(std::remainder(l.meridian ? x : y, 1000.0), 0.0, 1e-3);
    }
  // The scene's CRS is UTM 52N itself: grid lines are local lines on whole kilometres.
  EXPECT_EQ(g.lines.front().label, "44E");
  // Finer and coarser grids say their own digits: hundreds of metres, hundreds of kilometres.
  const GridLines fine = utmGridLines(e, {-300.0, -300.0}, {300.0, 300.0}, 100);
  EXPECT_EQ(fine.spacingLabel, "100 m");
  EXPECT_EQ(fine.lines.front().label, "497E");  // easting 549 700 m
  const GridLines coarse = utmGridLines(e, e.dataLo(), e.dataHi(), 100000);
  EXPECT_EQ(coarse.spacingLabel, "100 km");
  ASSERT_EQ(coarse.lines.size(), 1u) << "no 100 km easting crosses these 12 km";
  EXPECT_EQ(coarse.lines.front().label, "46N");  // northing 4600 km
}

}  // namespace
}  // namespace tb::analysis
