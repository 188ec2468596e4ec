// Authoring in a real X window (ctest runs this under `xvfb-run -a`): place a pin by clicking the
// terrain, name it in the Edit window, undo and redo with the keys, save, restart the viewer and
// find the pin again. Positions of the Edit window's items come from the viewer's debug log.
#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "WindowTest.h"
#include "XDriver.h"

namespace tb::uitest {
namespace {

class AuthoringWindowTest : public WindowTest {
 protected:
  AuthoringWindowTest() : WindowTest("ui-authoring") {}
};

// A small copy of the default DEM with one site, in the scratch folder (saving writes there).
fs::path writeScene(const fs::path& dir) {
  const std::string dem = std::string(TB_DATA_DIR) + "/kyongsong/dem.tif";
  if (!shell("gdal_translate -q -outsize 128 128 -r average " + dem + " " + (dir / "dem.tif").string())) return {};
  std::ofstream(dir / "sites.geojson") << R"({"type": "FeatureCollection", "features": [
  {"type": "Feature", "geometry": {"type": "Point", "coordinates": [129.670, 41.670]},
   "properties": {"id": "castle", "name": "Kyongsong Castle", "category": "historic", "honesty": "given",
                  "precision_m": 60, "source": "kyongsong-city-brief.txt", "description": "A test site."}}]})";
  std::ofstream(dir / "scene.json") << R"({
  "format": "terrabrief-scene/1",
  "name": "authoring",
  "crs": "EPSG:32652",
  "extent": {"west": 129.40, "south": 41.38, "east": 129.85, "north": 41.75},
  "dem": {"path": "dem.tif"},
  "sites": {"path": "sites.geojson"},
  "categories": {"historic": {"label": "Historic site", "color": "#d9534f"}},
  "views": [{"name": "overview", "lookAt": {"lat": 41.56, "lon": 129.62}, "range": 30000, "heading": 0, "pitch": -60}]
})";
  return dir / "scene.json";
}

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
  viewer = std::make_unique<ViewerProcess>(TB_BINARY, dir_, args);
  ASSERT_TRUE(viewer->waitForLog("first full-detail frame", std::chrono::seconds(90))) << viewer->log();
  EXPECT_TRUE(viewer->waitForLog(R"re(ui: site row "pin-1" at)re", std::chrono::seconds(10))) << viewer->log();
  EXPECT_EQ(viewer->waitExit(std::chrono::seconds(60)), 0) << viewer->log();
}

}  // namespace
}  // namespace tb::uitest
