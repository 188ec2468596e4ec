// Test worlds for the briefing tests: a real projection (EPSG:32652, through PROJ) over an
// analytic height field, a scene with sites, views and layers made in code, and scratch files.
#pragma once
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <string>

#include <unistd.h>

#include "core/Camera.h"
#include "geo/Crs.h"
#include "world/World.h"

namespace tb::briefing::test {

inline std::string scratchDir(const std::string& name) {
  // Per process: ctest runs tests two at a time, each in its own process.
  const std::string dir = std::string(TB_TEST_OUTPUT_DIR) + "/briefing/" + name + "-" + std::to_string(::getpid());
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

inline void writeText(const std::string& path, const std::string& text) {
  std::ofstream f(path, std::ios::binary);
  f << text;
}

// "line:col" (1-based) of the first occurrence of `needle` in `text`, for expected error places.
inline std::string lineColOf(const std::string& text, const std::string& needle) {
  const size_t at = text.find(needle);
  if (at == std::string::npos) return "?";
  size_t line = 1, lineStart = 0;
  for (size_t i = 0; i < at; ++i)
    if (text[i] == '\n') ++line, lineStart = i + 1;
  return std::to_string(line) + ":" + std::to_string(at - lineStart + 1);
}

// n x n samples covering [-half, half]^2 around the local origin, heights from fn(x, y).
inline terrain::HeightField analyticField(const std::function<double(double, double)>& fn, double half = 20000.0,
                                          int n = 401) {
  const double cell = 2.0 * half / (n - 1);
  std::vector<float> h(size_t(n) * n);
  for (int r = 0; r < n; ++r)
    for (int c = 0; c < n; ++c) h[size_t(r) * n + c] = float(fn(-half + c * cell, half - r * cell));
  return terrain::HeightField(n, n, cell, {-half, half}, std::move(h));
}

// A scene near Kyongsong with two given sites, an area, a note, three views and two layers.
inline scene::Scene testScene() {
  scene::Scene s;
  s.path = "test-scene.json";
  s.name = "Test";
  s.crs = "EPSG:32652";
  s.extent = {129.40, 41.38, 129.85, 41.75};
  s.imagery.push_back({"Cover", "cover.tif", true, 1.0f});
  s.overlays.push_back({"Coast", "coast.geojson", glm::vec4(1.0f), 1.5f, true});
  s.sitesPath = "sites.geojson";
  auto point = [](std::string id, double lon, double lat) {
    scene::Site site;
    site.id = std::move(id);
    site.name = site.id;
    site.category = "historic";
    site.honesty = scene::Honesty::Given;
    site.kind = geo::GeometryKind::Point;
    site.lonLat = {{{lon, lat}}};
    return site;
  };
  s.sites.push_back(point("west", 129.56, 41.56));
  s.sites.push_back(point("east", 129.68, 41.56));
  scene::Site note;
  note.id = "far-note";
  note.honesty = scene::Honesty::Note;
  s.sites.push_back(note);
  auto lookAt = [](std::string name, double lon, double lat, double range, double heading, double pitch) {
    scene::ViewSpec v;
    v.name = std::move(name);
    v.kind = scene::ViewSpec::Kind::LookAt;
    v.lon = lon, v.lat = lat, v.rangeOrHeight = range, v.headingDeg = heading, v.pitchDeg = pitch;
    return v;
  };
  s.views.push_back(lookAt("overview", 129.62, 41.56, 30000, 0, -45));
  s.views.push_back(lookAt("west-close", 129.50, 41.55, 2000, 90, -30));
  s.views.push_back(lookAt("east-close", 129.74, 41.57, 2000, 270, -30));
  s.render.exaggeration = 1.5;
  return s;
}

// The test scene over `field` (local origin at 129.62 E 41.56 N); given sites sit on the field.
inline std::unique_ptr<world::World> testWorld(terrain::HeightField field) {
  auto w = std::make_unique<world::World>();
  w->scene = testScene();
  w->projection = std::make_shared<geo::GeoProjection>("EPSG:32652");
  w->originProjected = w->projection->toProjected(129.62, 41.56);
  w->heights = std::move(field);
  for (const scene::Site& site : w->scene.sites) {
    world::PlacedSite p;
    p.site = &site;
    if (site.honesty == scene::Honesty::Given) {
      const glm::dvec2 xy = w->toLocal(site.lonLat[0][0].x, site.lonLat[0][0].y);
      p.anchor = glm::dvec3(xy, w->heights.sample(xy));
    }
    w->sites.push_back(p);
  }
  return w;
}

inline double angleBetween(const CameraPose& a, const CameraPose& b) {
  return std::acos(std::clamp(glm::dot(a.forward(), b.forward()), -1.0, 1.0));
}

}  // namespace tb::briefing::test
