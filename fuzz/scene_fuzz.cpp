// libFuzzer target: a scene file through loadScene(), as a user's file would come. Beside it lie a
// valid sites.geojson and views.json, so that inputs referring to them reach the sites and views code.
#include <cstdint>
#include <string>

#include "FuzzInput.h"
#include "GeoJsonOnly.h"
#include "scene/Scene.h"

namespace {
const char* kSites = R"({"type":"FeatureCollection","features":[
{"type":"Feature","geometry":{"type":"Point","coordinates":[129.67,41.67]},
 "properties":{"id":"castle","name":"Castle","category":"historic","honesty":"given","precision_m":60,"source":"brief"}},
{"type":"Feature","geometry":null,"properties":{"id":"n","name":"Note","category":"historic","honesty":"note",
 "direction_deg":90,"distance_km":3,"direction_from":"castle"}}]})";
const char* kViews = R"({"views":[{"name":"a","lookAt":{"lat":41.6,"lon":129.6},"range":9000,"heading":10,"pitch":-40}]})";
}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  tb::fuzz::quietLogs();
  tb::fuzz::removeWorkDirAtExit();
  tb::fuzz::keepOnlyGeoJsonDriver();
  tb::fuzz::writeFile("sites.geojson", kSites, std::char_traits<char>::length(kSites));
  tb::fuzz::writeFile("views.json", kViews, std::char_traits<char>::length(kViews));
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string path = tb::fuzz::inputFile("scene.json", data, size);
  try {
    tb::scene::loadScene(path);
  } catch (const tb::Error& e) {
    tb::fuzz::checkError(e);
  }
  return 0;
}
