// --camera parsing and the inverse description of a pose (through PROJ, never flat-earth).
#include "app/CameraArgs.h"

#include <fmt/format.h>

#include <cmath>
#include <cstdlib>
#include <sstream>
#include <vector>

#include "core/Error.h"

namespace tb::app {
namespace {

constexpr const char* kSyntax = "expected lat,lon,height,heading,pitch (degrees, metres)";

double wrapDegrees(double deg) {
  double d = std::fmod(deg, 360.0);
  return d < 0 ? d + 360.0 : d;
}

}  // namespace

scene::ViewSpec parseCameraArg(const std::string& text) {
  std::vector<double> values;
  std::stringstream in(text);
  std::string item;
  while (std::getline(in, item, ',')) {
    const char* begin = item.c_str();
    char* end = nullptr;
    const double v = std::strtod(begin, &end);
    if (item.empty() || end == begin || *end != '\0' || !std::isfinite(v))
      throw Error("--camera", std::string(kSyntax) + ", got \"" + text + "\"");
    values.push_back(v);
  }
  if (values.size() != 5 || (!text.empty() && text.back() == ','))
    throw Error("--camera", std::string(kSyntax) + ", got \"" + text + "\"");
  const double lat = values[0], lon = values[1], height = values[2], heading = values[3], pitch = values[4];
  if (lat < -90 || lat > 90) throw Error("--camera", fmt::format("latitude {} is outside -90..90", lat));
  if (lon < -180 || lon > 180) throw Error("--camera", fmt::format("longitude {} is outside -180..180", lon));
  if (height < -500 || height > 1e6)
    throw Error("--camera", fmt::format("height {} m is outside -500..1000000", height));
  if (pitch < -90 || pitch > 90) throw Error("--camera", fmt::format("pitch {} is outside -90..90", pitch));

  scene::ViewSpec view;
  view.name = "camera";
  view.kind = scene::ViewSpec::Kind::Camera;
  view.lat = lat;
  view.lon = lon;
  view.rangeOrHeight = height;
  view.headingDeg = wrapDegrees(heading);
  view.pitchDeg = pitch;
  return view;
}

std::string PoseDescription::text() const {
  return fmt::format("{:.6f},{:.6f},{:.1f},{:.2f},{:.2f}", latDeg, lonDeg, heightM, headingDeg, pitchDeg);
}

PoseDescription describePose(const world::World& world, const CameraPose& pose) {
  const glm::dvec2 local(pose.eye.x, pose.eye.y);
  const glm::dvec2 lonLat = world.toLonLat(local);
  PoseDescription d;
  d.lonDeg = lonLat.x;
  d.latDeg = lonLat.y;
  // The eye's render-space z is its real height: exaggeration scales the terrain, not the camera.
  d.heightM = pose.eye.z;
  // The pose's heading is from grid north; true north lies trueNorthBearing() clockwise of it.
  d.headingDeg = wrapDegrees(pose.headingDeg - world.trueNorthBearing(local));
  d.pitchDeg = pose.pitchDeg;
  return d;
}

}  // namespace tb::app
