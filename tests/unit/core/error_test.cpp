// tb::Error messages are one line whatever the input put into them (found by fuzzing: a scene
// key or a libxml2 message with a line break made a two-line error).
#include <gtest/gtest.h>

#include "core/Error.h"

namespace tb {
namespace {

TEST(Error, ControlCharactersAreEscapedIntoOneLine) {
  const Error e("a\nb.json", std::string("unknown key \"x\ny\r\x01\x7f\" (tab\tkept)"));
  EXPECT_STREQ(e.what(), "a\\nb.json: unknown key \"x\\ny\\r\\x01\\x7f\" (tab\tkept)");
  EXPECT_EQ(e.file(), "a\\nb.json");
  EXPECT_EQ(e.problem(), "unknown key \"x\\ny\\r\\x01\\x7f\" (tab\tkept)");
  EXPECT_EQ(e.exitCode(), kExitBadInput);
}

TEST(Error, PlainMessagesAreUnchanged) {
  const Error e("scene.json:3:7", "/extent/east: 200 is outside -180..180");
  EXPECT_STREQ(e.what(), "scene.json:3:7: /extent/east: 200 is outside -180..180");
  EXPECT_STREQ(Error("", "no file").what(), "no file");
}

}  // namespace
}  // namespace tb
