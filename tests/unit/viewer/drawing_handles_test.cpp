// Mouse editing of drawings: which handle a press lands on, where a midpoint inserts, and whether
// the cursor is on the shape (for Shift-dragging the whole drawing).
#include <gtest/gtest.h>

#include "viewer/DrawingHandles.h"

using namespace tb::viewer;
using Screen = std::vector<std::optional<glm::vec2>>;

namespace {

const Screen kSquare = {glm::vec2(100, 100), glm::vec2(200, 100), glm::vec2(200, 200), glm::vec2(100, 200)};

TEST(DrawingHandles, APolygonHasAHandlePerVertexAndPerEdgeWithTheClosingOne) {
  const auto h = drawingHandles(kSquare, true);
  int vertices = 0, midpoints = 0;
  for (const DrawingHandle& x : h) (x.kind == DrawingHandle::Kind::Vertex ? vertices : midpoints)++;
  EXPECT_EQ(vertices, 4);
  EXPECT_EQ(midpoints, 4);
  // The closing edge's middle inserts after the last vertex (before index 4).
  const auto closing = handleAt(h, {100, 150}, 8);
  ASSERT_TRUE(closing);
  EXPECT_EQ(closing->kind, DrawingHandle::Kind::Midpoint);
  EXPECT_EQ(closing->index, 4);
}

TEST(DrawingHandles, APathHasNoClosingEdge) {
  const Screen path = {glm::vec2(0, 0), glm::vec2(100, 0), glm::vec2(100, 100)};
  const auto h = drawingHandles(path, false);
  EXPECT_EQ(h.size(), 5u);  // 3 vertices, 2 midpoints
  EXPECT_FALSE(handleAt(h, {50, 50}, 8));  // where a closing edge's middle would be
  const auto mid = handleAt(h, {52, 2}, 8);
  ASSERT_TRUE(mid);
  EXPECT_EQ(mid->kind, DrawingHandle::Kind::Midpoint);
  EXPECT_EQ(mid->index, 1);  // between vertex 0 and 1
}

TEST(DrawingHandles, TheNearestVertexWithinTheRadiusIsPicked) {
  const auto h = drawingHandles(kSquare, true);
  const auto v = handleAt(h, {196, 203}, 8);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->kind, DrawingHandle::Kind::Vertex);
  EXPECT_EQ(v->index, 2);
  EXPECT_FALSE(handleAt(h, {160, 160}, 8));  // inside, far from any handle
  EXPECT_FALSE(handleAt(h, {209, 209}, 8));  // just beyond the radius
}

TEST(DrawingHandles, AVertexWinsOverAnEvenCloserMidpoint) {
  // A very short edge: its middle lies 2 px from each end.
  const Screen tight = {glm::vec2(0, 0), glm::vec2(4, 0), glm::vec2(4, 100)};
  const auto h = handleAt(drawingHandles(tight, false), {2.5f, 0}, 8);
  ASSERT_TRUE(h);
  EXPECT_EQ(h->kind, DrawingHandle::Kind::Vertex);
  EXPECT_EQ(h->index, 1);
}

TEST(DrawingHandles, VerticesBehindTheCameraHaveNoHandles) {
  const Screen partly = {glm::vec2(0, 0), std::nullopt, glm::vec2(100, 100)};
  const auto h = drawingHandles(partly, false);
  EXPECT_EQ(h.size(), 2u);  // two vertices; both edges touch the hidden one
}

TEST(DrawingHandles, MidpointsOnTheGroundAreWhereTheyAreDrawn) {
  const Screen middles = {glm::vec2(150, 90), glm::vec2(210, 150), glm::vec2(150, 210), glm::vec2(90, 150)};
  const auto h = handleAt(drawingHandles(kSquare, true, middles), {150, 92}, 8);
  ASSERT_TRUE(h);
  EXPECT_EQ(h->kind, DrawingHandle::Kind::Midpoint);
  EXPECT_EQ(h->index, 1);
  EXPECT_FALSE(handleAt(drawingHandles(kSquare, true, middles), {150, 106}, 5));  // not the screen middle
}

TEST(DrawingHandles, TheShapeIsItsInsideAndItsEdges) {
  EXPECT_TRUE(cursorOnShape(kSquare, true, {150, 150}, 5));   // inside
  EXPECT_TRUE(cursorOnShape(kSquare, true, {203, 150}, 5));   // on an edge, just outside
  EXPECT_TRUE(cursorOnShape(kSquare, true, {100, 150}, 5));   // on the closing edge
  EXPECT_FALSE(cursorOnShape(kSquare, true, {250, 150}, 5));  // outside
  // The same points as a path: no inside, no closing edge.
  EXPECT_FALSE(cursorOnShape(kSquare, false, {150, 150}, 5));
  EXPECT_FALSE(cursorOnShape(kSquare, false, {100, 150}, 5));
  EXPECT_TRUE(cursorOnShape(kSquare, false, {150, 101}, 5));
}

TEST(DrawingHandles, AMidpointInsertsBetweenItsEdgesEnds) {
  const std::vector<glm::dvec2> lonLat = {{129.0, 41.0}, {129.2, 41.0}, {129.2, 41.2}};
  const glm::dvec2 a = midpointLonLat(lonLat, 1), closing = midpointLonLat(lonLat, 3);
  EXPECT_NEAR(a.x, 129.1, 1e-12);
  EXPECT_NEAR(a.y, 41.0, 1e-12);
  EXPECT_NEAR(closing.x, 129.1, 1e-12);  // the closing edge
  EXPECT_NEAR(closing.y, 41.1, 1e-12);
}

}  // namespace
