// `terrabrief bench --soak-video` (VideoSoak.h), the short run CI affords: about 20 s of the
// default briefing's first two steps looped through the real video export, headless. It fails
// when resident memory grows by 2% or more after the warm-up, or live GL objects grow: a per-frame
// leak in the export, the encoder or the renderer. The 10-minute run is quoted in the README.
#include <gtest/gtest.h>

#include <regex>

#include "CliRun.h"

namespace tb::clitest {
namespace {

TEST(VideoSoak, ShortSoakKeepsMemoryAndGlObjectsFlat) {
  ScratchDir cwd("bench-soak-video");
  RunOptions options(cwd.path());
  options.env = {{"TERRABRIEF_STREAMING", "0"}};
  const RunResult r = runTerrabrief({"bench", "--soak-video", "0.3"}, options);
  ASSERT_EQ(r.exitCode, 0) << describe(r);
  const std::string verdict = R"( +\S.* +\d+\.\d\d +PASS)";
  EXPECT_TRUE(std::regex_search(r.out, std::regex(R"(soak: RSS growth after warm-up)" + verdict))) << r.out;
  EXPECT_TRUE(std::regex_search(r.out, std::regex(R"(soak: live GL objects after warm-up)" + verdict))) << r.out;
  // At least the warm-up loop and two loops after it went through the encoder.
  std::smatch m;
  ASSERT_TRUE(std::regex_search(r.out, m, std::regex(R"(soak: frames exported +(\d+) in \d+ s, (\d+) loops)")))
      << r.out;
  EXPECT_GE(std::stoi(m[2].str()), 3) << r.out;
  EXPECT_TRUE(listDir(cwd.path()).empty()) << "the soak's video belongs in a scratch directory";
}

TEST(VideoSoak, ExcludesTheViewerSoakAndSaysSoInOneLine) {
  ScratchDir cwd("bench-soak-video-bad");
  const RunResult both = runTerrabrief({"bench", "--soak-video", "1", "--soak", "1"}, {cwd.path()});
  expectOneLineError(both, "--soak");
  const RunResult zero = runTerrabrief({"bench", "--soak-video", "0"}, {cwd.path()});
  expectOneLineError(zero, "--soak-video");
  EXPECT_TRUE(listDir(cwd.path()).empty());
}

}  // namespace
}  // namespace tb::clitest
