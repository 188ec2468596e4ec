// Sites files: every feature validated, errors name the file, the feature and the problem.
#include <gtest/gtest.h>

#include "../geo/RasterFixtures.h"
#include "core/Error.h"
#include "scene/Scene.h"

using namespace tb;

namespace {

std::string feature(const std::string& props, const std::string& geometry) {
  return R"({"type":"Feature","properties":{)" + props + R"(},"geometry":)" + geometry + "}";
}
std::string point(double lon, double lat) {
  return R"({"type":"Point","coordinates":[)" + std::to_string(lon) + "," + std::to_string(lat) + "]}";
}
const std::string kGood = R"("id":"springs","name":"Hot Springs","category":"c","honesty":"given","precision_m":60,"source":"brief")";

std::string writeSites(const std::vector<std::string>& features) {
  std::string text = R"({"type":"FeatureCollection","features":[)";
  for (size_t i = 0; i < features.size(); ++i) text += (i ? "," : "") + features[i];
  text += "]}";
  const std::string path = testfix::scratchDir("sites") + "/sites.geojson";
  testfix::writeText(path, text);
  return path;
}

std::string errorOf(const std::string& path) {
  try {
    scene::loadSites(path);
  } catch (const Error& e) {
    return e.what();
  }
  return "(no error)";
}

}  // namespace

TEST(Sites, LatitudeOutOfRange) {
  const std::string path = writeSites({
      feature(kGood, point(129.585, 41.602)),
      feature(R"("id":"onpho","name":"Onpho","category":"c","honesty":"given","precision_m":60,"source":"brief")",
              point(129.527, 41.657)),
      feature(R"("id":"castle","name":"Castle","category":"c","honesty":"given","precision_m":60,"source":"brief")",
              point(129.67, 95)),
  });
  EXPECT_EQ(errorOf(path), path + ": feature 3 (\"castle\"): latitude 95 is outside -90..90");
}

TEST(Sites, EveryRuleHasItsMessage) {
  struct Case {
    std::string feature;
    std::string expect;
  };
  const std::string area = R"({"type":"LineString","coordinates":[[129.6,41.6],[129.7,41.7]]})";
  const std::vector<Case> cases = {
      {feature(R"("name":"x","category":"c","honesty":"given","precision_m":60,"source":"s")", point(129, 41)),
       "feature 2: missing property \"id\""},
      {feature(R"("id":"x","name":"x","category":"c","honesty":"sure","precision_m":60,"source":"s")", point(129, 41)),
       "feature 2 (\"x\"): honesty \"sure\" is not one of given, derived, area, note"},
      {feature(R"("id":"x","name":"x","category":"c","honesty":"given","source":"s")", point(129, 41)),
       "feature 2 (\"x\"): missing property \"precision_m\" (metres; a point needs its precision)"},
      {feature(R"("id":"x","name":"x","category":"c","honesty":"given","precision_m":-5,"source":"s")", point(129, 41)),
       "feature 2 (\"x\"): precision_m -5 must be greater than 0"},
      {feature(R"("id":"x","name":"x","category":"c","honesty":"given","precision_m":60,"source":"s")", area),
       "feature 2 (\"x\"): a \"given\" site needs a single Point geometry"},
      {feature(R"("id":"x","name":"x","category":"c","honesty":"area","source":"s")", point(129, 41)),
       "feature 2 (\"x\"): an \"area\" site needs a LineString or Polygon geometry"},
      {feature(R"("id":"x","name":"x","category":"c","honesty":"note","source":"s")", point(129, 41)),
       "feature 2 (\"x\"): a \"note\" site has no position, so its geometry must be null"},
      {feature(R"("id":"springs","name":"x","category":"c","honesty":"note","source":"s")", "null"),
       "feature 2 (\"springs\"): id \"springs\" is already used by feature 1"},
      {feature(R"("id":"x","name":"x","category":"c","honesty":"note","source":"s","lattitude":4)", "null"),
       "feature 2 (\"x\"): unknown property \"lattitude\""},
      {feature(R"("id":"x","name":"x","category":"c","honesty":"given","precision_m":60,"source":"s")", point(190, 41)),
       "feature 2 (\"x\"): longitude 190 is outside -180..180"},
      {feature(R"("id":"x","name":"x","category":"c","honesty":"given","precision_m":60,"source":"s","uncertain_end":"start")",
               point(129, 41)),
       "feature 2 (\"x\"): uncertain_end applies to \"area\" sites only"},
      {feature(R"("id":"x","name":"x","category":"c","honesty":"note","source":"s","direction_deg":"south")", "null"),
       "feature 2 (\"x\"): direction_deg \"south\" is not a number"},
      {feature(R"("id":"x","name":"x","category":"c","honesty":"note")", "null"),
       "feature 2 (\"x\"): missing property \"source\""},
  };
  for (const Case& c : cases) {
    const std::string path = writeSites({feature(kGood, point(129.585, 41.602)), c.feature});
    EXPECT_EQ(errorOf(path), path + ": " + c.expect);
  }
}

TEST(Sites, MalformedGeoJsonNamesTheFile) {
  const std::string path = testfix::scratchDir("sites-bad") + "/sites.geojson";
  testfix::writeText(path, R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":)");
  const std::string msg = errorOf(path);
  EXPECT_EQ(msg.rfind(path + ": not vector data OGR can read", 0), 0u) << msg;
  EXPECT_EQ(msg.find('\n'), std::string::npos);
}
