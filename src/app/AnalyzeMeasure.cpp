// `terrabrief analyze measure`: the measuring tool headless. Points in any coordinate form; per
// leg the geodesic (WGS 84) and along-the-ground distances, the slant distance, the height
// difference in the DEM's vertical datum and the true and grid bearings; the polygon's area with
// --area. JSON, or CSV for a .csv name, written atomically.
#include <cctype>
#include <cmath>

#include <fmt/format.h>

#include "analysis/Geodesy.h"
#include "analysis/VerticalDatum.h"
#include "app/AnalyzeCommand.h"
#include "app/AnalyzeParts.h"
#include "app/SceneArg.h"
#include "world/World.h"

namespace tb::app {
namespace {

using namespace analyze;

bool endsWithCsv(const std::string& path) {
  if (path.size() < 4) return false;
  std::string ext = path.substr(path.size() - 4);
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext == ".csv";
}

std::string csvOf(const analysis::Measurement& m, const std::vector<double>& shown, const std::string& unit) {
  std::string csv = fmt::format(
      "leg,from_lon,from_lat,to_lon,to_lat,horizontal_m,surface_m,slant_m,height_delta_m,true_bearing_deg,"
      "grid_bearing_deg,area_m2,vertical_datum\n");
  const std::size_t n = m.points.size();
  for (std::size_t i = 0; i < m.legs.size(); ++i) {
    const analysis::MeasureLeg& leg = m.legs[i];
    const std::size_t j = (i + 1) % n;
    csv += fmt::format("{},{:.7f},{:.7f},{:.7f},{:.7f},{:.3f},{:.3f},{:.3f},{:.2f},{:.4f},{:.4f},,\"{}\"\n", i + 1,
                       m.lonLat[i].x, m.lonLat[i].y, m.lonLat[j].x, m.lonLat[j].y, leg.horizontal, leg.surface,
                       leg.slant, shown[j] - shown[i], leg.trueBearing, leg.gridBearing, unit);
  }
  csv += fmt::format("total,,,,,{:.3f},{:.3f},{:.3f},{:.2f},,,{},\"{}\"\n", m.horizontal, m.surface, m.slant,
                     shown.back() - shown.front(), m.area ? fmt::format("{:.1f}", *m.area) : "", unit);
  return csv;
}

nlohmann::json jsonOf(const analysis::Measurement& m, const std::vector<double>& shown, const std::string& unit) {
  nlohmann::json points = nlohmann::json::array(), legs = nlohmann::json::array();
  for (std::size_t i = 0; i < m.points.size(); ++i)
    points.push_back({{"lon", m.lonLat[i].x}, {"lat", m.lonLat[i].y}, {"height_m", std::round(shown[i] * 100) / 100}});
  for (std::size_t i = 0; i < m.legs.size(); ++i) {
    const analysis::MeasureLeg& leg = m.legs[i];
    const std::size_t j = (i + 1) % m.points.size();
    legs.push_back({{"from", i + 1},
                    {"to", j + 1},
                    {"horizontal_m", leg.horizontal},
                    {"surface_m", leg.surface},
                    {"slant_m", leg.slant},
                    {"height_delta_m", shown[j] - shown[i]},
                    {"true_bearing_deg", leg.trueBearing},
                    {"grid_bearing_deg", leg.gridBearing}});
  }
  nlohmann::json doc = {{"vertical_datum", unit},
                        {"points", points},
                        {"legs", legs},
                        {"horizontal_m", m.horizontal},
                        {"surface_m", m.surface},
                        {"slant_m", m.slant},
                        {"height_delta_m", shown.back() - shown.front()},
                        {"closed", m.closed}};
  if (m.area) doc["area_m2"] = *m.area;
  return doc;
}

std::string bearing(double deg) { return fmt::format("{:05.1f}°", deg); }

}  // namespace

int AnalyzeCommand::runMeasure() {
  const std::size_t need = area_ ? 3 : 2;
  if (points_.size() < need)
    throw Error("--point", fmt::format("{} needs at least {} points", area_ ? "an area" : "a measurement", need));
  std::vector<glm::dvec2> lonLat;
  for (std::size_t i = 0; i < points_.size(); ++i)
    lonLat.push_back(parsePoint(points_[i], fmt::format("--point {}", i + 1)));
  const std::string scenePath = resolveScenePath(scene_);
  const world::World world = world::loadWorld(scenePath, {false, false});
  const analysis::Elevation e(world);
  std::vector<glm::dvec2> local;
  for (std::size_t i = 0; i < lonLat.size(); ++i)
    local.push_back(localPoint(e, lonLat[i], points_[i], fmt::format("--point {}", i + 1)));
  for (std::size_t i = 1; i < local.size(); ++i)
    if (glm::length(local[i] - local[i - 1]) < 1e-6)
      throw Error(fmt::format("--point {}", i + 1), "is the same place as the point before it");
  const analysis::Measurement m = analysis::measure(e, local, area_);
  // Heights (and so their differences) in the datum the unit names: EGM96 for an ellipsoidal DEM.
  const analysis::DisplayHeights display(analysis::verticalDatumOf(world.scene.demPath));
  const std::string unit = display.unitLabel();
  std::vector<double> shown;
  for (std::size_t i = 0; i < m.points.size(); ++i) shown.push_back(display.shown(m.lonLat[i], m.points[i].z));

  if (!out_.empty()) {
    if (endsWithCsv(out_))
      writeText(out_, csvOf(m, shown, unit));
    else
      writeJson(out_, jsonOf(m, shown, unit));
  }
  for (std::size_t i = 0; i < m.legs.size(); ++i) {
    const analysis::MeasureLeg& leg = m.legs[i];
    line(fmt::format("leg {}: {:.1f} m geodesic, {:.1f} m along the ground, {:.1f} m slant, bearing {} true, {} grid",
                     i + 1, leg.horizontal, leg.surface, leg.slant, bearing(leg.trueBearing), bearing(leg.gridBearing)));
  }
  line(fmt::format("total: {:.1f} m geodesic, {:.1f} m along the ground, {:.1f} m slant", m.horizontal, m.surface,
                   m.slant));
  line(fmt::format("height difference {:+.1f} m ({} .. {})", shown.back() - shown.front(), heightText(shown.front(), unit),
                   heightText(shown.back(), unit)));
  if (m.area) line(fmt::format("area {:.0f} m² ({:.3f} km²)", *m.area, *m.area / 1e6));
  if (!out_.empty()) line("wrote " + out_);
  analysis::SavedAnalysis saved;
  saved.kind = analysis::AnalysisKind::Measure;
  saved.points = lonLat;
  saved.closed = area_;
  keep(scenePath, save_, saved);
  return kExitOk;
}

}  // namespace tb::app
