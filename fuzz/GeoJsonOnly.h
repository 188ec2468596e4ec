// For the targets that reach OGR: GDAL probes every registered driver on each open, which made
// an execution ~10 ms. The files fuzzed are GeoJSON, so only that driver stays registered.
#pragma once
#include <string_view>

#include <gdal.h>

#include "geo/GdalSession.h"

namespace tb::fuzz {

inline void keepOnlyGeoJsonDriver() {
  geo::ensureGdal();  // registers everything once; later calls do nothing
  for (int i = GDALGetDriverCount() - 1; i >= 0; --i) {
    GDALDriverH d = GDALGetDriver(i);
    if (std::string_view(GDALGetDriverShortName(d)) == "GeoJSON") continue;
    GDALDeregisterDriver(d);
    GDALDestroyDriver(d);  // deregistering alone leaves it to LeakSanitizer
  }
}

}  // namespace tb::fuzz
