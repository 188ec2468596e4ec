// Bad input, one test each: exit code 2, exactly one stderr line naming the file or option, and
// nothing left behind (no output PNG, no temporary file) in the working or output directory.
#include <unistd.h>

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "CliRun.h"
#include "SceneFixture.h"

namespace tb::clitest {
namespace {

// Renders `scene` into out.png in a fresh cwd; checks the one-line error and that the cwd is
// still empty afterwards.
void expectRenderRejected(const fs::path& scene, const std::string& subject,
                          const std::vector<std::string>& extraArgs = {}) {
  ScratchDir cwd("cwd");
  std::vector<std::string> args{"render", "--scene", scene.string(), "--size", "64x48", "--out", "out.png"};
  args.insert(args.end(), extraArgs.begin(), extraArgs.end());
  const RunResult r = runTerrabrief(args, {cwd.path()});
  expectOneLineError(r, subject);
  EXPECT_TRUE(listDir(cwd.path()).empty()) << "left behind: " << listDir(cwd.path()).front();
}

TEST(BadInput, FixtureSceneRendersWhenUnbroken) {
  ScratchDir dir("fixture");
  const fs::path scene = writeScene(dir.path());
  ScratchDir cwd("cwd");
  const RunResult r = runTerrabrief({"render", "--scene", scene.string(), "--size", "64x48", "--out", "out.png"},
                                    {cwd.path()});
  ASSERT_EQ(r.exitCode, 0) << describe(r);
  EXPECT_EQ(listDir(cwd.path()), std::vector<std::string>{"out.png"});
}

TEST(BadInput, MissingDem) {
  ScratchDir dir("missing-dem");
  const fs::path scene = writeScene(dir.path(), {}, /*withDem=*/false);
  expectRenderRejected(scene, "dem.tif");
  EXPECT_EQ(listDir(dir.path()), (std::vector<std::string>{"scene.json", "sites.geojson"}));
}

TEST(BadInput, TruncatedGeoTiff) {
  ScratchDir dir("truncated");
  const fs::path scene = writeScene(dir.path());
  const fs::path dem = dir / "dem.tif";
  const auto size = fs::file_size(dem);
  ASSERT_GT(size, 4096u);
  fs::resize_file(dem, size / 2);  // the header survives, half the pixel data does not
  expectRenderRejected(scene, "dem.tif");
}

TEST(BadInput, FileThatIsNotARaster) {
  ScratchDir dir("not-raster");
  const fs::path scene = writeScene(dir.path(), {}, false);
  writeFile(dir / "dem.tif", "This is a text file, not a raster.\nIt has a .tif name all the same.\n");
  expectRenderRejected(scene, "dem.tif");
}

TEST(BadInput, DemEntirelyNodata) {
  ScratchDir dir("nodata");
  const fs::path scene = writeScene(dir.path(), {}, false);
  const RunResult made = runProgram({"gdal_create", "-q", "-of", "GTiff", "-outsize", "32", "32", "-bands", "1",
                                     "-ot", "Float32", "-a_srs", "EPSG:4326", "-a_ullr", "129.40", "41.75", "129.85",
                                     "41.38", "-a_nodata", "-9999", "-burn", "-9999", (dir / "dem.tif").string()},
                                    {dir.path()});
  ASSERT_EQ(made.exitCode, 0) << describe(made);
  expectRenderRejected(scene, "dem.tif");
}

TEST(BadInput, MalformedSceneJson) {
  ScratchDir dir("bad-json");
  writeScene(dir.path(), {}, false);
  std::string text = readFile(dir / "scene.json");
  text.resize(text.size() / 2);  // cut in the middle: unterminated object
  writeFile(dir / "scene.json", text);
  expectRenderRejected(dir / "scene.json", "scene.json");
}

TEST(BadInput, UnknownCrs) {
  ScratchDir dir("unknown-crs");
  SceneParts parts;
  parts.crs = "\"EPSG:999999\"";
  const fs::path scene = writeScene(dir.path(), parts, false);
  expectRenderRejected(scene, "scene.json");
}

TEST(BadInput, SiteWithLatitude95) {
  ScratchDir dir("lat95");
  SceneParts parts;
  parts.siteLat = "95";
  const fs::path scene = writeScene(dir.path(), parts);
  expectRenderRejected(scene, "sites.geojson");
}

TEST(BadInput, MalformedGeoJson) {
  ScratchDir dir("bad-geojson");
  const fs::path scene = writeScene(dir.path());
  writeFile(dir / "sites.geojson", "{\"type\": \"FeatureCollection\", \"features\": [ {\"type\": \"Feature\", ");
  expectRenderRejected(scene, "sites.geojson");
}

// --size is checked before the scene is even read: these name the option, not a file.
void expectSizeRejected(const std::string& size) {
  ScratchDir cwd("cwd");
  const RunResult r = runTerrabrief({"render", "--size", size, "--out", "out.png"}, {cwd.path()});
  expectOneLineError(r, "--size");
  EXPECT_TRUE(listDir(cwd.path()).empty());
}

TEST(BadInput, SizeZero) { expectSizeRejected("0x0"); }
TEST(BadInput, SizeHuge) { expectSizeRejected("100000x100000"); }
TEST(BadInput, SizeNotANumber) { expectSizeRejected("abc"); }

TEST(BadInput, UnwritableOutputDirectory) {
  // Root writes anywhere, so as root the binary runs as nobody. Everything nobody touches lives in
  // a world-readable directory under /tmp (the build tree may sit below a private directory),
  // including, if nobody cannot run it where it is, a copy of the binary.
  const auto readable = fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                        fs::perms::others_read | fs::perms::others_exec;
  ScratchDir cwd("unwritable", fs::temp_directory_path());
  fs::permissions(cwd.path(), readable);
  RunOptions options{cwd.path()};
  options.asNobody = true;
  std::string binary = TB_BINARY;
  if (runProgram({binary, "--version"}, options).exitCode != 0) {
    // The launcher and the program it starts (terrabrief-main, beside it).
    const fs::path dir = fs::path(TB_BINARY).parent_path();
    for (const char* name : {"terrabrief", "terrabrief-main"}) {
      fs::copy_file(dir / name, cwd / name);
      fs::permissions(cwd / name, readable);
    }
    binary = (cwd / "terrabrief").string();
  }
  const fs::path locked = cwd / "locked";
  fs::create_directory(locked);
  fs::permissions(locked, readable & ~fs::perms::owner_write);
  const std::string out = (locked / "out.png").string();
  // --scene is given so that not even the data directory is looked for before the output check.
  const RunResult r =
      runProgram({binary, "render", "--scene", "unused.json", "--size", "64x48", "--out", out}, options);
  expectOneLineError(r, out);
  EXPECT_TRUE(listDir(locked).empty());
}

TEST(BadInput, OutputThatIsNotARegularFile) {
  // Issue 12, item 6: `render --out /dev/full` replaced the device node (as root). Refused before
  // anything is loaded; a FIFO stands in for the device, which only root could replace.
  ScratchDir cwd("special-out");
  ASSERT_EQ(::mkfifo((cwd / "out.png").c_str(), 0600), 0);
  expectOneLineError(runTerrabrief({"render", "--scene", "unused.json", "--size", "64x48", "--out", "out.png"}, {cwd.path()}),
                     "out.png");
  EXPECT_TRUE(fs::is_fifo(cwd / "out.png"));
  EXPECT_EQ(listDir(cwd.path()), std::vector<std::string>{"out.png"});
  expectOneLineError(runTerrabrief({"render", "--scene", "unused.json", "--out", "/dev/full"}, {cwd.path()}), "/dev/full");
}

TEST(BadInput, NoEglDisplayAvailable) {
  ScratchDir cwd("cwd");
  RunOptions options{cwd.path()};
  // glvnd finds no EGL vendor library at all, so no display can be made.
  options.env["__EGL_VENDOR_LIBRARY_FILENAMES"] = "/nonexistent";
  const RunResult r = runTerrabrief({"render", "--size", "64x48", "--out", "out.png"}, options);
  expectOneLineError(r, "EGL");
  EXPECT_TRUE(listDir(cwd.path()).empty());
}

}  // namespace
}  // namespace tb::clitest
