// van Wijk & Nuij's zoom-and-pan path: endpoints, zooming out only between distant views,
// the pure-zoom and no-motion special cases.
#include <gtest/gtest.h>

#include <cmath>

#include "camera/ZoomPanPath.h"

namespace tb::camera {
namespace {

double maxWidth(const ZoomPanPath& p) {
  double best = 0.0;
  for (int i = 0; i <= 1000; ++i) best = std::max(best, p.w(p.length() * i / 1000.0));
  return best;
}

TEST(ZoomPanPath, HitsBothEndpoints) {
  const ZoomPanPath p(30000.0, 4000.0, 1500.0);
  ASSERT_GT(p.length(), 0.0);
  EXPECT_NEAR(p.u(0.0), 0.0, 1e-6);
  EXPECT_NEAR(p.w(0.0), 4000.0, 1e-6);
  EXPECT_NEAR(p.u(p.length()), 30000.0, 1e-6);
  EXPECT_NEAR(p.w(p.length()), 1500.0, 1e-6);
}

TEST(ZoomPanPath, GroundPositionIsMonotone) {
  const ZoomPanPath p(50000.0, 2000.0, 8000.0);
  double last = -1.0;
  for (int i = 0; i <= 1000; ++i) {
    const double u = p.u(p.length() * i / 1000.0);
    EXPECT_GE(u, last);
    last = u;
  }
}

TEST(ZoomPanPath, ZoomsOutBetweenDistantViewsOnly) {
  const ZoomPanPath far(40000.0, 2000.0, 2000.0);
  EXPECT_GT(maxWidth(far), 3.0 * 2000.0);
  const ZoomPanPath near(100.0, 2000.0, 2000.0);  // target moves by 5% of the view
  EXPECT_LT(maxWidth(near), 1.01 * 2000.0);
  EXPECT_GT(far.length(), near.length());
}

TEST(ZoomPanPath, SharedCentreIsAnExponentialZoom) {
  const ZoomPanPath p(0.0, 1000.0, 8000.0, 1.4);
  EXPECT_TRUE(p.pureZoom());
  EXPECT_NEAR(p.length(), std::log(8.0) / 1.4, 1e-12);
  EXPECT_NEAR(p.w(p.length() / 2), std::sqrt(1000.0 * 8000.0), 1e-6);  // geometric midpoint
  EXPECT_EQ(p.u(p.length() / 2), 0.0);
}

TEST(ZoomPanPath, NoMotionHasZeroLengthAndFiniteValues) {
  const ZoomPanPath p(0.0, 500.0, 500.0);
  EXPECT_EQ(p.length(), 0.0);
  EXPECT_TRUE(std::isfinite(p.w(0.0)));
  EXPECT_NEAR(p.w(0.0), 500.0, 1e-9);
}

}  // namespace
}  // namespace tb::camera
