// libFuzzer target: a sites GeoJSON file through loadSites() (OGR reads it from GDAL's in-memory
// file system, then our strict property checks run on every feature).
#include <cstdint>
#include <string>

#include <cpl_vsi.h>

#include "FuzzInput.h"
#include "GeoJsonOnly.h"
#include "scene/Scene.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  tb::fuzz::quietLogs();
  tb::fuzz::keepOnlyGeoJsonDriver();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const char* path = "/vsimem/tb-fuzz/sites.geojson";
  // GDAL reads the buffer in place (no copy, not taken over); it stays valid until the unlink.
  VSILFILE* f = VSIFileFromMemBuffer(path, const_cast<GByte*>(data), vsi_l_offset(size), FALSE);
  if (!f) return 0;
  VSIFCloseL(f);
  try {
    tb::scene::loadSites(path);
  } catch (const tb::Error& e) {
    tb::fuzz::checkError(e);
  }
  VSIUnlink(path);
  return 0;
}
