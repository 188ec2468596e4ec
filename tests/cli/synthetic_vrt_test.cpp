// A VRT mosaic of synthetic tiles (each carrying TERRABRIEF_SYNTHETIC=YES, the VRT itself not) is
// reported synthetic like a single synthetic file: by `info`, and in a render's PNG (the stamp's
// "Synthetic" text chunk), on the in-memory and the streamed path. Tiles flagged NO give "no".
#include <gtest/gtest.h>

#include "CliRun.h"
#include "StreamFixtures.h"
#include "core/PngFile.h"

namespace tb::clitest {
namespace {

// Two 200x200 tiles cut from the default (synthetic) DEM, mosaicked by gdalbuildvrt, which does
// not copy the tiles' metadata. synthetic=false overrides the flag in each tile.
void makeMosaic(const fs::path& dir, bool synthetic) {
  for (const char* off : {"0", "200"}) {
    std::vector<std::string> args{"gdal_translate", "-q", "-srcwin", off, "0", "200", "200"};
    if (!synthetic) args.insert(args.end(), {"-mo", "TERRABRIEF_SYNTHETIC=NO"});
    args.insert(args.end(), {defaultDem().string(), std::string("tile") + off + ".tif"});
    gdal(dir, args);
  }
  gdal(dir, {"gdalbuildvrt", "-q", "mosaic.vrt", "tile0.tif", "tile200.tif"});
  writeFile(dir / "scene.json", streamSceneJson("mosaic.vrt"));
}

void expectReported(bool synthetic, bool streamed) {
  ScratchDir dir(std::string("synthetic-vrt-") + (synthetic ? "yes" : "no") + (streamed ? "-streamed" : ""));
  makeMosaic(dir.path(), synthetic);
  RunOptions options = streamOptions(dir.path());
  if (!streamed) options.env.erase("TERRABRIEF_STREAMING");
  const RunResult info = runTerrabrief({"info", "--scene", "scene.json"}, options);
  ASSERT_EQ(info.exitCode, 0) << describe(info);
  EXPECT_NE(info.out.find(synthetic ? "synthetic: yes" : "synthetic: no"), std::string::npos) << info.out;

  const RunResult r = renderScene(dir / "scene.json", dir / "out.png", options);
  ASSERT_EQ(r.exitCode, 0) << describe(r);
  const PngContents png = readPng((dir / "out.png").string());
  std::string chunk;
  for (const auto& [key, value] : png.text)
    if (key == "Synthetic") chunk = value;
  if (synthetic)
    EXPECT_NE(chunk.find("yes: DEM mosaic.vrt"), std::string::npos) << chunk;
  else
    EXPECT_EQ(chunk, "no");
}

TEST(SyntheticVrt, MosaicOfSyntheticTilesIsReportedSynthetic) { expectReported(true, false); }
TEST(SyntheticVrt, MosaicOfSyntheticTilesIsReportedSyntheticWhenStreamed) { expectReported(true, true); }
TEST(SyntheticVrt, MosaicOfRealTilesIsNot) { expectReported(false, false); }

}  // namespace
}  // namespace tb::clitest
