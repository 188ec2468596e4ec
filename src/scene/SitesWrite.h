// Writing sites back to the scene's GeoJSON file with our documented properties (see
// docs/scene-format.md), so that loadSites() reads back exactly what was written.
#pragma once
#include <string>
#include <vector>

#include "scene/Scene.h"

namespace tb::scene {

// A FeatureCollection, one feature per site in order; numbers in their shortest exact form.
std::string sitesToGeoJson(const std::vector<Site>& sites);

// Atomic (core/AtomicFile): a failed write leaves the old file as it was. Throws tb::Error.
void saveSites(const std::string& path, const std::vector<Site>& sites);

// Adds or replaces the scene file's "categories" (and, when sitesPath is not empty, its "sites"
// path), keeping every other key as written. Atomic; throws tb::Error.
void updateSceneFile(const std::string& scenePath, const std::map<std::string, Category>& categories,
                     const std::string& sitesPath);

// Appends imagery and overlay layers to the scene file's lists (paths relative to the scene's
// folder where they can be), keeping every other key as written. Atomic; throws tb::Error.
void addLayersToSceneFile(const std::string& scenePath, const std::vector<ImageryLayerSpec>& imagery,
                          const std::vector<OverlaySpec>& overlays);

std::string colorToHex(const glm::vec4& color);  // "#rrggbb"

}  // namespace tb::scene
