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
  EXPECT_EQ(view.out.find("--bench-frames"), std::string::npos) << "the viewer has no bench mode";
  const RunResult bench = runTerrabrief({"bench", "--help"}, {cwd.path()});
  EXPECT_EQ(bench.exitCode, 0) << describe(bench);
  EXPECT_NE(bench.out.find("--viewer"), std::string::npos) << describe(bench);
  EXPECT_EQ(bench.out.find("--viewer-child"), std::string::npos) << "an internal flag is listed: " << bench.out;
}

// The harness is a program of its own (bench/): the product's executable has no bench command,
// and `terrabrief bench` reaches terrabrief-bench through the launcher.
TEST(BenchViewer, TheProductHasNoBenchCommand) {
  ScratchDir cwd("bench-not-in-product");
  const fs::path dir = fs::path(TB_BINARY).parent_path();
  ASSERT_TRUE(fs::is_regular_file(dir / "terrabrief-bench")) << "terrabrief-bench is not built beside terrabrief";
  const RunResult main = runProgram({(dir / "terrabrief-main").string(), "bench"}, {cwd.path()});
  EXPECT_EQ(main.exitCode, 2) << "terrabrief-main still has a bench command: " << describe(main);
  const RunResult bad = runTerrabrief({"bench", "--frames", "0"}, {cwd.path()});
  expectOneLineError(bad, "bench");
}

}  // namespace
}  // namespace tb::clitest
