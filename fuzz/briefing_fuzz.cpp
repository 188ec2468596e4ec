// libFuzzer target: a briefing file through parseBriefingText(). A briefing that parses must also
// survive its own round trip (briefingToJson, parsed again): Save writes what Open reads.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "FuzzInput.h"
#include "briefing/Briefing.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  tb::fuzz::quietLogs();
  tb::fuzz::removeWorkDirAtExit();
  // Briefings must name a scene file that exists (relative to the briefing); the corpus says "scene.json".
  tb::fuzz::writeFile("scene.json", "{}", 2);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string file = (tb::fuzz::workDir() / "briefing.json").string();
  tb::briefing::Briefing b;
  try {
    b = tb::briefing::parseBriefingText(std::string(reinterpret_cast<const char*>(data), size), file);
  } catch (const tb::Error& e) {
    tb::fuzz::checkError(e);
    return 0;
  }
  const std::string text = tb::briefing::briefingToJson(b);
  try {
    tb::briefing::parseBriefingText(text, file);
  } catch (const tb::Error& e) {
    std::fprintf(stderr, "fuzz: a parsed briefing does not read back: %s\n%s\n", e.what(), text.c_str());
    std::abort();
  }
  return 0;
}
