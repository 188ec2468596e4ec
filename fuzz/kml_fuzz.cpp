// libFuzzer target: a KML tour through importKmlTour() (libxml2 parses it from a file, as the CLI does).
#include <cstdint>
#include <string>

#include "FuzzInput.h"
#include "briefing/KmlTour.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  tb::fuzz::quietLogs();
  tb::fuzz::removeWorkDirAtExit();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string path = tb::fuzz::inputFile("tour.kml", data, size);
  try {
    tb::briefing::importKmlTour(path, "scene.json");
  } catch (const tb::Error& e) {
    tb::fuzz::checkError(e);
  }
  return 0;
}
