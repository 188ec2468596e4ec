// The Layers panel's imagery order: moves swap neighbours, stop at the ends, and a stale or
// partial order is repaired to the scene order first (as the renderer would read it).
#include <gtest/gtest.h>

#include "ui/LayerOrder.h"

namespace tb::ui {
namespace {

using Order = std::vector<std::size_t>;

TEST(LayerOrder, EmptyOrInvalidOrderIsTheSceneOrder) {
  EXPECT_EQ(validLayerOrder({}, 3), (Order{0, 1, 2}));
  EXPECT_EQ(validLayerOrder({2, 0, 1}, 3), (Order{2, 0, 1}));
  EXPECT_EQ(validLayerOrder({0, 1}, 3), (Order{0, 1, 2})) << "too short";
  EXPECT_EQ(validLayerOrder({0, 0, 1}, 3), (Order{0, 1, 2})) << "a repeat";
  EXPECT_EQ(validLayerOrder({0, 1, 3}, 3), (Order{0, 1, 2})) << "out of range";
  EXPECT_EQ(validLayerOrder({1, 0}, 0), Order{}) << "a scene without imagery";
}

TEST(LayerOrder, UpMovesTowardsTheTopAndDownTowardsTheBottom) {
  Order o;  // empty: scene order
  EXPECT_TRUE(moveLayer(o, 3, 0, true));
  EXPECT_EQ(o, (Order{1, 0, 2}));
  EXPECT_TRUE(moveLayer(o, 3, 1, true));
  EXPECT_EQ(o, (Order{1, 2, 0})) << "layer 0 is now on top";
  EXPECT_TRUE(moveLayer(o, 3, 2, false));
  EXPECT_EQ(o, (Order{1, 0, 2}));
  EXPECT_TRUE(moveLayer(o, 3, 1, false));
  EXPECT_EQ(o, (Order{0, 1, 2}));
}

TEST(LayerOrder, MovesPastTheEndsAreRefused) {
  Order o{2, 0, 1};
  EXPECT_FALSE(moveLayer(o, 3, 2, true)) << "the top layer cannot go higher";
  EXPECT_FALSE(moveLayer(o, 3, 0, false)) << "the bottom layer cannot go lower";
  EXPECT_FALSE(moveLayer(o, 3, 7, true)) << "no such position";
  EXPECT_EQ(o, (Order{2, 0, 1}));
  Order single;
  EXPECT_FALSE(moveLayer(single, 1, 0, true));
  EXPECT_EQ(single, (Order{0}));
}

TEST(LayerOrder, AStaleOrderIsRepairedBeforeTheMove) {
  Order o{0, 1};  // from a scene with two layers; this one has three
  EXPECT_TRUE(moveLayer(o, 3, 2, false));
  EXPECT_EQ(o, (Order{0, 2, 1}));
}

}  // namespace
}  // namespace tb::ui
