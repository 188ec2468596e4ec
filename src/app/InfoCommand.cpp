// `terrabrief info`. Loads the DEM (for the warped grid and the height range) and the overlays,
// but only probes the imagery: warping it would cost seconds and tell nothing more.
#include "app/InfoCommand.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>

#include "app/SceneArg.h"
#include "core/Error.h"
#include "geo/Crs.h"
#include "geo/Raster.h"
#include "world/TerrainStream.h"
#include "world/World.h"

namespace tb::app {
namespace fs = std::filesystem;

namespace {

void line(const std::string& text) { std::fputs((text + "\n").c_str(), stdout); }

std::string latLonText(double lat, double lon) {
  return fmt::format("{:.6f} {}, {:.6f} {}", std::abs(lat), lat >= 0 ? 'N' : 'S', std::abs(lon), lon >= 0 ? 'E' : 'W');
}

std::string yesNo(bool b) { return b ? "yes" : "no"; }

std::string rasterSummary(const geo::RasterInfo& r) {
  return fmt::format("{} x {}, {} band{}, {}, {}, synthetic: {}", r.width, r.height, r.bands, r.bands == 1 ? "" : "s",
                     r.crs.empty() ? "no CRS" : r.crs, r.driver, yesNo(r.synthetic));
}

std::string colorText(const glm::vec4& c) {
  auto byte = [](float v) { return static_cast<int>(std::lround(std::clamp(v, 0.0f, 1.0f) * 255.0f)); };
  return fmt::format("#{:02x}{:02x}{:02x}", byte(c.r), byte(c.g), byte(c.b));
}

void printSite(const scene::Site& s) {
  line(fmt::format("    {}  {}  [{}]", s.id, s.name, s.category));
  switch (s.honesty) {
    case scene::Honesty::Given:
    case scene::Honesty::Derived:
      if (!s.lonLat.empty() && !s.lonLat.front().empty()) {
        const glm::dvec2 p = s.lonLat.front().front();
        line(fmt::format("        at {}{}", latLonText(p.y, p.x),
                         s.precisionM ? fmt::format(", precision +/- {:g} m", *s.precisionM) : ""));
      }
      break;
    case scene::Honesty::Area: {
      std::size_t vertices = 0;
      for (const auto& part : s.lonLat) vertices += part.size();
      line(fmt::format("        {} with {} vertices{}{}", s.kind == geo::GeometryKind::Polygon ? "polygon" : "line",
                       vertices, s.precisionM ? fmt::format(", precision +/- {:g} m", *s.precisionM) : "",
                       s.uncertainEnd.empty() ? "" : ", uncertain at its " + s.uncertainEnd));
      break;
    }
    case scene::Honesty::Note:
      if (s.directionDeg || s.distanceKm)
        line(fmt::format("        no position; {}{}{}", s.directionDeg ? fmt::format("bearing {:g} deg", *s.directionDeg) : "",
                         s.distanceKm ? fmt::format(", {:g} km", *s.distanceKm) : "",
                         s.directionFrom.empty() ? "" : " from " + s.directionFrom));
      else
        line("        no position");
      break;
  }
  if (!s.source.empty()) line("        source: " + s.source);
}

}  // namespace

InfoCommand::InfoCommand(CLI::App& parent) {
  command_ = parent.add_subcommand("info", "Describe a scene: CRS, extent, layers, sites, views");
  addSceneOption(*command_, scene_);
}

int InfoCommand::run() {
  const std::string scenePath = resolveScenePath(scene_);
  world::LoadOptions options;
  options.loadImagery = false;
  // A streamed DEM: its height range from a 256² overview (the 1024² one the viewer uses cost
  // ~50 ms of the 16384² bench scene's 320 ms of CPU), and no tile reads.
  options.overviewSide = 256;
  options.prefetch = false;
  const world::World world = world::loadWorld(scenePath, options);
  const scene::Scene& sc = world.scene;

  line("Scene:        " + sc.name);
  line("File:         " + fs::absolute(scenePath).lexically_normal().string());
  if (!sc.description.empty()) line("Description:  " + sc.description);
  line("CRS:          " + geo::crsDisplayName(sc.crs));
  line(fmt::format("Extent:       lon {:.6f} .. {:.6f}, lat {:.6f} .. {:.6f} (WGS 84 degrees)", sc.extent.west,
                   sc.extent.east, sc.extent.south, sc.extent.north));
  const geo::GridSpec& g = world.demGrid;
  line(fmt::format("              x {:.1f} .. {:.1f}, y {:.1f} .. {:.1f} (metres, {}; {:.1f} x {:.1f} km)", g.originX,
                   g.east(), g.south(), g.originY, sc.crs, (g.east() - g.originX) / 1000.0,
                   (g.originY - g.south()) / 1000.0));
  const glm::dvec2 originLonLat = world.toLonLat({0.0, 0.0});
  line(fmt::format("Origin:       x {:.1f}, y {:.1f} = {}", world.originProjected.x, world.originProjected.y,
                   latLonText(originLonLat.y, originLonLat.x)));

  const geo::RasterInfo dem = geo::probeRaster(sc.demPath);
  line("DEM:          " + sc.demPath);
  line("              source: " + rasterSummary(dem));
  if (world.stream) {
    const auto& l = world.stream->layout();
    const world::StreamBudgets& b = world.stream->budgets();
    line(fmt::format("              streamed: {} x {} cells of {:g} m, read in tiles of {} cells (quadtree depth {}, "
                     "finest {:g} m); budgets RAM {} MB, GPU {} MB",
                     g.width, g.height, g.cellSize, l.cells, l.maxDepth, l.cellSize(l.maxDepth), b.ramBytes >> 20,
                     b.gpuBytes >> 20));
    line(fmt::format("              heights: {:.1f} .. {:.1f} m (from a {} x {} overview)", world.heights.minHeight(),
                     world.heights.maxHeight(), world.heights.width(), world.heights.height()));
  } else {
    line(fmt::format("              warped: {} x {} cells of {:g} m", g.width, g.height, g.cellSize));
    line(fmt::format("              heights: {:.1f} .. {:.1f} m", world.heights.minHeight(), world.heights.maxHeight()));
  }
  // In-memory terrain has none (a DEM with nodata is streamed, so that its holes stay holes).
  const double nodata = world.stream ? world.stream->sources().demNodataFraction() : 0.0;
  line(fmt::format("              nodata: {:.1f}% of the DEM{}", 100.0 * nodata, nodata > 0 ? " (shown as holes)" : ""));
  line("              synthetic: " + yesNo(world.demSynthetic));

  line(fmt::format("Imagery:      {} layer{}", sc.imagery.size(), sc.imagery.size() == 1 ? "" : "s"));
  for (std::size_t i = 0; i < sc.imagery.size(); ++i) {
    const scene::ImageryLayerSpec& layer = sc.imagery[i];
    line(fmt::format("  {}. {} ({}, opacity {:g}): {}", i + 1, layer.name, layer.visible ? "visible" : "hidden",
                     layer.opacity, layer.path));
    line("     " + rasterSummary(geo::probeRaster(layer.path)));
  }

  line(fmt::format("Overlays:     {}", sc.overlays.size()));
  for (std::size_t i = 0; i < world.overlays.size(); ++i) {
    const world::OverlayLines& o = world.overlays[i];
    std::size_t vertices = 0;
    for (const auto& l : o.lines) vertices += l.size();
    const std::string points =
        o.pointsNotDrawn ? fmt::format(" ({} point{} not drawn)", o.pointsNotDrawn, o.pointsNotDrawn == 1 ? "" : "s") : "";
    line(fmt::format("  {}. {} ({}, {} {:g} px): {} line{}, {} vertices{}: {}", i + 1, o.spec.name,
                     o.spec.visible ? "visible" : "hidden", colorText(o.spec.color), o.spec.widthPx, o.lines.size(),
                     o.lines.size() == 1 ? "" : "s", vertices, points, o.spec.path));
  }

  line(sc.sitesPath.empty() ? std::string("Sites:        none (the scene names no sites file)")
                            : fmt::format("Sites:        {} from {}", sc.sites.size(), sc.sitesPath));
  for (scene::Honesty h : {scene::Honesty::Given, scene::Honesty::Derived, scene::Honesty::Area, scene::Honesty::Note}) {
    std::size_t count = 0;
    for (const scene::Site& s : sc.sites) count += s.honesty == h;
    line(fmt::format("  {} ({}): {}", scene::honestyName(h), count, scene::honestyExplanation(h)));
    for (const scene::Site& s : sc.sites)
      if (s.honesty == h) printSite(s);
  }

  line(fmt::format("Views:        {}", sc.views.size()));
  for (const scene::ViewSpec& v : sc.views) {
    if (v.kind == scene::ViewSpec::Kind::LookAt)
      line(fmt::format("  {}: looking at {} from {:g} m, heading {:g}, pitch {:g}", v.name, latLonText(v.lat, v.lon),
                       v.rangeOrHeight, v.headingDeg, v.pitchDeg));
    else
      line(fmt::format("  {}: camera at {}, {:g} m high, heading {:g}, pitch {:g}", v.name, latLonText(v.lat, v.lon),
                       v.rangeOrHeight, v.headingDeg, v.pitchDeg));
  }

  line(fmt::format("Facts:        {}", sc.facts.size()));
  for (const scene::Fact& f : sc.facts)
    line(fmt::format("  {}: {}{}", f.label, f.value, f.source.empty() ? "" : " (source: " + f.source + ")"));

  const scene::RenderDefaults& r = sc.render;
  line(fmt::format("Render:       exaggeration {:g}, sun azimuth {:g} elevation {:g}, fog {}, labels {}, tau {:g} px",
                   r.exaggeration, r.sunAzimuthDeg, r.sunElevationDeg, r.fog ? "on" : "off", r.labels ? "on" : "off",
                   r.tauPixels));
  return kExitOk;
}

}  // namespace tb::app
