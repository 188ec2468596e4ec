// loadWorld: the scene file plus its DEM, imagery, overlays and sites brought into one local
// frame. The DEM grid is the scene extent projected into the scene CRS and snapped to the DEM's
// cell size (and to its pixel edges when it already is in that CRS, so it is read, not warped).
#include "world/World.h"
#include "world/WorldReload.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <future>
#include <optional>

#include "core/Error.h"
#include "core/Log.h"
#include "geo/Raster.h"
#include "geo/TileReader.h"
#include "geo/Vector.h"
#include "world/StreamGround.h"
#include "world/TerrainStream.h"

namespace tb::world {
namespace {

constexpr int kMaxDemSide = 16384;     // 1 GB of floats: beyond this the scene asks too much
constexpr int kMaxImagerySide = 8192;  // what every GL 4.5 implementation must sample

// The lon/lat rectangle's bounding box in the scene CRS, edges densified: UTM bends them.
geo::ProjectedExtent projectedExtent(const scene::LonLatExtent& e, const geo::GeoProjection& proj) {
  geo::ProjectedExtent out{1e300, 1e300, -1e300, -1e300};
  constexpr int n = 32;
  for (int i = 0; i <= n; ++i) {
    const double t = double(i) / n;
    const double lon = e.west + t * (e.east - e.west), lat = e.south + t * (e.north - e.south);
    for (glm::dvec2 ll : {glm::dvec2{lon, e.south}, glm::dvec2{lon, e.north}, glm::dvec2{e.west, lat},
                          glm::dvec2{e.east, lat}}) {
      const glm::dvec2 p = proj.toProjected(ll.x, ll.y);
      out.west = std::min(out.west, p.x), out.east = std::max(out.east, p.x);
      out.south = std::min(out.south, p.y), out.north = std::max(out.north, p.y);
    }
  }
  return out;
}

// Edges snapped outward to multiples of `cell` shifted by `phase`.
geo::GridSpec snapped(const std::string& crs, const geo::ProjectedExtent& e, double cell, glm::dvec2 phase) {
  const double eps = 1e-7;
  geo::GridSpec g;
  g.crs = crs;
  g.cellSize = cell;
  g.originX = std::floor((e.west - phase.x) / cell + eps) * cell + phase.x;
  g.originY = std::ceil((e.north - phase.y) / cell - eps) * cell + phase.y;
  const double east = std::ceil((e.east - phase.x) / cell - eps) * cell + phase.x;
  const double south = std::floor((e.south - phase.y) / cell + eps) * cell + phase.y;
  g.width = std::max(2, static_cast<int>(std::lround((east - g.originX) / cell)));
  g.height = std::max(2, static_cast<int>(std::lround((g.originY - south) / cell)));
  return g;
}

glm::dvec2 phaseOf(const geo::GridSpec& g) { return {std::fmod(g.originX, g.cellSize), std::fmod(g.originY, g.cellSize)}; }

geo::GridSpec demGrid(const scene::Scene& s, const geo::ProjectedExtent& clip) {
  const geo::GridSpec natural = geo::demGridFor(s.demPath, s.crs, &clip);
  double cell = natural.cellSize;
  glm::dvec2 phase = phaseOf(natural);
  if (s.demCellSize && std::abs(*s.demCellSize - natural.cellSize) > 1e-9 * natural.cellSize) {
    cell = *s.demCellSize;
    phase = {0, 0};
  }
  // The DEM's own footprint within the scene: beyond it there is no data to load.
  const geo::ProjectedExtent within{natural.originX, natural.south(), natural.east(), natural.originY};
  geo::GridSpec g = snapped(s.crs, within, cell, phase);
  if (g.width > kMaxDemSide || g.height > kMaxDemSide)
    throw Error(s.path, "/dem: the scene extent at " + std::to_string(cell) + " m needs " + std::to_string(g.width) +
                            "x" + std::to_string(g.height) + " samples (at most " + std::to_string(kMaxDemSide) +
                            " a side); set a larger dem.cellSize");
  return g;
}

ImageryLayer loadImageryLayer(const scene::ImageryLayerSpec& spec, const World& w, const geo::ProjectedExtent& clip) {
  const geo::GridSpec& dg = w.demGrid;
  const geo::ProjectedExtent demExtent{dg.originX, dg.south(), dg.east(), dg.originY};
  const double native = geo::demGridFor(spec.path, dg.crs, &clip).cellSize;
  double cell = std::min(native, dg.cellSize);
  const double side = std::max(demExtent.east - demExtent.west, demExtent.north - demExtent.south);
  if (side / cell > kMaxImagerySide) cell = side / kMaxImagerySide;
  ImageryLayer layer;
  layer.spec = spec;
  layer.raster = geo::loadImagery(spec.path, snapped(dg.crs, demExtent, cell, phaseOf(dg)));
  layer.cellSize = layer.raster.grid.cellSize;
  layer.originNW = glm::dvec2(layer.raster.grid.originX, layer.raster.grid.originY) - w.originProjected;
  return layer;
}

OverlayLines loadOverlay(const scene::OverlaySpec& spec, const World& w) {
  OverlayLines out;
  out.spec = spec;
  const geo::VectorLayer layer = geo::loadVectors(spec.path, w.scene.crs);
  for (const geo::VectorFeature& f : layer.features) {
    out.pointsNotDrawn += f.kind == geo::GeometryKind::Point;
    if (f.kind != geo::GeometryKind::Line && f.kind != geo::GeometryKind::Polygon) continue;
    for (const auto& part : f.parts) {
      if (part.size() < 2) continue;
      std::vector<glm::dvec2> line;
      line.reserve(part.size());
      for (const glm::dvec2& p : part) line.push_back(p - w.originProjected);
      out.lines.push_back(std::move(line));
    }
  }
  // A GPX of waypoints or a point layer would otherwise load as "0 lines" without a word.
  if (out.pointsNotDrawn > 0)
    log::warn("{}: overlay \"{}\": {} point feature{} not drawn (overlays draw lines and polygons; points belong in "
              "the sites file)",
              spec.path, spec.name, out.pointsNotDrawn, out.pointsNotDrawn == 1 ? " is" : "s are");
  return out;
}

void placeSites(World& w) {
  w.sites.clear();
  w.sites.reserve(w.scene.sites.size());
  for (const scene::Site& site : w.scene.sites) {
    PlacedSite placed;
    placed.site = &site;
    if (site.honesty == scene::Honesty::Given || site.honesty == scene::Honesty::Derived) {
      const glm::dvec2 ll = site.lonLat.at(0).at(0);
      const glm::dvec2 xy = w.toLocal(ll.x, ll.y);
      if (!w.heights.contains(xy))
        throw Error(w.scene.sitesPath, fmt::format("site \"{}\" at {:.6f} {}, {:.6f} {} lies outside the DEM ({})", site.id,
                                                   std::fabs(ll.y), ll.y < 0 ? "S" : "N", std::fabs(ll.x),
                                                   ll.x < 0 ? "W" : "E", w.scene.demPath));
      std::optional<double> z;
      if (w.stream) z = w.stream->nativeHeight(xy);  // the overview is too coarse for a pin
      placed.anchor = glm::dvec3(xy, z.value_or(w.heights.sample(xy)));
    } else if (site.honesty == scene::Honesty::Area) {
      for (const auto& part : site.lonLat) {
        std::vector<glm::dvec2> line;
        line.reserve(part.size());
        for (const glm::dvec2& ll : part) line.push_back(w.toLocal(ll.x, ll.y));
        placed.outline.push_back(std::move(line));
      }
    }
    w.sites.push_back(std::move(placed));
  }
}

bool streamingWanted(const scene::Scene& s, const geo::ProjectedExtent& clip) {
  if (const char* v = std::getenv("TERRABRIEF_STREAMING"); v && *v) return std::string(v) != "0";
  const geo::GridSpec natural = geo::demGridFor(s.demPath, s.crs, &clip);
  // The DEM's own footprint within the scene, at the resolution the scene asks for.
  const double scale = natural.cellSize / s.demCellSize.value_or(natural.cellSize);
  const double w = natural.width * scale, h = natural.height * scale;
  return w * h > double(kStreamAboveSamples) || w > kMaxDemSide || h > kMaxDemSide;
}

StreamBudgets budgetsFor(const scene::Scene& s) {
  StreamBudgets b;
  if (s.streaming.ramBudgetMB) b.ramBytes = static_cast<std::size_t>(*s.streaming.ramBudgetMB * 1048576.0);
  if (s.streaming.gpuBudgetMB) b.gpuBytes = static_cast<std::size_t>(*s.streaming.gpuBudgetMB * 1048576.0);
  return StreamBudgets::fromEnvironment(b);  // the environment overrides the scene
}

// The streamed terrain: sources opened (metadata only), a quadtree over the data, and an
// overview of the heights for the camera, flights and overlays.
void loadStreamed(World& w, const geo::ProjectedExtent& clip, const LoadOptions& options) {
  const scene::Scene& s = w.scene;
  auto dem = std::make_shared<const geo::RasterTileReader>(s.demPath, geo::RasterRole::Elevation, s.crs);
  const geo::TileSourceInfo& di = dem->info();
  const geo::ProjectedExtent fp{std::max(di.footprint.west, clip.west), std::max(di.footprint.south, clip.south),
                                std::min(di.footprint.east, clip.east), std::min(di.footprint.north, clip.north)};
  if (!(fp.east > fp.west && fp.north > fp.south)) throw Error(s.demPath, "does not overlap the scene extent");
  const double demCell = s.demCellSize.value_or(di.nativeCellSize);
  w.demGrid = snapped(s.crs, fp, demCell, {0, 0});
  w.originProjected = {std::round(0.5 * (fp.west + fp.east)), std::round(0.5 * (fp.south + fp.north))};
  w.demSynthetic = di.synthetic;

  std::vector<std::shared_ptr<const geo::RasterTileReader>> readers;
  if (options.loadImagery)
    for (const scene::ImageryLayerSpec& spec : s.imagery) {
      auto r = std::make_shared<const geo::RasterTileReader>(spec.path, geo::RasterRole::Imagery, s.crs);
      const geo::TileSourceInfo& ii = r->info();
      ImageryLayer layer;
      layer.spec = spec;
      layer.raster.synthetic = ii.synthetic;
      layer.raster.sourcePath = ii.path;
      layer.raster.sourceCrs = ii.crs;
      layer.raster.sourceWidth = ii.width;
      layer.raster.sourceHeight = ii.height;
      layer.cellSize = ii.nativeCellSize;
      w.imagery.push_back(std::move(layer));
      readers.push_back(std::move(r));
    }
  if (options.loadOverlays)
    for (const scene::OverlaySpec& spec : s.overlays) w.overlays.push_back(loadOverlay(spec, w));

  const glm::dvec2 origin = w.originProjected;
  const glm::dvec2 lo = glm::dvec2(fp.west, fp.south) - origin, hi = glm::dvec2(fp.east, fp.north) - origin;
  // Anchored at the DEM's pixel corner when it is in the scene CRS: its reads then line up.
  const glm::dvec2 anchor =
      di.sameCrs ? glm::dvec2(di.footprint.west, di.footprint.north) - origin : glm::dvec2(lo.x, hi.y);
  w.stream = openTerrainStream(std::make_shared<const GdalTileSources>(dem, readers, origin.x, origin.y, s.crs), lo, hi, anchor,
                               budgetsFor(s), 128, options.prefetch);
  w.groundDetail = std::make_shared<const StreamGround>(w.stream);

  // The overview: at most overviewSide samples a side, read through GDAL's overviews.
  const double ocell =
      std::max(demCell, std::max(fp.east - fp.west, fp.north - fp.south) / std::max(16, options.overviewSide));
  geo::GridSpec og = snapped(s.crs, fp, ocell, {0, 0});
  FloatBuffer heights(static_cast<std::size_t>(og.width) * og.height);
  dem->readHeights(og, heights.data());
  for (float& v : heights) v = v != v ? 0.0f : v;
  w.heights = terrain::HeightField(og.width, og.height, ocell,
                                   glm::dvec2(og.centreX(0), og.centreY(0)) - origin, std::move(heights));
}

}  // namespace

World loadWorld(const std::string& scenePath, const LoadOptions& options) {
  return loadWorld(scene::loadScene(scenePath), options);
}

World loadWorld(scene::Scene scene, const LoadOptions& options) {
  // TB_LOG=trace: where the load's time goes (the headless render's budget).
  auto t = std::chrono::steady_clock::now();
  auto phase = [&t](const char* what) {
    const auto now = std::chrono::steady_clock::now();
    log::trace("scene load: {} in {:.1f} ms", what, std::chrono::duration<double, std::milli>(now - t).count());
    t = now;
  };
  World w;
  w.scene = std::move(scene);
  w.projection = std::make_shared<const geo::GeoProjection>(w.scene.crs);
  const geo::ProjectedExtent clip = projectedExtent(w.scene.extent, *w.projection);

  phase("scene file and CRS");
  if (streamingWanted(w.scene, clip)) {
    loadStreamed(w, clip, options);
    phase("streamed terrain opened");
    placeSites(w);
    return w;
  }
  w.demGrid = demGrid(w.scene, clip);
  phase("DEM grid");
  const geo::GridSpec& g = w.demGrid;
  w.originProjected = {std::round(g.originX + 0.5 * g.cellSize * g.width),
                       std::round(g.originY - 0.5 * g.cellSize * g.height)};
  // Imagery and overlays need only the grid and origin, not the heights: they load on other
  // threads while this one reads the DEM (GDAL and PROJ objects are per thread here).
  std::vector<std::future<ImageryLayer>> imagery;
  if (options.loadImagery)
    for (const scene::ImageryLayerSpec& spec : w.scene.imagery)
      imagery.push_back(std::async(std::launch::async, [&w, &clip, &spec] { return loadImageryLayer(spec, w, clip); }));
  std::future<std::vector<OverlayLines>> overlays;
  if (options.loadOverlays)
    overlays = std::async(std::launch::async, [&w] {
      std::vector<OverlayLines> out;
      for (const scene::OverlaySpec& spec : w.scene.overlays) out.push_back(loadOverlay(spec, w));
      return out;
    });
  // Errors in scene order: the DEM's first, then each layer's (get() rethrows; the futures'
  // destructors wait for the other threads before the exception leaves).
  geo::HeightGrid dem = geo::loadDem(w.scene.demPath, g);
  phase("DEM");
  for (auto& f : imagery) w.imagery.push_back(f.get());
  if (overlays.valid()) w.overlays = overlays.get();
  phase("waiting for imagery and overlays");
  w.demSynthetic = dem.synthetic;
  w.heightsKey = dem.contentKey;
  // loadDem leaves heights it uses in place only when none is missing (then nothing is filled).
  size_t filled = 0;
  if (!dem.heights.borrowed()) {
    float* heights = dem.heights.mutableData();
    for (size_t i = 0; i < dem.heights.size(); ++i) {  // branch-free: vectorised
      const bool missing = heights[i] != heights[i];
      filled += missing;
      heights[i] = missing ? 0.0f : heights[i];
    }
  }
  if (filled) {
    // Nodata stays nodata: the streamed terrain shows it as holes (a filled height would be
    // invented ground). The DEM is opened again that way.
    log::info("{}: {} of {} DEM samples have no data; streaming the terrain to show them as holes", w.scene.demPath,
              filled, dem.heights.size());
    World streamed;
    streamed.scene = std::move(w.scene);
    streamed.projection = w.projection;
    loadStreamed(streamed, clip, options);
    placeSites(streamed);
    return streamed;
  }
  const glm::dvec2 nw = glm::dvec2(g.centreX(0), g.centreY(0)) - w.originProjected;
  w.heights = terrain::HeightField(g.width, g.height, g.cellSize, nw, std::move(dem.heights));
  phase("height field");

  placeSites(w);
  return w;
}

void replaceSites(World& w, std::vector<scene::Site> sites, std::map<std::string, scene::Category> categories) {
  std::vector<scene::Site> oldSites = std::move(w.scene.sites);
  w.scene.sites = std::move(sites);
  try {
    placeSites(w);
  } catch (...) {
    w.scene.sites = std::move(oldSites);
    placeSites(w);
    throw;
  }
  w.scene.categories = std::move(categories);
}

}  // namespace tb::world
