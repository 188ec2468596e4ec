// Screenshot names: timestamped, never overwriting an earlier one taken in the same second.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>

#include "viewer/Screenshot.h"

namespace tb::viewer {
namespace {
namespace fs = std::filesystem;

TEST(ScreenshotPath, TimestampedAndUnique) {
  const fs::path dir = fs::path(TB_TEST_OUTPUT_DIR) / "screenshot-path-test";
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::tm t{};
  t.tm_year = 2026 - 1900;
  t.tm_mon = 10;
  t.tm_mday = 25;
  t.tm_hour = 8;
  t.tm_min = 30;
  t.tm_sec = 5;
  t.tm_isdst = -1;
  const std::time_t when = std::mktime(&t);  // local time, as the name is
  const fs::path first = timestampedScreenshotPath(dir.string(), when);
  EXPECT_EQ(first.filename(), "terrabrief-20261125-083005.png");
  std::ofstream(first) << "x";
  const fs::path second = timestampedScreenshotPath(dir.string(), when);
  EXPECT_EQ(second.filename(), "terrabrief-20261125-083005-2.png");
  fs::remove_all(dir);
}

}  // namespace
}  // namespace tb::viewer
