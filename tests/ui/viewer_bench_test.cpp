// `terrabrief bench --viewer` under Xvfb (ctest: ui.viewer-bench): it starts the viewer in a
// real window, and the table has its rows. The values depend on the machine and are not checked
// here; the numbers worth quoting come from a full run (README, Benchmarks).
#include <gtest/gtest.h>
#include <stdio.h>
#include <sys/wait.h>

#include <cstdlib>
#include <regex>
#include <string>

namespace tb::uitest {
namespace {

struct Output {
  int exitCode = -1;
  std::string text;  // stdout and stderr together
};

Output runCommand(const std::string& command) {
  Output o;
  FILE* p = ::popen((command + " 2>&1").c_str(), "r");
  if (!p) return o;
  char buf[4096];
  while (std::size_t n = std::fread(buf, 1, sizeof buf, p)) o.text.append(buf, n);
  const int status = ::pclose(p);
  o.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return o;
}

TEST(ViewerBenchTest, PrintsTheViewerRows) {
  if (!std::getenv("DISPLAY")) GTEST_SKIP() << "no X display (ctest runs this test under xvfb-run -a)";
  const Output o = runCommand(std::string(TB_BINARY) + " bench --viewer --frames 2");
  ASSERT_EQ(o.exitCode, 0) << o.text;
  EXPECT_TRUE(std::regex_search(o.text, std::regex(R"(window 1280x720 \(3D view \d+x\d+\))"))) << o.text;
  // Each target row: a value, its target, a ratio and a verdict.
  const std::string verdict = R"( +\S.*<= [\d.]+( ms| s)? +\d+\.\d\d +(PASS|over))";
  EXPECT_TRUE(std::regex_search(o.text, std::regex(R"(\(v1\) interactive frame 1280x720, panel)" + verdict))) << o.text;
  EXPECT_TRUE(std::regex_search(o.text, std::regex(R"(\(v2\) interactive / offscreen no UI)" + verdict))) << o.text;
  EXPECT_TRUE(std::regex_search(o.text, std::regex(R"(\(v3\) launch to first full-detail frame)" + verdict)))
      << o.text;
  // What the UI costs, in rows of their own.
  for (const char* part : {"panels not drawn", "UI: drawing the panels", "UI: building the panels", "present: swap"})
    EXPECT_TRUE(std::regex_search(o.text, std::regex(std::string(part) + R"(.* [\d.-]+ ms)")))
        << part << "\n" << o.text;
}

// The short soak CI runs: 30 s of scripted flight over the default scene held in memory (the
// streamed caches fill for minutes; the 10-minute soak covers them). It fails when resident
// memory grows by 2% or more after the warm-up, or live GL objects grow: a per-frame leak in the
// viewer, the panels or the renderer.
TEST(ViewerBenchTest, ShortSoakKeepsMemoryAndGlObjectsFlat) {
  if (!std::getenv("DISPLAY")) GTEST_SKIP() << "no X display (ctest runs this test under xvfb-run -a)";
  const Output o = runCommand("TERRABRIEF_STREAMING=0 " + std::string(TB_BINARY) + " bench --soak 0.5");
  EXPECT_EQ(o.exitCode, 0) << o.text;
  const std::string verdict = R"( +\S.* +\d+\.\d\d +PASS)";
  EXPECT_TRUE(std::regex_search(o.text, std::regex(R"(soak: RSS growth after warm-up)" + verdict))) << o.text;
  EXPECT_TRUE(std::regex_search(o.text, std::regex(R"(soak: live GL objects after warm-up)" + verdict))) << o.text;
  EXPECT_TRUE(std::regex_search(o.text, std::regex(R"(soak: frames flown +\d+ in \d+ s, \d+ round trips)"))) << o.text;
}

}  // namespace
}  // namespace tb::uitest
