// rayDirection / projectToPixel agree with core/Camera.h's matrices.
#include <gtest/gtest.h>

#include "AnalyticTerrain.h"
#include "camera/CameraRay.h"

namespace tb::camera {
namespace {

CameraPose pose(double heading, double pitch, double fov) {
  CameraPose p;
  p.eye = {120.0, -340.0, 900.0};
  p.headingDeg = heading;
  p.pitchDeg = pitch;
  p.fovYDeg = fov;
  return p;
}

TEST(CameraRay, CentrePixelIsForward) {
  for (double heading : {0.0, 37.0, 180.0, 301.5})
    for (double pitch : {-89.0, -45.0, -5.0, 0.0, 20.0}) {
      const CameraPose p = pose(heading, pitch, 40.0);
      const glm::dvec3 d = rayDirection(p, 1280, 720, 640.0, 360.0);
      EXPECT_NEAR(glm::length(d - p.forward()), 0.0, 1e-12) << heading << " " << pitch;
    }
}

TEST(CameraRay, RayThroughPixelProjectsBackThroughTheMatrices) {
  const CameraPose p = pose(75.0, -30.0, 50.0);
  for (glm::dvec2 px : {glm::dvec2(0.0, 0.0), glm::dvec2(1279.5, 10.0), glm::dvec2(200.25, 700.0), glm::dvec2(900, 400)}) {
    const glm::dvec3 d = rayDirection(p, 1280, 720, px.x, px.y);
    EXPECT_NEAR(glm::length(d), 1.0, 1e-12);
    const glm::dvec3 point = p.eye + d * 2345.0;
    const glm::dvec2 back = test::projectWithMatrices(p, 1280, 720, point);
    EXPECT_NEAR(back.x, px.x, 1e-6);
    EXPECT_NEAR(back.y, px.y, 1e-6);
    const auto mine = projectToPixel(p, 1280, 720, point);
    ASSERT_TRUE(mine);
    EXPECT_NEAR(mine->x, px.x, 1e-6);
    EXPECT_NEAR(mine->y, px.y, 1e-6);
  }
}

TEST(CameraRay, TopOfImageLooksHigherAndRightLooksRight) {
  const CameraPose p = pose(0.0, -30.0, 40.0);  // looking north, down
  const glm::dvec3 top = rayDirection(p, 800, 600, 400, 0), bottom = rayDirection(p, 800, 600, 400, 600);
  EXPECT_GT(top.z, bottom.z);
  EXPECT_NEAR(std::asin(top.z) - std::asin(bottom.z), glm::radians(40.0), 1e-9);
  EXPECT_GT(rayDirection(p, 800, 600, 800, 300).x, 0.0);  // right edge is east when facing north
}

TEST(CameraRay, PointBehindTheCameraHasNoPixel) {
  const CameraPose p = pose(0.0, 0.0, 40.0);
  EXPECT_FALSE(projectToPixel(p, 640, 480, p.eye - p.forward() * 10.0));
}

}  // namespace
}  // namespace tb::camera
