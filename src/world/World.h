// A loaded scene: the scene file plus its rasters, vectors and sites brought into the scene's
// local frame (metres from the origin; x east, y north, z up, real heights). No GL: the renderer
// and the viewer both draw from this.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/Camera.h"
#include "geo/Crs.h"
#include "geo/Grid.h"
#include "scene/Scene.h"
#include "terrain/GroundDetail.h"
#include "terrain/HeightField.h"

namespace tb::world {
class TerrainStream;
}

namespace tb::world {

struct ImageryLayer {
  scene::ImageryLayerSpec spec;
  geo::RgbaGrid raster;  // warped into the scene CRS over the scene extent
  glm::dvec2 originNW;   // local position of the raster's north-west corner (cell edge)
  double cellSize = 0;
};

struct OverlayLines {
  scene::OverlaySpec spec;
  std::vector<std::vector<glm::dvec2>> lines;  // local xy; polygons as closed rings
  std::size_t pointsNotDrawn = 0;              // point features (waypoints): overlays draw lines only
};

struct PlacedSite {
  const scene::Site* site = nullptr;  // points into World::scene.sites
  std::optional<glm::dvec3> anchor;   // given/derived points: local xy, terrain height
  std::vector<std::vector<glm::dvec2>> outline;  // areas: local xy
};

struct World {
  scene::Scene scene;
  geo::GridSpec demGrid;        // the DEM's grid in the scene CRS
  glm::dvec2 originProjected;   // projected coordinates of local (0,0)
  // In-memory terrain: the DEM at its own resolution (nodata filled with 0). Streamed terrain:
  // an overview of it (at most LoadOptions::overviewSide a side) for the camera, flights and overlays, while
  // `stream` serves the full resolution in tiles.
  terrain::HeightField heights;
  std::shared_ptr<TerrainStream> stream;  // set when the terrain is streamed
  // Streamed: the resident tiles' heights, finer than `heights`, for camera clearance and flights.
  std::shared_ptr<const terrain::GroundDetail> groundDetail;
  bool demSynthetic = false;
  std::string heightsKey;       // the DEM's geo::HeightGrid::contentKey (derived-data cache)
  std::vector<ImageryLayer> imagery;
  std::vector<OverlayLines> overlays;
  std::vector<PlacedSite> sites;  // same order as scene.sites
  std::shared_ptr<const geo::GeoProjection> projection;

  bool anySynthetic() const;  // DEM or any imagery layer flagged synthetic

  glm::dvec2 toLocal(double lonDeg, double latDeg) const;
  glm::dvec2 toLonLat(glm::dvec2 local) const;  // x = lon, y = lat (via PROJ)
  // Degrees clockwise from grid north (local +y) to true north at a local point.
  double trueNorthBearing(glm::dvec2 local) const;

  // The first terrain point along a ray (render space, z exaggerated), from the best heights at
  // hand: the whole-extent field, refined on the streamed tiles in RAM near its hit. No I/O.
  std::optional<glm::dvec3> pick(glm::dvec3 eye, glm::dvec3 dir, double exaggeration) const;

  // Camera for a saved view / a site / an explicit camera, in render space for `exaggeration`.
  CameraPose viewPose(const scene::ViewSpec& view, double exaggeration) const;
  CameraPose sitePose(const scene::Site& site, double exaggeration) const;
  CameraPose overviewPose(double exaggeration) const;  // the "overview" view, or a fitted one
};

// Replaces the scene's sites and categories (edited in the viewer) and places them again.
// Throws tb::Error like loading when a pin lies outside the DEM (the world is then unchanged).
void replaceSites(World& world, std::vector<scene::Site> sites, std::map<std::string, scene::Category> categories);

struct LoadOptions {
  bool loadImagery = true;
  bool loadOverlays = true;
  // Streamed terrain: the side of the heights overview (World::heights), and whether tile reads
  // start at once. `info` wants neither a fine overview nor tiles.
  int overviewSide = 1024;
  bool prefetch = true;
};

// Whether a scene streams its terrain: TERRABRIEF_STREAMING=1 always, =0 never; otherwise when
// the DEM at its own resolution over the scene is larger than kStreamAboveSamples, or when it is
// not already on the scene's grid and would need a whole-raster warp.
constexpr long long kStreamAboveSamples = 20'000'000;

World loadWorld(const std::string& scenePath, const LoadOptions& options = {});  // throws tb::Error

}  // namespace tb::world
