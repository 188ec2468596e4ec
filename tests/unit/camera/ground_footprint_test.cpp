// The ground a view shows, against the geometry worked by hand: straight down it is the image's
// frustum on the plane; tilted it runs from the bottom edge's ground to the top edge's, and its
// width is the top edge's; looking at the horizon the far ground counts at the reach; it is
// clipped to the data's box, and a camera under the plane sees none.
#include "camera/GroundFootprint.h"

#include <gtest/gtest.h>

#include <cmath>

namespace tb::camera {
namespace {

constexpr int kW = 1600, kH = 900;
const glm::dvec2 kNoClipLo(-1e7), kNoClipHi(1e7);

CameraPose pose(double height, double pitchDeg) {
  CameraPose p;
  p.eye = {0.0, 0.0, height};
  p.headingDeg = 0.0;
  p.pitchDeg = pitchDeg;
  p.fovYDeg = 40.0;
  return p;
}

double halfFovX() { return std::atan(std::tan(glm::radians(20.0)) * kW / kH); }

TEST(GroundFootprint, StraightDownIsTheFrustumOnThePlane) {
  const GroundFootprint f = groundFootprint(pose(1000.0, -90.0), kW, kH, 0.0, 1.0, kNoClipLo, kNoClipHi);
  ASSERT_TRUE(f.any);
  EXPECT_NEAR(f.across, 2.0 * 1000.0 * std::tan(halfFovX()), 1.0);
  EXPECT_NEAR(f.along, 2.0 * 1000.0 * std::tan(glm::radians(20.0)), 1.0);
  EXPECT_NEAR(f.centre().x, 0.0, 1e-6);
  EXPECT_NEAR(f.centre().y, 0.0, 1e-6);
}

TEST(GroundFootprint, ATiltedViewReachesFromItsBottomEdgeToItsTopEdge) {
  // 1500 m up, 35° down: the bottom edge looks 55° down, the top edge 15° down.
  const GroundFootprint f = groundFootprint(pose(1500.0, -35.0), kW, kH, 0.0, 1.0, kNoClipLo, kNoClipHi);
  ASSERT_TRUE(f.any);
  const double nearY = 1500.0 / std::tan(glm::radians(55.0)), farY = 1500.0 / std::tan(glm::radians(15.0));
  EXPECT_NEAR(f.along, farY - nearY, 1.0);
  EXPECT_NEAR(f.lo.y, nearY, 1.0);
  EXPECT_NEAR(f.hi.y, farY, 1.0);
  // The top corners' rays, forward + tanX·right + tanY·up, drop sin35° - tanY·cos35° per unit
  // forward and go tanX sideways: the top edge's ground is 2·1500·tanX / that wide.
  const double tanY = std::tan(glm::radians(20.0)), tanX = std::tan(halfFovX());
  const double drop = std::sin(glm::radians(35.0)) - tanY * std::cos(glm::radians(35.0));
  EXPECT_NEAR(f.across, 2.0 * 1500.0 * tanX / drop, 1.0);
  EXPECT_GT(f.size(), 2.0 * 1500.0 * 2.0) << "more than twice what the camera's height alone says";
  // The same with 1.5× exaggeration and the ground at 200 m: only the height above it counts.
  CameraPose ex = pose((200.0 + 1000.0) * 1.5, -35.0);
  const GroundFootprint g = groundFootprint(ex, kW, kH, 200.0, 1.5, kNoClipLo, kNoClipHi);
  EXPECT_NEAR(g.along, f.along, 1.0);
}

TEST(GroundFootprint, AtTheHorizonTheFarGroundCountsAtTheReachAndTheDataClips) {
  const GroundFootprint f = groundFootprint(pose(300.0, -5.0), kW, kH, 0.0, 1.0, kNoClipLo, kNoClipHi, 20.0);
  ASSERT_TRUE(f.any);
  EXPECT_NEAR(f.hi.y, 20.0 * 300.0, 1.0) << "sky rays and ground beyond the reach count at 20 × 300 m";
  const GroundFootprint clipped =
      groundFootprint(pose(300.0, -5.0), kW, kH, 0.0, 1.0, glm::dvec2(-1000.0, -1000.0), glm::dvec2(1000.0, 2500.0));
  EXPECT_NEAR(clipped.hi.y, 2500.0, 1e-6);
  EXPECT_LE(clipped.across, 2000.0 + 1e-6);
  EXPECT_FALSE(groundFootprint(pose(-10.0, -30.0), kW, kH, 0.0, 1.0, kNoClipLo, kNoClipHi).any)
      << "a camera below the plane sees no ground";
}

}  // namespace
}  // namespace tb::camera
