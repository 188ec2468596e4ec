// Geometry that changes from frame to frame (a measuring line following the cursor, a profile
// path, a line of sight, a viewshed, range rings, grids, drawings being edited), handed to the
// renderer by its caller in FrameSettings::overlay. Plain data, no GL. The renderer keeps a copy
// of what it last uploaded and rebuilds its GPU side only when the geometry differs from it.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <glm/glm.hpp>

namespace tb::render {

struct OverlayPolyline {
  // Local xy; z is the real height (metres above the datum, not exaggerated) where the line is
  // not draped.
  std::vector<glm::dvec3> points;
  glm::vec4 color{1.0f, 0.85f, 0.2f, 1.0f};
  float widthPx = 3.0f;   // at 1080p; scaled like the labels
  bool closed = false;    // a ring: the last point joins the first
  bool draped = true;     // lies on the ground (densified to the DEM cell, z ignored); false: straight in the air
  bool onTop = false;     // also drawn, fainter, where the terrain hides it (a sight line through a hill)
  // A grid line's label, placed each frame where the line enters the image walking from its
  // first point (a meridian's at the bottom edge, a parallel's at the left), not at a fixed
  // point that is often off screen. In the line's colour.
  std::string edgeLabel;
  float edgeLabelSizePx = 12.0f;  // at 1080p
  bool operator==(const OverlayPolyline&) const = default;
};

struct OverlayMarker {
  glm::dvec3 position{0.0};  // local xy, real height (ignored on the ground)
  bool onGround = true;
  glm::vec4 color{1.0f, 0.85f, 0.2f, 1.0f};
  float radiusPx = 5.0f;  // at 1080p
  bool operator==(const OverlayMarker&) const = default;
};

struct OverlayLabel {
  glm::dvec3 position{0.0};  // local xy, real height (ignored on the ground)
  bool onGround = true;
  std::string text;          // UTF-8; "\n" starts a new line
  glm::vec4 color{1.0f};
  float sizePx = 14.0f;      // at 1080p
  bool operator==(const OverlayLabel&) const = default;
};

// A raster laid over the terrain (a viewshed): north-up in the local frame, RGBA with straight
// alpha (0 = nothing there). Shared and compared by identity, since it may be large: make a new
// one to change it.
struct OverlayRaster {
  double westEdge = 0, northEdge = 0, cell = 1;
  int width = 0, height = 0;
  std::vector<std::uint8_t> rgba;  // width*height*4, rows north first
};

struct OverlayGeometry {
  std::vector<OverlayPolyline> lines;
  std::vector<OverlayMarker> markers;
  std::vector<OverlayLabel> labels;
  std::vector<std::shared_ptr<const OverlayRaster>> rasters;  // drawn bottom first
  bool empty() const { return lines.empty() && markers.empty() && labels.empty() && rasters.empty(); }
  void append(const OverlayGeometry& more) {  // drawn after (over) what is here
    lines.insert(lines.end(), more.lines.begin(), more.lines.end());
    markers.insert(markers.end(), more.markers.begin(), more.markers.end());
    labels.insert(labels.end(), more.labels.begin(), more.labels.end());
    rasters.insert(rasters.end(), more.rasters.begin(), more.rasters.end());
  }
  bool operator==(const OverlayGeometry&) const = default;
};

}  // namespace tb::render
