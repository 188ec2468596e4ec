// Files dropped onto the window by kind: our scene and briefing JSON, a raster GDAL reads (an
// ASCII grid here, written as text), vector data OGR reads (a plain GeoJSON), and the rest refused
// with a line naming the file.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "viewer/DroppedFile.h"

using namespace tb::viewer;
namespace fs = std::filesystem;

namespace {

class DroppedFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // One folder per test: ctest runs them in parallel, and a shared one was emptied by another
    // test's SetUp while this one read its file (a flaky failure in CI).
    dir_ = fs::path(TB_TEST_OUTPUT_DIR) / "dropped-file" / ::testing::UnitTest::GetInstance()->current_test_info()->name();
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  std::string write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name) << text;
    return (dir_ / name).string();
  }
  fs::path dir_;
};

TEST_F(DroppedFileTest, OurScenesAndBriefingsByTheirFormat) {
  EXPECT_EQ(classifyFile(write("a.json", R"({"format": "terrabrief-scene/1", "name": "x"})")).kind, FileKind::Scene);
  EXPECT_EQ(classifyFile(write("b.json", R"(  {"format": "terrabrief-briefing/1", "steps": []})")).kind, FileKind::Briefing);
  const ClassifiedFile future = classifyFile(write("c.json", R"({"format": "terrabrief-scene/9"})"));
  EXPECT_EQ(future.kind, FileKind::Unreadable);
  EXPECT_NE(future.problem.find("terrabrief-scene/9"), std::string::npos) << future.problem;
}

TEST_F(DroppedFileTest, ARasterGdalReadsIsARaster) {
  const std::string grid = write("dem.asc",
                                 "ncols 3\nnrows 2\nxllcorner 500000\nyllcorner 4600000\ncellsize 10\n"
                                 "1 2 3\n4 5 6\n");
  EXPECT_EQ(classifyFile(grid).kind, FileKind::Raster);
}

TEST_F(DroppedFileTest, AGeoJsonThatIsNotOursIsVectorData) {
  const std::string roads = write("roads.geojson", R"({"type": "FeatureCollection", "features": [
    {"type": "Feature", "properties": {}, "geometry": {"type": "LineString",
     "coordinates": [[129.6, 41.6], [129.7, 41.7]]}}]})");
  EXPECT_EQ(classifyFile(roads).kind, FileKind::Vector);
}

TEST_F(DroppedFileTest, AnythingElseIsRefusedWithTheFileNamed) {
  for (const std::string& path : {write("notes.txt", "just some words\n"), write("broken.json", "{\"format\": "),
                                  (dir_ / "missing.tif").string(), dir_.string()}) {
    const ClassifiedFile f = classifyFile(path);
    EXPECT_EQ(f.kind, FileKind::Unreadable) << path;
    EXPECT_NE(f.problem.find(path), std::string::npos) << f.problem;
  }
}

}  // namespace
