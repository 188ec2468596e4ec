// Status readouts far from the data: no coordinate is "not located", never an exception that
// ends the viewer (issue 12, item 1).
#include <gtest/gtest.h>

#include <cmath>
#include <memory>

#include "viewer/StatusReadout.h"

namespace tb::viewer {
namespace {

world::World tinyWorld() {
  world::World w;
  w.projection = std::make_shared<geo::GeoProjection>("EPSG:32652");
  w.originProjected = {555800.0, 4613000.0};
  w.heights = terrain::HeightField(2, 2, 1000.0, {-500.0, 500.0}, {100.0f, 100.0f, 100.0f, 100.0f});
  return w;
}

TEST(StatusReadout, CameraOverTheDataIsLocated) {
  const world::World w = tinyWorld();
  CameraPose pose;
  pose.eye = {0.0, 0.0, 3000.0};
  pose.headingDeg = 10.0;
  const ui::CameraReadout cam = cameraReadout(w, pose, 1.5);
  EXPECT_TRUE(cam.located);
  EXPECT_NEAR(cam.latDeg, 41.67, 0.05);
  EXPECT_NEAR(cam.lonDeg, 129.67, 0.05);
  EXPECT_NEAR(cam.heightM, 3000.0, 1e-9);        // real metres, whatever the exaggeration
  EXPECT_NEAR(cam.groundHeightM, 2850.0, 1e-9);  // above the ground drawn at 1.5x
}

TEST(StatusReadout, CameraWithNoCoordinateSaysSoInsteadOfThrowing) {
  const world::World w = tinyWorld();
  CameraPose pose;
  pose.eye = {-55016941.1 - 555800.0, 30033522.6 - 4613000.0, 290000.0};  // the bug report's point
  ui::CameraReadout cam;
  ASSERT_NO_THROW(cam = cameraReadout(w, pose, 1.0));
  EXPECT_FALSE(cam.located);
  EXPECT_FALSE(trueNorthBearing(w, glm::dvec2(pose.eye)));
  EXPECT_FALSE(cursorReadout(w, pose.eye, 1.0).onTerrain);
  pose.eye = {NAN, 0.0, 1000.0};
  EXPECT_FALSE(cameraReadout(w, pose, 1.0).located);
}

}  // namespace
}  // namespace tb::viewer
