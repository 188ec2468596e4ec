// Authoring in a real X window (ctest runs this under `xvfb-run -a`): place a pin by clicking the
// terrain, name it in the Edit window, undo and redo with the keys, save, restart the viewer and
// find the pin again. Positions of the Edit window's items come from the viewer's debug log.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <string>

#include "SmallScene.h"
#include "WindowTest.h"
#include "XDriver.h"

namespace tb::uitest {
namespace {

class AuthoringWindowTest : public WindowTest {
 protected:
  AuthoringWindowTest() : WindowTest("ui-authoring") {}
};

std::pair<int, int> point(const std::vector<std::string>& g) { return {std::stoi(g[1]), std::stoi(g[2])}; }

TEST_F(AuthoringWindowTest, PlaceNameUndoRedoSaveAndFindAgain) {
  const fs::path scene = writeScene(dir_);
  if (scene.empty()) GTEST_SKIP() << "gdal_translate (gdal-bin) is needed to make the test scene";
  std::vector<std::string> args{"view", "--scene", scene.string(), "--size", "1000x640", "--exit-after", "240"};
  auto viewer = std::make_unique<ViewerProcess>(TB_BINARY, dir_, args);
  ASSERT_TRUE(viewer->waitForLog("first full-detail frame", std::chrono::seconds(90))) << viewer->log();
  const auto viewGroups = viewer->waitForLog(R"(3D view at 0,(\d+) size (\d+)x(\d+))", std::chrono::seconds(5));
  ASSERT_TRUE(viewGroups) << viewer->log();
  const int viewTop = std::stoi((*viewGroups)[1]), viewW = std::stoi((*viewGroups)[2]), viewH = std::stoi((*viewGroups)[3]);
  const auto window = findWindow("terrabrief");
  ASSERT_TRUE(window) << "no terrabrief window on the display";
  const std::string wid = window->id;
  auto at = [&](std::pair<int, int> p) {
    return "mousemove --window " + wid + " " + std::to_string(p.first) + " " + std::to_string(p.second);
  };
  const std::string pause = " sleep 0.4 ";
  auto click = [&](const std::string& logPattern) {
    const auto where = viewer->waitForLog(logPattern, std::chrono::seconds(10));
    if (!where) return false;
    xdo(at(point(*where)) + pause + "click 1" + pause);
    return true;
  };
  const std::pair<int, int> park{viewW + (window->width - viewW) / 2, window->height - 5};
  xdo("windowfocus --sync " + wid);

  // Open the Edit window and arm "place pin".
  xdo("key ctrl+e");
  ASSERT_TRUE(viewer->waitForLog("viewer: Edit window shown", std::chrono::seconds(10))) << viewer->log();
  ASSERT_TRUE(click(R"(ui: place pin button at (\d+),(\d+))")) << "the Edit window did not open\n" << viewer->log();

  // Click the terrain below the middle of the view (pitch -60: ground).
  const std::pair<int, int> ground{viewW / 2 + 60, viewTop + viewH * 2 / 3};
  xdo(at(ground) + pause + "click 1");
  const auto placed = viewer->waitForLog(R"(authoring: pin pin-1 at ([\d.]+), ([\d.]+) \(precision (\d+) m\))",
                                         std::chrono::seconds(20));
  ASSERT_TRUE(placed) << viewer->log();
  const double lat = std::stod((*placed)[1]), lon = std::stod((*placed)[2]);
  EXPECT_GT(lat, 41.38);
  EXPECT_LT(lat, 41.75);
  EXPECT_GT(lon, 129.40);
  EXPECT_LT(lon, 129.85);
  xdo(at(park));
  writePng((dir_ / "1-pin-placed.png").string(), captureStable(*window, dir_, std::chrono::seconds(20)));

  // Name it: the properties form of the selected pin.
  ASSERT_TRUE(click(R"(ui: site name field at (\d+),(\d+))")) << viewer->log();
  xdo("key End");
  xdo("type --delay 80 ' Battery'");  // after "Pin 1" (the field keeps the default name)
  ASSERT_TRUE(click(R"(ui: apply properties button at (\d+),(\d+))")) << viewer->log();
  ASSERT_TRUE(viewer->waitForLog("authoring: edit properties", std::chrono::seconds(10))) << viewer->log();
  xdo(at(park) + pause + "click 1" + pause);  // away from the text fields, so keys reach the viewer

  // Undo and redo with the keys.
  xdo("key ctrl+z");
  ASSERT_TRUE(viewer->waitForLog("authoring: undid edit properties", std::chrono::seconds(10))) << viewer->log();
  xdo("key ctrl+shift+z");
  ASSERT_TRUE(viewer->waitForLog("authoring: redid edit properties", std::chrono::seconds(10))) << viewer->log();

  // Save, quit (nothing unsaved: no question), and find the pin in the file and the restarted viewer.
  xdo("key ctrl+s");
  ASSERT_TRUE(viewer->waitForLog("Saved the sites to", std::chrono::seconds(10))) << viewer->log();
  writePng((dir_ / "2-named.png").string(), captureStable(*window, dir_, std::chrono::seconds(20)));

  // Draw a polygon: three clicks on the terrain and Enter; it is drawn (the view changes there);
  // undoing it goes back to the saved state, so quitting asks nothing.
  const ImageRGBA before = captureStable(*window, dir_, std::chrono::seconds(20));
  ASSERT_TRUE(click(R"(ui: draw polygon button at (\d+),(\d+))")) << viewer->log();
  const int cx = viewW / 2 + 170, cy = viewTop + viewH / 2 + 60;  // right of the Edit window
  for (const auto& p : {std::pair{cx - 70, cy + 70}, std::pair{cx + 70, cy + 70}, std::pair{cx, cy - 60}})
    xdo(at(p) + pause + "click 1" + pause);
  ASSERT_TRUE(viewer->waitForLog("authoring: vertex 3 at", std::chrono::seconds(10))) << viewer->log();
  xdo(at(park) + pause + "key Return");
  ASSERT_TRUE(viewer->waitForLog("authoring: draw polygon", std::chrono::seconds(20))) << viewer->log();
  const ImageRGBA polygon = captureStable(*window, dir_, std::chrono::seconds(20));
  writePng((dir_ / "3-polygon.png").string(), polygon);
  EXPECT_GT(meanDifference(before, polygon, Rect{cx - 100, cy - 70, 200, 150}), 1.0) << "the polygon is not drawn";
  xdo("key ctrl+z");
  ASSERT_TRUE(viewer->waitForLog("authoring: undid draw polygon", std::chrono::seconds(10))) << viewer->log();
  xdo("key ctrl+q");
  ASSERT_EQ(viewer->waitExit(std::chrono::seconds(20)), 0) << viewer->log();
  const std::string saved = readFile(dir_ / "sites.geojson");
  EXPECT_NE(saved.find("\"name\": \"Pin 1 Battery\""), std::string::npos) << saved;
  EXPECT_NE(saved.find("\"placed_by\": \"click\""), std::string::npos) << saved;
  EXPECT_NE(saved.find("\"honesty\": \"derived\""), std::string::npos) << saved;
  EXPECT_NE(saved.find("\"castle\""), std::string::npos) << saved;

  args.back() = "15";  // --exit-after: this run only looks
  fs::remove(dir_ / "viewer.log");  // so that nothing is found in the first run's log
  viewer = std::make_unique<ViewerProcess>(TB_BINARY, dir_, args);
  ASSERT_TRUE(viewer->waitForLog("first full-detail frame", std::chrono::seconds(90))) << viewer->log();
  EXPECT_TRUE(viewer->waitForLog(R"re(ui: site row "pin-1" at)re", std::chrono::seconds(10))) << viewer->log();
  EXPECT_EQ(viewer->waitExit(std::chrono::seconds(60)), 0) << viewer->log();
}


// The numbers of the saved feature `id`'s coordinates (lon, lat pairs), from the GeoJSON text.
std::vector<std::pair<double, double>> savedCoordinates(const std::string& geojson, const std::string& id) {
  std::vector<std::pair<double, double>> out;
  const std::size_t at = geojson.find("\"id\": \"" + id + "\"");
  if (at == std::string::npos) return out;
  const std::size_t start = geojson.rfind("\"coordinates\"", at);  // geometry comes before properties
  const std::size_t stop = geojson.find("\"properties\"", start);
  const std::regex pair(R"(\[\s*(-?[\d.]+),\s*(-?[\d.]+)\s*\])");
  const std::string part = geojson.substr(start, stop - start);
  for (auto it = std::sregex_iterator(part.begin(), part.end(), pair); it != std::sregex_iterator(); ++it)
    out.push_back({std::stod((*it)[1]), std::stod((*it)[2])});
  return out;
}

// Drawing with the mouse: the polygon under way shows its points and rubber band; the finished,
// selected polygon shows handles; a vertex dragged is one undo step; a midpoint click inserts a
// vertex, a right click deletes one (not below three); Shift-drag moves the whole shape; saved
// and found again after a restart.
TEST_F(AuthoringWindowTest, DragAVertexUndoRedoSaveAndFindItAgain) {
  const fs::path scene = writeScene(dir_);
  if (scene.empty()) GTEST_SKIP() << "gdal_translate (gdal-bin) is needed to make the test scene";
  std::vector<std::string> args{"view", "--scene", scene.string(), "--size", "1000x640", "--exit-after", "240"};
  auto viewer = std::make_unique<ViewerProcess>(TB_BINARY, dir_, args);
  ASSERT_TRUE(viewer->waitForLog("first full-detail frame", std::chrono::seconds(90))) << viewer->log();
  const auto viewGroups = viewer->waitForLog(R"(3D view at 0,(\d+) size (\d+)x(\d+))", std::chrono::seconds(5));
  ASSERT_TRUE(viewGroups) << viewer->log();
  const int viewTop = std::stoi((*viewGroups)[1]), viewW = std::stoi((*viewGroups)[2]), viewH = std::stoi((*viewGroups)[3]);
  const auto window = findWindow("terrabrief");
  ASSERT_TRUE(window) << "no terrabrief window on the display";
  const std::string wid = window->id;
  auto at = [&](std::pair<int, int> p) {
    return "mousemove --window " + wid + " " + std::to_string(p.first) + " " + std::to_string(p.second);
  };
  const std::string pause = " sleep 0.4 ";
  const std::pair<int, int> park{viewW + (window->width - viewW) / 2, window->height - 5};
  xdo("windowfocus --sync " + wid);
  const ImageRGBA empty = captureStable(*window, dir_, std::chrono::seconds(20));  // no drawing, no Edit window
  xdo("key ctrl+e");
  ASSERT_TRUE(viewer->waitForLog("viewer: Edit window shown", std::chrono::seconds(10))) << viewer->log();
  const auto drawButton = viewer->waitForLog(R"(ui: draw polygon button at (\d+),(\d+))", std::chrono::seconds(10));
  ASSERT_TRUE(drawButton) << viewer->log();
  xdo(at(point(*drawButton)) + pause + "click 1" + pause);

  // Two points, then the cursor away: the points and the rubber band to the cursor are drawn.
  const int cx = viewW / 2 + 170, cy = viewTop + viewH / 2 + 60;  // right of the Edit window
  const std::pair<int, int> a{cx - 70, cy + 70}, b{cx + 70, cy + 70}, c{cx, cy - 60};
  for (const auto& p : {a, b}) xdo(at(p) + pause + "click 1" + pause);
  xdo(at(c) + pause);
  ASSERT_TRUE(viewer->waitForLog("authoring: vertex 2 at", std::chrono::seconds(10))) << viewer->log();
  const ImageRGBA underWay = captureStable(*window, dir_, std::chrono::seconds(20));
  writePng((dir_ / "1-under-way.png").string(), underWay);
  EXPECT_GT(meanDifference(empty, underWay, Rect{cx - 80, cy - 10, 160, 90}), 1.0) << "the drawing under way is not shown";
  xdo("click 1" + pause);
  ASSERT_TRUE(viewer->waitForLog("authoring: vertex 3 at", std::chrono::seconds(10))) << viewer->log();
  xdo(at(park) + pause + "key Return");
  ASSERT_TRUE(viewer->waitForLog("authoring: draw polygon", std::chrono::seconds(20))) << viewer->log();

  // The new polygon is selected: its handles are logged where they are drawn.
  const std::string handles = R"(authoring: handles of area-1: vertex 1 at (\d+),(\d+); vertex 2 at (\d+),(\d+); vertex 3 at (\d+),(\d+); midpoint 2 at (\d+),(\d+); midpoint 3 at (\d+),(\d+); midpoint 4 at (\d+),(\d+);)";
  auto h = viewer->waitForLog(handles, std::chrono::seconds(10));
  ASSERT_TRUE(h) << viewer->log();
  const std::pair<int, int> v1{std::stoi((*h)[1]), std::stoi((*h)[2])};
  EXPECT_NEAR(v1.first, a.first, 3);  // the handle is where the vertex was clicked
  EXPECT_NEAR(v1.second, a.second, 3);
  writePng((dir_ / "2-handles.png").string(), captureStable(*window, dir_, std::chrono::seconds(20)));

  // Drag vertex 1 down and left: one undo step, whatever the number of moves.
  const std::pair<int, int> dropped{a.first - 60, a.second + 30};
  xdo(at(v1) + pause + "mousedown 1" + pause + at({v1.first - 20, v1.second + 10}) + pause +
      at({v1.first - 40, v1.second + 20}) + pause + at(dropped) + pause + "mouseup 1" + pause);
  const auto moved = viewer->waitForLog(R"(authoring: moved vertex 1 of area-1 to ([\d.]+), ([\d.]+))", std::chrono::seconds(20));
  ASSERT_TRUE(moved) << viewer->log();
  const double movedLat = std::stod((*moved)[1]), movedLon = std::stod((*moved)[2]);
  h = viewer->waitForLog(handles, std::chrono::seconds(10));
  ASSERT_TRUE(h);
  EXPECT_NEAR(std::stoi((*h)[1]), dropped.first, 3) << "the handle did not follow the drag";
  EXPECT_NEAR(std::stoi((*h)[2]), dropped.second, 3);
  xdo(at(park));
  writePng((dir_ / "3-dragged.png").string(), captureStable(*window, dir_, std::chrono::seconds(20)));
  xdo("key ctrl+z");
  ASSERT_TRUE(viewer->waitForLog("authoring: undid move vertex; next undo: draw polygon", std::chrono::seconds(10)))
      << "the drag was not one undo step\n" << viewer->log();
  xdo("key ctrl+shift+z");
  ASSERT_TRUE(viewer->waitForLog("authoring: redid move vertex", std::chrono::seconds(10))) << viewer->log();

  // A click on the midpoint of edge 2-3 inserts a vertex there; a right click deletes it again,
  // and one more right click is refused (a polygon keeps three points).
  h = viewer->waitForLog(handles, std::chrono::seconds(10));
  ASSERT_TRUE(h);
  const std::pair<int, int> mid3{std::stoi((*h)[9]), std::stoi((*h)[10])};
  xdo(at(mid3) + pause + "click 1" + pause);
  ASSERT_TRUE(viewer->waitForLog("authoring: inserted vertex 3 of area-1", std::chrono::seconds(10))) << viewer->log();
  xdo(at(mid3) + pause + "click 3" + pause);
  ASSERT_TRUE(viewer->waitForLog("authoring: deleted vertex 3 of area-1", std::chrono::seconds(10))) << viewer->log();
  xdo(at(mid3) + pause);  // vertex 3 is back at c; the edge's middle is a midpoint again
  h = viewer->waitForLog(handles, std::chrono::seconds(10));
  ASSERT_TRUE(h);
  xdo(at({std::stoi((*h)[5]), std::stoi((*h)[6])}) + pause + "click 3" + pause);
  ASSERT_TRUE(viewer->waitForLog("Not done: a polygon needs at least 3 points", std::chrono::seconds(10))) << viewer->log();

  // Shift-drag inside moves the whole polygon; undo that (the vertex drag stays).
  const std::pair<int, int> inside{cx, cy + 40};
  xdo(at(inside) + pause + "keydown shift mousedown 1" + pause + at({inside.first + 30, inside.second}) + pause +
      at({inside.first + 60, inside.second}) + pause + "mouseup 1 keyup shift" + pause);
  ASSERT_TRUE(viewer->waitForLog("authoring: moved area-1 by", std::chrono::seconds(10))) << viewer->log();
  xdo(at(park) + pause + "key ctrl+z");
  ASSERT_TRUE(viewer->waitForLog("authoring: undid move shape; next undo: delete vertex", std::chrono::seconds(10)))
      << viewer->log();

  xdo("key ctrl+s");
  ASSERT_TRUE(viewer->waitForLog("Saved the sites to", std::chrono::seconds(10))) << viewer->log();
  xdo("key ctrl+q");
  ASSERT_EQ(viewer->waitExit(std::chrono::seconds(20)), 0) << viewer->log();
  const auto saved = savedCoordinates(readFile(dir_ / "sites.geojson"), "area-1");
  ASSERT_EQ(saved.size(), 4u) << readFile(dir_ / "sites.geojson");  // a closed ring of three
  EXPECT_NEAR(saved[0].first, movedLon, 2e-6);
  EXPECT_NEAR(saved[0].second, movedLat, 2e-6);

  // Restarted, the polygon is in the Sites list and drawn where the vertex was dropped.
  args.back() = "120";  // closed below; long enough for a slow first frame
  fs::remove(dir_ / "viewer.log");  // so that nothing is found in the first run's log
  viewer = std::make_unique<ViewerProcess>(TB_BINARY, dir_, args);
  ASSERT_TRUE(viewer->waitForLog("first full-detail frame", std::chrono::seconds(90))) << viewer->log();
  EXPECT_TRUE(viewer->waitForLog(R"re(ui: site row "area-1" at)re", std::chrono::seconds(10))) << viewer->log();
  const auto again = findWindow("terrabrief");
  ASSERT_TRUE(again);
  const ImageRGBA restarted = captureStable(*again, dir_, std::chrono::seconds(20));
  writePng((dir_ / "4-restarted.png").string(), restarted);
  EXPECT_GT(meanDifference(empty, restarted, Rect{dropped.first - 10, dropped.second - 10, 20, 20}), 3.0)
      << "no line at the dropped vertex after the restart";
  xdo("windowfocus --sync " + again->id + " key ctrl+q");
  EXPECT_EQ(viewer->waitExit(std::chrono::seconds(60)), 0) << viewer->log();
}

}  // namespace
}  // namespace tb::uitest
