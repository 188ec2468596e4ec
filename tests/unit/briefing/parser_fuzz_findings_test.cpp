// Inputs the fuzzers (fuzz/) found, kept as regression tests: each must fail with one line of
// tb::Error (exit code 2), never crash or print a second line.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "briefing/KmlTour.h"
#include "core/Error.h"

namespace tb::briefing {
namespace {

std::string writeScratch(const std::string& name, const std::string& bytes) {
  const std::filesystem::path dir = std::filesystem::path(TB_TEST_OUTPUT_DIR) / "fuzz-findings";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / name, std::ios::binary) << bytes;
  return (dir / name).string();
}

// fuzz_kml: bytes that are not UTF-8 inside an element; libxml2's message has a second line
// ("Bytes: 0xD0 0xC5 ..."), which the error used to print as is.
TEST(KmlFuzzFindings, InvalidUtf8GivesOneLineError) {
  const std::string kml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<kml><Document><name>t\xd0\xc5</name>"
                          "</Document></kml>\n";
  const std::string path = writeScratch("not-utf8.kml", kml);
  try {
    importKmlTour(path, "scene.json");
    FAIL() << "accepted bytes that are not UTF-8";
  } catch (const Error& e) {
    const std::string what = e.what();
    EXPECT_EQ(e.exitCode(), kExitBadInput);
    EXPECT_NE(what.find("not-utf8.kml:2: malformed XML: Input is not proper UTF-8"), std::string::npos) << what;
    EXPECT_EQ(what.find('\n'), std::string::npos) << what;
  }
}

}  // namespace
}  // namespace tb::briefing
