// The scene file model: what area, which rasters and vectors, which sites, which views.
// loadScene() parses and validates the JSON (docs/scene-format.md); every error names the file
// and the place: "kyongsong.json:14:7: /sites/2: unknown key \"lattitude\"".
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <glm/glm.hpp>

#include "geo/Vector.h"

namespace tb::scene {

// How much a site's position can be trusted (shown to the user in plain words).
enum class Honesty {
  Given,    // a point at exactly the coordinate the source states
  Derived,  // a point we derived from the source's words (how is said in the description)
  Area,     // a line or polygon: the source describes a stretch or area, not a point
  Note,     // named by the source without a position: listed, never pinned
};
const char* honestyName(Honesty h);         // "given", "derived", "area", "note"
const char* honestyExplanation(Honesty h);  // one plain sentence for the site card

struct Site {
  std::string id;
  std::string name;
  std::string category;  // key into Scene::categories
  Honesty honesty = Honesty::Note;
  std::optional<double> precisionM;  // metres, for sites with a position
  std::string source;                // citation: file and passage
  std::string description;           // our own words
  geo::GeometryKind kind = geo::GeometryKind::None;
  std::vector<std::vector<glm::dvec2>> lonLat;  // x = lon, y = lat (as geo::VectorFeature::parts)
  // Areas whose end is not known: "start" or "end" of the line fades out (drawn as uncertain).
  std::string uncertainEnd;
  // Notes that point somewhere without a position: a bearing (degrees from north) and distance
  // from a named reference, shown as a direction note at the map's edge, never as a pin.
  std::optional<double> directionDeg;
  std::optional<double> distanceKm;
  std::string directionFrom;
  // User-made sites: how the position was made ("click": on the terrain in the viewer; "typed":
  // coordinates typed from the source). Empty for sites written by hand.
  std::string placedBy;
};

struct Category {
  std::string label;     // "Historic site"
  glm::vec4 color{1.0f};  // linear 0..1 RGBA from "#rrggbb"
};

struct ImageryLayerSpec {
  std::string name;
  std::string path;  // absolute (resolved against the scene file's directory)
  bool visible = true;
  float opacity = 1.0f;
};

struct OverlaySpec {
  std::string name;
  std::string path;
  glm::vec4 color{1.0f};
  float widthPx = 2.0f;
  bool visible = true;
};

struct ViewSpec {
  std::string name;
  enum class Kind { LookAt, Camera } kind = Kind::LookAt;
  double lat = 0, lon = 0;
  double rangeOrHeight = 10000;  // LookAt: distance to target (m); Camera: eye height above sea (m)
  double headingDeg = 0;         // clockwise from north
  double pitchDeg = -35;         // negative looks down; -90..90
};

struct Fact {
  std::string label;
  std::string value;
  std::string source;
};

struct RenderDefaults {
  double exaggeration = 1.5;
  double sunAzimuthDeg = 135;
  double sunElevationDeg = 35;
  bool fog = true;
  bool labels = true;
  double tauPixels = 2.0;
  double fovDeg = 40.0;  // vertical field of view: top to bottom of the image, in degrees
};

// Tile cache budgets for a streamed scene (`streaming` in the scene file); unset: the defaults.
// TERRABRIEF_RAM_BUDGET_MB / TERRABRIEF_GPU_BUDGET_MB override them.
struct StreamingSettings {
  std::optional<double> ramBudgetMB, gpuBudgetMB;
};

struct LonLatExtent {
  double west = 0, south = 0, east = 0, north = 0;
};

struct Scene {
  std::string path;  // the scene file as given
  std::string dir;   // its directory (relative paths resolve against it)
  std::string name;
  std::string description;
  std::vector<Fact> facts;
  std::string crs;  // resolved: "EPSG:32652" when the file says "auto" or nothing
  LonLatExtent extent;
  std::string demPath;
  std::optional<double> demCellSize;  // metres; default: the DEM's own resolution
  std::vector<ImageryLayerSpec> imagery;
  std::vector<OverlaySpec> overlays;
  std::string sitesPath;
  std::vector<Site> sites;
  std::map<std::string, Category> categories;
  std::vector<ViewSpec> views;  // the scene's own plus those of viewsPath
  std::string viewsPath;        // where "save current view" writes (views.json beside the scene)
  RenderDefaults render;
  StreamingSettings streaming;

  const Site* findSite(const std::string& id) const;
  // By id, else by name (exactly, then ignoring case): what a user types to name a site.
  const Site* findSiteByNameOrId(const std::string& key) const;
  const ViewSpec* findView(const std::string& name) const;
};

Scene loadScene(const std::string& path);  // throws tb::Error

// Sites from any OGR source: properties id, name, category, honesty, precision_m, source,
// description, uncertain_end, direction_deg, distance_km, direction_from.
std::vector<Site> loadSites(const std::string& path);

// The views file: {"views": [ ...ViewSpec... ]}. Saving is atomic.
std::vector<ViewSpec> loadViews(const std::string& path);
void saveViews(const std::string& path, const std::vector<ViewSpec>& views);
std::string viewsToJson(const std::vector<ViewSpec>& views);  // what saveViews writes

}  // namespace tb::scene
