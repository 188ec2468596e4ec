// JsonDocument limits found while writing the fuzz targets (fuzz/): deep nesting is refused
// before it costs quadratic memory, and user text in errors cannot break the one-line rule.
#include <gtest/gtest.h>

#include <chrono>

#include "core/Error.h"
#include "scene/JsonDocument.h"

namespace tb::scene {
namespace {

std::string errorOf(const std::string& text) {
  try {
    JsonDocument::parseText(text, "f.json");
  } catch (const Error& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(JsonDocument, DeepNestingIsRefusedQuickly) {
  const auto start = std::chrono::steady_clock::now();
  // A megabyte of "[" kept a JSON pointer per level: ~10^12 bytes before the limit.
  EXPECT_EQ(errorOf(std::string(1 << 20, '[')), "f.json:1:65: JSON nested deeper than 64 levels");
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
  std::string ok;
  for (int i = 0; i < 64; ++i) ok += "[";
  for (int i = 0; i < 64; ++i) ok += "]";
  EXPECT_EQ(errorOf(ok), "(no error)") << "64 levels are allowed";
}

TEST(JsonDocument, KeysWithLineBreaksStayOnOneLine) {
  const JsonDocument doc = JsonDocument::parseText("{\"a\\nb\": 1}", "f.json");
  try {
    ObjectReader(doc, doc.root(), "", {"name"});
    FAIL() << "an unknown key was accepted";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "f.json:1:2: top level: unknown key \"a\\nb\" (known: name)");
  }
}

}  // namespace
}  // namespace tb::scene
