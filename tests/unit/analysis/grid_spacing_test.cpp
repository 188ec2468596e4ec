// The grid's spacing chosen from the ground a view shows (camera::groundFootprint), counted as
// the lines a viewer sees: north-south lines crossing the image's top and bottom edges. A close,
// tilted view (1500 m up, 35° down) used to get 15″ lines from its height alone, 20-odd across
// the top of the image; from its footprint it gets 4-10 there, and still a line or two across
// the bottom. A straight-down view keeps 4-10 across.
#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "AnalysisWorlds.h"
#include "analysis/Elevation.h"
#include "analysis/GridLines.h"
#include "camera/CameraRay.h"
#include "camera/GroundFootprint.h"

namespace tb::analysis {
namespace {

constexpr int kW = 1280, kH = 720;

CameraPose poseAt(double height, double pitchDeg) {
  CameraPose p;
  p.eye = {0.0, -8000.0, height};
  p.headingDeg = 0.0;
  p.pitchDeg = pitchDeg;
  p.fovYDeg = 40.0;
  return p;
}

// North-south lines crossing image row `py` inside the image.
int crossings(const GridLines& grid, const CameraPose& pose, double py) {
  int n = 0;
  for (const GridLine& l : grid.lines) {
    if (!l.meridian) continue;
    for (std::size_t i = 1; i < l.points.size(); ++i) {
      const auto a = camera::projectToPixel(pose, kW, kH, glm::dvec3(l.points[i - 1], 0.0));
      const auto b = camera::projectToPixel(pose, kW, kH, glm::dvec3(l.points[i], 0.0));
      if (!a || !b || (a->y - py) * (b->y - py) > 0 || a->y == b->y) continue;
      const double x = a->x + (b->x - a->x) * (py - a->y) / (b->y - a->y);
      if (x >= 0 && x <= kW) {
        ++n;
        break;
      }
    }
  }
  return n;
}

class GridSpacing : public ::testing::Test {
 protected:
  const world::World world = test::makeWorld(20000, 20000, 100, [](double, double) { return 0.0; });
  const Elevation elevation{world};
  camera::GroundFootprint footprintOf(const CameraPose& pose) const {
    return camera::groundFootprint(pose, kW, kH, 0.0, 1.0, elevation.dataLo(), elevation.dataHi());
  }
  GridLines graticule(double viewSize) const {
    const double latitude = elevation.toLonLat({0.0, 0.0}).y;
    return graticuleLines(elevation, elevation.dataLo(), elevation.dataHi(), graticuleSpacingFor(viewSize, latitude));
  }
  GridLines utm(double viewSize) const {
    return utmGridLines(elevation, elevation.dataLo(), elevation.dataHi(), utmSpacingFor(viewSize));
  }
};

TEST_F(GridSpacing, ACloseTiltedViewGetsAReadableGraticuleFromItsFootprint) {
  const CameraPose pose = poseAt(1500.0, -35.0);
  // The old choice: twice the camera's height (and meridians counted as if at the equator).
  const GridLines byHeight = graticuleLines(elevation, elevation.dataLo(), elevation.dataHi(), graticuleSpacingFor(3000.0));
  EXPECT_EQ(byHeight.spacingLabel, "15″");
  EXPECT_GT(crossings(byHeight, pose, 1.0), 10) << "too dense across the top of the image";

  const camera::GroundFootprint f = footprintOf(pose);
  ASSERT_TRUE(f.any);
  const GridLines byFootprint = graticule(f.size());
  EXPECT_EQ(byFootprint.spacingLabel, "1′");
  const int top = crossings(byFootprint, pose, 1.0), bottom = crossings(byFootprint, pose, kH - 1.0);
  EXPECT_GE(top, 4);
  EXPECT_LE(top, 10);
  EXPECT_GE(bottom, 1) << "the near ground still has a line";

  const GridLines km = utm(f.size());
  EXPECT_DOUBLE_EQ(km.spacing, 1000.0);
  EXPECT_GE(crossings(km, pose, 1.0), 4);
  EXPECT_LE(crossings(km, pose, 1.0), 10);
}

TEST_F(GridSpacing, ALowObliqueViewIsNotSizedByItsLowCamera) {
  const CameraPose pose = poseAt(300.0, -8.0);  // the horizon in view
  const GridLines byHeight = graticuleLines(elevation, elevation.dataLo(), elevation.dataHi(), graticuleSpacingFor(600.0));
  EXPECT_GT(crossings(byHeight, pose, kH * 0.4), 10) << "the old choice, 10″ lines";
  const camera::GroundFootprint f = footprintOf(pose);
  ASSERT_TRUE(f.any);
  const GridLines g = graticule(f.size());
  const int far = crossings(g, pose, kH * 0.4);  // just below the horizon
  EXPECT_GE(far, 3);
  EXPECT_LE(far, 12);
}

// The UTM grid steps through the 100 m, 1 km, 10 km and 100 km grids (every 1st, 2nd or 5th
// line of them), so any view gets 4-10 lines across, not only the 1 km / 10 km of before (a
// 600 m view got 1 km lines: none or one across; a 300 km one 30).
TEST_F(GridSpacing, UtmSpacingKeepsFourToTenLinesAcrossFromAHundredMetresToAHundredKilometres) {
  std::set<double> used;
  for (double view = 400.0; view <= 1.0e6; view *= 1.07) {
    const double s = utmSpacingFor(view);
    used.insert(s);
    EXPECT_GE(view / s, 4.0) << view;
    EXPECT_LT(view / s, 10.0) << view;
  }
  for (double decade : {100.0, 1000.0, 10000.0, 100000.0}) EXPECT_EQ(used.count(decade), 1u) << decade;
  EXPECT_DOUBLE_EQ(utmSpacingFor(600.0), 100.0);
  EXPECT_DOUBLE_EQ(utmSpacingFor(600000.0), 100000.0);
}

// A close look straight down (500 m up) gets a 100 m grid with 4-10 lines across the image,
// drawn through the same footprint the viewer and `render --grid` use.
TEST_F(GridSpacing, ACloseViewGetsAHundredMetreUtmGrid) {
  const CameraPose pose = poseAt(500.0, -90.0);
  const camera::GroundFootprint f = footprintOf(pose);
  ASSERT_TRUE(f.any);
  const GridLines g = utm(f.size());
  EXPECT_LT(g.spacing, 1000.0) << g.spacingLabel;
  const int across = crossings(g, pose, kH * 0.5);
  EXPECT_GE(across, 4) << g.spacingLabel;
  EXPECT_LE(across, 10) << g.spacingLabel;
}

TEST_F(GridSpacing, AStraightDownViewKeepsFourToTenAcross) {
  const CameraPose pose = poseAt(4000.0, -90.0);
  const camera::GroundFootprint f = footprintOf(pose);
  ASSERT_TRUE(f.any);
  for (const GridLines& g : {graticule(f.size()), utm(f.size())}) {
    const int across = crossings(g, pose, kH * 0.5);
    EXPECT_GE(across, 4) << g.spacingLabel;
    EXPECT_LE(across, 10) << g.spacingLabel;
  }
}

}  // namespace
}  // namespace tb::analysis
