// CRS helpers and OGR vector loading.
#include <gtest/gtest.h>

#include "RasterFixtures.h"
#include "core/Error.h"
#include "geo/Crs.h"
#include "geo/Vector.h"

using namespace tb;

TEST(Crs, UtmZoneOfKyongsong) {
  EXPECT_EQ(geo::utmCrsFor(129.62, 41.56), "EPSG:32652");
  EXPECT_EQ(geo::utmCrsFor(-70.6, -33.4), "EPSG:32719");
  EXPECT_EQ(geo::utmCrsFor(5.3, 60.4), "EPSG:32632");  // the widened Norwegian zone
}

TEST(Crs, UnknownCrsNamesTheSubject) {
  try {
    geo::validateCrs("EPSG:999999", "scene.json");
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()), "scene.json: unknown CRS \"EPSG:999999\" (not understood by PROJ)");
  }
  EXPECT_NO_THROW(geo::validateCrs("EPSG:32652", "scene.json"));
  EXPECT_NE(geo::crsDisplayName("EPSG:32652").find("UTM zone 52N"), std::string::npos);
}

TEST(Crs, ProjectionRoundTrip) {
  geo::GeoProjection p("EPSG:32652");
  const glm::dvec2 xy = p.toProjected(129.67, 41.67);
  EXPECT_NEAR(xy.x, 555900, 2000);  // zone 52 central meridian is 129 E: ~56 km east of it
  const glm::dvec2 ll = p.toLonLat(xy);
  EXPECT_NEAR(ll.x, 129.67, 1e-9);
  EXPECT_NEAR(ll.y, 41.67, 1e-9);
}

TEST(Vector, GeoJsonIntoUtm) {
  const std::string dir = testfix::scratchDir("vector-ok");
  testfix::writeText(dir + "/v.geojson", R"({"type":"FeatureCollection","features":[
    {"type":"Feature","properties":{"id":"a","n":3},"geometry":{"type":"Point","coordinates":[129.67,41.67]}},
    {"type":"Feature","properties":{"id":"b","n":null},"geometry":{"type":"Polygon","coordinates":[[[129.5,41.5],[129.6,41.5],[129.6,41.6],[129.5,41.5]]]}},
    {"type":"Feature","properties":{"id":"c"},"geometry":null}]})");
  const geo::VectorLayer layer = geo::loadVectors(dir + "/v.geojson", "EPSG:32652");
  ASSERT_EQ(layer.features.size(), 3u);
  const auto& a = layer.features[0];
  EXPECT_EQ(a.kind, geo::GeometryKind::Point);
  EXPECT_EQ(a.properties.at("id"), "a");
  EXPECT_EQ(a.properties.at("n"), "3");
  const glm::dvec2 expect = geo::GeoProjection("EPSG:32652").toProjected(129.67, 41.67);
  EXPECT_NEAR(a.parts[0][0].x, expect.x, 1e-6);
  EXPECT_NEAR(a.parts[0][0].y, expect.y, 1e-6);
  EXPECT_EQ(layer.features[1].kind, geo::GeometryKind::Polygon);
  EXPECT_EQ(layer.features[1].properties.at("n"), "");
  EXPECT_EQ(layer.features[1].parts[0].front(), layer.features[1].parts[0].back());
  EXPECT_EQ(layer.features[2].kind, geo::GeometryKind::None);
  EXPECT_EQ(layer.features[2].index, 2);
}

TEST(Vector, MalformedGeoJsonNamesTheFile) {
  const std::string path = testfix::scratchDir("vector-bad") + "/sites.geojson";
  testfix::writeText(path, R"({"type":"FeatureCollection","features":[{"type":"Feature", "geometry": {"type":"Point",)");
  try {
    geo::loadVectors(path, "EPSG:4326");
    FAIL() << "no error";
  } catch (const Error& e) {
    const std::string msg = e.what();
    EXPECT_EQ(msg.rfind(path + ": not vector data OGR can read", 0), 0u) << msg;
    EXPECT_EQ(msg.find('\n'), std::string::npos);
  }
}

TEST(Vector, MissingFile) {
  EXPECT_THROW(geo::loadVectors("/nonexistent/x.geojson", "EPSG:4326"), Error);
}

TEST(Vector, KmlLineStringsOpen) {
  const std::string path = testfix::scratchDir("vector-kml") + "/coast.kml";
  testfix::writeText(path, R"(<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document><Placemark><name>shore</name>
<LineString><coordinates>129.60,41.60,0 129.65,41.65,0 129.70,41.66,0</coordinates></LineString>
</Placemark></Document></kml>)");
  const geo::VectorLayer layer = geo::loadVectors(path, "EPSG:4326");
  ASSERT_EQ(layer.features.size(), 1u);
  EXPECT_EQ(layer.features[0].kind, geo::GeometryKind::Line);
  ASSERT_EQ(layer.features[0].parts[0].size(), 3u);
  EXPECT_NEAR(layer.features[0].parts[0][2].x, 129.70, 1e-12);
  EXPECT_NEAR(layer.features[0].parts[0][2].y, 41.66, 1e-12);
}
