// User-made sites and drawings, and every edit of them as a command. The honesty rules for what a
// user makes (docs/scene-format.md, "Sites made in the viewer"):
//  - a pin placed by clicking the terrain is "derived" (placed_by "click"), with the precision of
//    the click; it never becomes "given";
//  - a pin is "given" only when its coordinate was typed from a named source (placed_by "typed"),
//    and its precision comes from the decimals typed (41.58 -> 1 km, 41.5812 -> 10 m);
//  - paths and polygons are "area" (a path needs 2 points, a polygon 3);
//  - a note has no position.
// Each edit returns a command, or a one-line problem and no command (nothing changes).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include <glm/glm.hpp>

#include "session/Command.h"

namespace tb::session {

struct Edit {
  CommandPtr command;
  std::string problem;  // set when command is null
  explicit operator bool() const { return command != nullptr; }
};

// "41.5812, 129.6712" or "41.5812 129.6712" (lat first; N/S/E/W suffixes allowed).
struct TypedPosition {
  glm::dvec2 lonLat{0.0};
  int decimals = 0;         // the fewer of the two numbers'
  double precisionM = 0;    // from `decimals`
};
// Nothing and `problem` set when the text is not a position or is out of range.
std::optional<TypedPosition> parseTypedPosition(const std::string& text, std::string& problem);
double precisionForDecimals(int decimals);  // 111 km / 10^decimals, to one significant digit

// The smallest "<stem>-N" not used by a site.
std::string unusedSiteId(const SitesDocument& doc, const std::string& stem);

// Why a user-made site breaks the rules above, or "" when it keeps them.
std::string userSiteProblem(const scene::Site& site);

// New sites (not yet in the document): ids are free, names are "Pin 3", "Path 1"...
scene::Site clickedPin(const SitesDocument& doc, glm::dvec2 lonLat, double precisionM, const std::string& category);
// Given when `source` names where the coordinate was typed from, derived otherwise.
scene::Site typedPin(const SitesDocument& doc, const TypedPosition& at, const std::string& category,
                     const std::string& source);
scene::Site drawing(const SitesDocument& doc, geo::GeometryKind kind, std::vector<glm::dvec2> lonLat,
                    const std::string& category);  // Line or Polygon (the ring is closed here)
scene::Site textNote(const SitesDocument& doc, const std::string& text, const std::string& category);

// Whether `lonLat` lies in the scene's extent; otherwise a problem naming both.
std::string outsideProblem(glm::dvec2 lonLat, const scene::LonLatExtent& extent);

Edit addSite(const SitesDocument& doc, scene::Site site);
Edit deleteSite(const SitesDocument& doc, const std::string& id);

// Geometry. Vertices of a polygon are those of its ring without the closing repeat. Moves are
// continuous: while dragging, successive moves of the same thing merge into one undo step.
// Moving a typed pin by hand makes it a clicked, derived pin with `precisionM`.
Edit movePin(const SitesDocument& doc, const std::string& id, glm::dvec2 lonLat, double precisionM);
Edit moveVertex(const SitesDocument& doc, const std::string& id, int vertex, glm::dvec2 lonLat);
Edit insertVertex(const SitesDocument& doc, const std::string& id, int before, glm::dvec2 lonLat);
Edit deleteVertex(const SitesDocument& doc, const std::string& id, int vertex);
Edit moveShape(const SitesDocument& doc, const std::string& id, glm::dvec2 deltaLonLat);
std::vector<glm::dvec2> vertices(const scene::Site& site);  // of the first part, ring unclosed

// The properties panel's fields. A category not in the document is added with `newCategory`
// as its label and colour (one undo step with the site's change).
struct SiteProperties {
  std::string name, category, source, description;
  scene::Honesty honesty = scene::Honesty::Derived;
  std::optional<double> precisionM;
};
SiteProperties propertiesOf(const scene::Site& site);
Edit setProperties(const SitesDocument& doc, const std::string& id, const SiteProperties& props,
                   const scene::Category& newCategory = {});

// The colour for a new category `key`: its name hashed into a palette, moving on past entries
// too close to a colour the document's categories already use. The same name in the same
// document always gets the same colour.
glm::vec4 newCategoryColor(const SitesDocument& doc, const std::string& key);

// The precision field's text: "" when no precision is set (shown as "unknown"), else whole metres.
std::string precisionText(std::optional<double> precisionM);
// Back from the field: empty or not a positive number means no precision.
std::optional<double> precisionFromText(const std::string& text);

}  // namespace tb::session
