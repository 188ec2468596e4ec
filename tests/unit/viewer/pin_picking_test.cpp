// Clicking a pin in the window picks the site whose pin the renderer drew there.
#include <gtest/gtest.h>

#include "camera/CameraRay.h"
#include "viewer/PinPicking.h"

namespace tb::viewer {
namespace {

struct PinWorld {
  world::World world;
  render::FrameSettings settings;
  PinWorld() {
    world.scene.sites.resize(2);
    world.scene.sites[0].id = "a";
    world.scene.sites[1].id = "b";
    world.sites.resize(2);
    world.sites[0].site = &world.scene.sites[0];
    world.sites[0].anchor = glm::dvec3(0.0, 0.0, 100.0);  // local xy, real height
    world.sites[1].site = &world.scene.sites[1];
    world.sites[1].anchor = glm::dvec3(3000.0, 1000.0, 0.0);
    settings.exaggeration = 2.0;
    settings.width = 1000;
    settings.height = 600;
    settings.camera = lookAtPose(glm::dvec3(1000.0, 0.0, 0.0), 12000.0, 10.0, -50.0);
  }
};

TEST(PinPicking, PinBaseLandsWhereTheCameraProjectsTheAnchor) {
  PinWorld w;
  const auto pins = projectPins(w.world, w.settings, 1.0f, glm::vec2(0.0f, 50.0f));
  ASSERT_EQ(pins.size(), 2u);
  for (const ui::PinOnScreen& pin : pins) {
    glm::dvec3 anchor = *w.world.sites[static_cast<std::size_t>(pin.siteIndex)].anchor;
    anchor.z *= w.settings.exaggeration;  // render space
    const auto px = camera::projectToPixel(w.settings.camera, w.settings.width, w.settings.height, anchor);
    ASSERT_TRUE(px);
    EXPECT_NEAR(pin.base.x, px->x, 0.5);
    EXPECT_NEAR(pin.base.y, px->y + 50.0, 0.5);  // shifted by the view's origin in the window
    EXPECT_LT(pin.head.y, pin.base.y);           // the head stands above its anchor
    EXPECT_GT(pin.radius, 2.0f);
  }
}

TEST(PinPicking, ClickOnAHeadOrStemPicksThatSiteAndNothingElsewhere) {
  PinWorld w;
  const auto pins = projectPins(w.world, w.settings, 1.0f, glm::vec2(0.0f));
  ASSERT_EQ(pins.size(), 2u);
  for (const ui::PinOnScreen& pin : pins) {
    EXPECT_EQ(pinUnderCursor(pins, pin.head), pin.siteIndex);
    EXPECT_EQ(pinUnderCursor(pins, pin.head + glm::vec2(pin.radius * 0.8f, 0.0f)), pin.siteIndex);
    EXPECT_EQ(pinUnderCursor(pins, (pin.head + pin.base) * 0.5f), pin.siteIndex);  // on the stem
  }
  const glm::vec2 between = (pins[0].head + pins[1].head) * 0.5f + glm::vec2(0.0f, 40.0f);
  EXPECT_FALSE(pinUnderCursor(pins, between));
  EXPECT_FALSE(pinUnderCursor(pins, glm::vec2(-100.0f)));
}

TEST(PinPicking, HiDpiFramebufferMapsBackToWindowUnits) {
  PinWorld w;
  const auto unit = projectPins(w.world, w.settings, 1.0f, glm::vec2(0.0f));
  render::FrameSettings doubled = w.settings;
  doubled.width *= 2;
  doubled.height *= 2;
  doubled.uiScale = 2.0f;  // the window's HUD grows with the framebuffer scale
  w.settings.uiScale = 1.0f;
  const auto unitFixed = projectPins(w.world, w.settings, 1.0f, glm::vec2(0.0f));
  const auto hidpi = projectPins(w.world, doubled, 2.0f, glm::vec2(0.0f));
  ASSERT_EQ(hidpi.size(), unitFixed.size());
  for (std::size_t i = 0; i < hidpi.size(); ++i) {
    EXPECT_NEAR(hidpi[i].base.x, unitFixed[i].base.x, 0.5);
    EXPECT_NEAR(hidpi[i].base.y, unitFixed[i].base.y, 0.5);
    EXPECT_NEAR(hidpi[i].radius, unitFixed[i].radius, 0.5);
  }
  (void)unit;
}

TEST(PinPicking, PinsBehindTheCameraAreLeftOut) {
  PinWorld w;
  w.settings.camera = lookAtPose(glm::dvec3(-20000.0, 0.0, 0.0), 500.0, 270.0, -10.0);  // looking west, away
  EXPECT_TRUE(projectPins(w.world, w.settings, 1.0f, glm::vec2(0.0f)).empty());
}

}  // namespace
}  // namespace tb::viewer
