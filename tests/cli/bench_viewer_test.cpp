// `terrabrief bench --viewer` needs a window: without a display it says so in one line and exits
// 2 before loading anything. (With a display it is run by tests/ui/viewer_bench_test.cpp.)
#include <gtest/gtest.h>

#include "CliRun.h"

namespace tb::clitest {
namespace {

TEST(BenchViewer, WithoutADisplayItSaysSoInOneLineAndExits2) {
  ScratchDir cwd("bench-viewer");
  RunOptions options(cwd.path());
  options.env = {{"DISPLAY", ""}, {"WAYLAND_DISPLAY", ""}};
  const RunResult r = runTerrabrief({"bench", "--viewer", "--frames", "2"}, options);
  expectOneLineError(r, "bench --viewer");
  EXPECT_NE(r.err.find("xvfb-run"), std::string::npos) << "the line should say how to run it: " << r.err;
  EXPECT_EQ(r.out, "") << "no table without measurements";
  EXPECT_TRUE(listDir(cwd.path()).empty());
}

TEST(BenchViewer, TheViewerBenchFlagIsHiddenFromHelp) {
  ScratchDir cwd("bench-viewer-help");
  const RunResult view = runTerrabrief({"view", "--help"}, {cwd.path()});
  EXPECT_EQ(view.exitCode, 0) << describe(view);
  EXPECT_EQ(view.out.find("--bench-frames"), std::string::npos) << "an internal flag is listed in view --help";
  const RunResult bench = runTerrabrief({"bench", "--help"}, {cwd.path()});
  EXPECT_NE(bench.out.find("--viewer"), std::string::npos) << describe(bench);
}

}  // namespace
}  // namespace tb::clitest
