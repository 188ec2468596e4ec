// `terrabrief analyze ...` (see AnalyzeCommand.h). Arguments are checked before the scene loads;
// every library error is reported under the argument that caused it.
#include "app/AnalyzeCommand.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "analysis/Coordinates.h"
#include "analysis/Elevation.h"
#include "analysis/Geodesy.h"
#include "analysis/LineOfSight.h"
#include "analysis/Profile.h"
#include "analysis/RangeRings.h"
#include "analysis/SavedAnalyses.h"
#include "analysis/VerticalDatum.h"
#include "analysis/Viewshed.h"
#include "app/AnalyzeParts.h"
#include "app/SceneArg.h"
#include "core/AtomicFile.h"
#include "core/Error.h"
#include "world/World.h"

namespace tb::app {
namespace {

using analysis::Elevation;
using namespace analyze;

}  // namespace

AnalyzeCommand::AnalyzeCommand(CLI::App& parent) {
  command_ =
      parent.add_subcommand("analyze", "Terrain analyses headless: measure, profile, line of sight, viewshed, range rings");
  command_->require_subcommand(1);
  const char* pointHelp =
      "decimal degrees (lat first), DMS, UTM or MGRS, e.g. \"41.58N 129.60E\" or \"52TEM5001603319\"";
  auto common = [&](CLI::App* c, const char* outHelp) {
    addSceneOption(*c, scene_);
    c->add_option("--out", out_, outHelp)->type_name("FILE");
    c->add_option("--save", save_, "Keep the analysis in the scene's analyses file under this name")->type_name("NAME");
  };
  auto heights = [&](CLI::App* c) {
    c->add_option("--observer-height", observerHeight_, "Observer's eye above the ground, metres")
        ->capture_default_str()
        ->type_name("M");
    c->add_option("--target-height", targetHeight_, "Target above the ground, metres")
        ->capture_default_str()
        ->type_name("M");
    c->add_option("--refraction", refraction_, "Refraction coefficient k (earth radius R / (1 - k)); 0: none")
        ->capture_default_str()
        ->type_name("K");
  };
  measure_ = command_->add_subcommand(
      "measure", "Distances (geodesic, along the ground, slant), height differences and bearings between points");
  common(measure_, "JSON, or CSV when the name ends in .csv: one row per leg, then the totals");
  measure_->add_option("--point", points_, std::string("A point (two or more, three with --area): ") + pointHelp)
      ->required()
      ->type_name("COORD");
  measure_->add_flag("--area", area_, "Close the points into a polygon and give its geodesic area");

  profile_ = command_->add_subcommand("profile", "Elevation profile along a path, at the DEM's own resolution (CSV)");
  common(profile_, "CSV: distance_m,lon,lat,x,y,height_m");
  profile_->add_option("--point", points_, std::string("A vertex of the path (two or more): ") + pointHelp)
      ->required()
      ->type_name("COORD");
  profile_->add_option("--spacing", spacing_, "Metres between samples (default: the DEM's cell)")->type_name("M");

  los_ = command_->add_subcommand("los",
                                  "Line of sight between two points, with earth curvature and refraction (GeoJSON)");
  common(los_, "GeoJSON: the sight line's visible and blocked parts, the first obstruction");
  los_->add_option("--from", from_, std::string("Observer: ") + pointHelp)->required()->type_name("COORD");
  los_->add_option("--to", to_, std::string("Target: ") + pointHelp)->required()->type_name("COORD");
  heights(los_);

  viewshed_ = command_->add_subcommand("viewshed", "What can be seen from a point, within a radius (GeoTIFF)");
  common(viewshed_, "GeoTIFF in the scene's CRS: 2 visible, 1 hidden, 0 outside");
  viewshed_->add_option("--at", at_, std::string("Observer: ") + pointHelp)->required()->type_name("COORD");
  viewshed_->add_option("--radius", radius_, "Metres")->required()->type_name("M");
  viewshed_->add_option("--sector", sector_, "Azimuths FROM,TO in degrees from true north, clockwise (e.g. 300,60)")
      ->type_name("FROM,TO");
  heights(viewshed_);

  rings_ = command_->add_subcommand("rings", "Geodesic range rings around a point or a site (GeoJSON)");
  common(rings_, "GeoJSON: one closed line per ring, labelled");
  CLI::Option* ringAt = rings_->add_option("--at", at_, std::string("Centre: ") + pointHelp)->type_name("COORD");
  rings_->add_option("--site", site_, "Centre on this point site of the scene (its name or id) instead of --at")
      ->type_name("NAME")
      ->excludes(ringAt);
  rings_->add_option("--radius", radii_, "A ring's radius in metres (repeat for more rings)")
      ->required()
      ->type_name("M");
}

int AnalyzeCommand::run() {
  if (!out_.empty()) checkWritableOutput(out_);
  if (measure_->parsed()) return runMeasure();
  if (profile_->parsed()) return runProfile();
  if (los_->parsed()) return runLos();
  if (viewshed_->parsed()) return runViewshed();
  return runRings();
}

int AnalyzeCommand::runProfile() {
  if (points_.size() < 2) throw Error("--point", "a profile needs at least two points");
  std::vector<glm::dvec2> lonLat;
  for (std::size_t i = 0; i < points_.size(); ++i)
    lonLat.push_back(parsePoint(points_[i], fmt::format("--point {}", i + 1)));
  if (spacing_ < 0) throw Error("--spacing", "must be a positive number of metres");
  const std::string scenePath = resolveScenePath(scene_);
  const world::World world = world::loadWorld(scenePath, {false, false});
  const Elevation e(world);
  std::vector<glm::dvec2> path;
  for (std::size_t i = 0; i < lonLat.size(); ++i)
    path.push_back(localPoint(e, lonLat[i], points_[i], fmt::format("--point {}", i + 1)));
  analysis::Profile p =
      asArgument({{"path", "--point"}}, [&] { return analysis::elevationProfile(e, path, spacing_); });
  const analysis::DisplayHeights display(analysis::verticalDatumOf(world.scene.demPath));
  if (display.converts()) {  // an ellipsoidal DEM: heights above EGM96 in the CSV and the summary
    for (auto& s : p.samples)
      if (s.height) s.height = display.shown(s.lonLat, *s.height);
    p.minHeight.reset(), p.maxHeight.reset();
    for (const auto& s : p.samples)
      if (s.height)
        p.minHeight = std::min(p.minHeight.value_or(*s.height), *s.height),
        p.maxHeight = std::max(p.maxHeight.value_or(*s.height), *s.height);
  }
  if (!out_.empty()) analysis::writeProfileCsv(p, out_);
  line(fmt::format("profile: {} samples every {:g} m over {:.0f} m", p.samples.size(), p.spacing, p.length));
  const std::string unit = display.unitLabel();
  if (p.minHeight) line(fmt::format("heights: {:.1f} .. {}", *p.minHeight, heightText(*p.maxHeight, unit)));
  line(fmt::format("ascent {:.0f} m, descent {:.0f} m, slope max {:.1f} %, mean {:.1f} %", p.ascent, p.descent,
                   p.maxSlope * 100, p.meanSlope * 100));
  if (p.missing) line(fmt::format("{} samples without height data", p.missing));
  if (!out_.empty()) line("wrote " + out_);
  analysis::SavedAnalysis saved;
  saved.kind = analysis::AnalysisKind::Profile;
  saved.points = lonLat;
  saved.spacing = spacing_;
  keep(scenePath, save_, saved);
  return kExitOk;
}

int AnalyzeCommand::runLos() {
  const glm::dvec2 a = parsePoint(from_, "--from"), b = parsePoint(to_, "--to");
  if (observerHeight_ < 0) throw Error("--observer-height", "must be 0 or more metres above the ground");
  if (targetHeight_ < 0) throw Error("--target-height", "must be 0 or more metres above the ground");
  if (!(refraction_ >= 0 && refraction_ < 1)) throw Error("--refraction", "must be in [0, 1)");
  const std::string scenePath = resolveScenePath(scene_);
  const world::World world = world::loadWorld(scenePath, {false, false});
  const Elevation e(world);
  const glm::dvec2 pa = localPoint(e, a, from_, "--from"), pb = localPoint(e, b, to_, "--to");
  analysis::SightOptions o;
  o.observerHeight = observerHeight_;
  o.targetHeight = targetHeight_;
  o.refraction = refraction_;
  const analysis::LineOfSight los =
      asArgument({{"observer", "--from"}, {"target", "--to"}}, [&] { return analysis::lineOfSight(e, pa, pb, o); });
  const analysis::DisplayHeights display(analysis::verticalDatumOf(world.scene.demPath));
  line(fmt::format("line of sight over {:.0f} m: {}", los.distance, los.visible ? "visible" : "blocked"));
  if (los.firstObstruction) {
    const glm::dvec2 ll = e.toLonLat(glm::dvec2(*los.firstObstruction));
    line(fmt::format("first obstruction at {} ({}), {:.0f} m from the observer",
                     analysis::formatCoordinate(ll, analysis::CoordinateFormat::DecimalDegrees),
                     heightText(display.shown(ll, los.firstObstruction->z), display.unitLabel()),
                     glm::length(glm::dvec2(*los.firstObstruction) - pa)));
  }
  line(fmt::format("smallest clearance {:.1f} m", los.minClearance));
  if (!out_.empty()) {
    nlohmann::json features = nlohmann::json::array();
    for (const auto& s : los.sightLine)
      features.push_back(
          {{"type", "Feature"},
           {"geometry", {{"type", "LineString"}, {"coordinates", {lonLatOf(e, s.from), lonLatOf(e, s.to)}}}},
           {"properties", {{"part", "sight line"}, {"visible", s.visible}}}});
    if (los.firstObstruction)
      features.push_back({{"type", "Feature"},
                          {"geometry", {{"type", "Point"}, {"coordinates", lonLatOf(e, *los.firstObstruction)}}},
                          {"properties", {{"part", "first obstruction"}}}});
    writeJson(out_, {{"type", "FeatureCollection"},
                     {"properties", {{"visible", los.visible}, {"distance_m", los.distance}}},
                     {"features", features}});
    line("wrote " + out_);
  }
  analysis::SavedAnalysis saved;
  saved.kind = analysis::AnalysisKind::LineOfSight;
  saved.points = {a, b};
  saved.sight = o;
  keep(scenePath, save_, saved);
  return kExitOk;
}

int AnalyzeCommand::runViewshed() {
  const glm::dvec2 at = parsePoint(at_, "--at");
  analysis::ViewshedOptions o;
  o.observerHeight = observerHeight_;
  o.targetHeight = targetHeight_;
  o.refraction = refraction_;
  o.radius = radius_;
  if (!(radius_ > 0)) throw Error("--radius", "must be a positive number of metres");
  if (observerHeight_ < 0) throw Error("--observer-height", "must be 0 or more metres above the ground");
  if (!(refraction_ >= 0 && refraction_ < 1)) throw Error("--refraction", "must be in [0, 1)");
  if (!sector_.empty()) {
    double from = 0, to = 0;
    char comma = 0, extra = 0;
    if (std::sscanf(sector_.c_str(), "%lf %c %lf %c", &from, &comma, &to, &extra) != 3 || comma != ',')
      throw Error("--sector", fmt::format("\"{}\" is not FROM,TO in degrees", sector_));
    o.azimuthFrom = from;
    o.azimuthTo = to;
  }
  const std::string scenePath = resolveScenePath(scene_);
  const world::World world = world::loadWorld(scenePath, {false, false});
  const Elevation e(world);
  const glm::dvec2 p = localPoint(e, at, at_, "--at");
  const analysis::Viewshed v =
      asArgument({{"observer", "--at"}, {"radius", "--radius"}, {"observer height", "--observer-height"}},
                 [&] { return analysis::computeViewshed(e, p, o); });
  if (!out_.empty()) analysis::writeViewshedGeoTiff(v, e, out_);
  const double total = static_cast<double>(v.visibleCount + v.hiddenCount);
  line(fmt::format("viewshed within {:.0f} m at {:g} m cells: {:.1f} km² visible ({:.0f} % of the ground with data)",
                   o.radius, v.cell, v.visibleArea() / 1e6, total > 0 ? 100.0 * v.visibleCount / total : 0.0));
  if (!out_.empty()) line("wrote " + out_);
  analysis::SavedAnalysis saved;
  saved.kind = analysis::AnalysisKind::Viewshed;
  saved.points = {at};
  saved.viewshed = o;
  keep(scenePath, save_, saved);
  return kExitOk;
}

int AnalyzeCommand::runRings() {
  if (at_.empty() && site_.empty()) throw Error("--at", "give the centre: --at COORD or --site NAME");
  glm::dvec2 at = site_.empty() ? parsePoint(at_, "--at") : glm::dvec2(0.0);
  for (double r : radii_)
    if (!(r > 0)) throw Error("--radius", fmt::format("{:g} is not a positive number of metres", r));
  const std::string scenePath = resolveScenePath(scene_);
  const world::World world = world::loadWorld(scenePath, {false, false});
  std::string siteName;
  if (!site_.empty()) {
    const scene::Site* site = world.scene.findSiteByNameOrId(site_);
    if (!site) throw Error("--site", fmt::format("no site \"{}\" in {} (by name or id)", site_, scenePath));
    try {
      at = analysis::ringCentreOf(*site);
    } catch (const Error& e) {
      throw Error("--site", std::string(e.what()) + "; give a centre with --at instead");
    }
    siteName = site->name;
  }
  const Elevation e(world);
  const glm::dvec2 p = site_.empty() ? localPoint(e, at, at_, "--at") : localPoint(e, at, siteName, "--site");
  const auto rings =
      asArgument({{"radius", "--radius"}}, [&] { return analysis::rangeRings(e, p, radii_, siteName); });
  nlohmann::json features = nlohmann::json::array();
  for (const auto& ring : rings) {
    nlohmann::json coords = nlohmann::json::array();
    for (const glm::dvec2& q : ring.points) {
      const glm::dvec2 ll = e.toLonLat(q);
      coords.push_back({ll.x, ll.y});
    }
    nlohmann::json props = {{"label", ring.label}, {"radius_m", ring.radius}};
    if (!siteName.empty()) props["site"] = siteName;
    features.push_back({{"type", "Feature"},
                        {"geometry", {{"type", "LineString"}, {"coordinates", coords}}},
                        {"properties", props}});
    line(fmt::format("ring {} ({} vertices)", ring.label, ring.points.size()));
  }
  if (!out_.empty()) {
    writeJson(out_, {{"type", "FeatureCollection"}, {"features", features}});
    line("wrote " + out_);
  }
  analysis::SavedAnalysis saved;
  saved.kind = analysis::AnalysisKind::RangeRings;
  saved.points = {at};
  saved.radii = radii_;
  saved.site = siteName;
  keep(scenePath, save_, saved);
  return kExitOk;
}

}  // namespace tb::app
