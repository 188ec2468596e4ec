// Shared fixture of the real-window tests: skips without an X display or the X tools, and gives
// each test a scratch folder that is kept when the test fails (or TB_KEEP_TEST_OUTPUT is set).
#pragma once
#include <gtest/gtest.h>
#include <stdlib.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "XDriver.h"

namespace tb::uitest {

class WindowTest : public ::testing::Test {
 protected:
  explicit WindowTest(std::string scratchPrefix) : prefix_(std::move(scratchPrefix)) {}

  void SetUp() override {
    if (!std::getenv("DISPLAY")) GTEST_SKIP() << "no X display (ctest runs this test under xvfb-run -a)";
    if (!shell("command -v xdotool") || !shell("command -v import"))
      GTEST_SKIP() << "xdotool and ImageMagick's import are needed to drive and capture the window";
    fs::create_directories(TB_TEST_OUTPUT_DIR);
    std::string pattern = (fs::path(TB_TEST_OUTPUT_DIR) / (prefix_ + "-XXXXXX")).string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override {
    std::error_code ec;
    if (!dir_.empty() && !HasFailure() && !std::getenv("TB_KEEP_TEST_OUTPUT")) fs::remove_all(dir_, ec);
  }

  fs::path dir_;

 private:
  std::string prefix_;
};

}  // namespace tb::uitest
