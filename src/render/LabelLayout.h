// Label placement on the CPU: rectangles in, placements out. Greedy in priority order, a few
// candidate positions around each anchor; labels that still collide are dropped. Pure maths (no
// GL), computed once per whole image so every tile of a tiled frame gets the same layout.
#pragma once
#include <vector>

#include <glm/glm.hpp>

namespace tb::render {

struct LabelRect {
  glm::vec2 min{0.0f}, max{0.0f};  // image pixels, y down
  bool overlaps(const LabelRect& o) const {
    return min.x < o.max.x && o.min.x < max.x && min.y < o.max.y && o.min.y < max.y;
  }
  bool inside(glm::vec2 imageSize) const {
    return min.x >= 0 && min.y >= 0 && max.x <= imageSize.x && max.y <= imageSize.y;
  }
};

struct LabelRequest {
  glm::vec2 anchor{0.0f};  // the point the label names (e.g. the top of a pin head), image px
  glm::vec2 size{0.0f};    // the label's box, px
  float gap = 4.0f;        // free space kept between anchor and box, px
  int priority = 0;        // higher is placed first; ties keep input order
  // Further points the label may name instead, in order of preference (along an area's outline:
  // any point of it names the area). Their plain positions are tried before any leader position.
  std::vector<glm::vec2> otherAnchors;
};

struct LabelPlacement {
  bool placed = false;
  LabelRect box;        // where the label's box goes (valid when placed)
  // The box ended up away from its anchor (further than the plain positions around it put it):
  // draw a leader line, or the label reads as naming whatever it landed near.
  bool leader = false;
  glm::vec2 anchor{0.0f};  // the anchor the box was placed for (the request's own or another)
};

// Distance from a point to a box, px (0 inside it).
float distanceToBox(glm::vec2 p, const LabelRect& box);

struct LabelLayoutOptions {
  glm::vec2 imageSize{0.0f};
  float margin = 2.0f;                // extra space kept between label boxes, px
  float leaderStep = 0.0f;            // 0: no leader positions; else vertical step for pushed-up tries
  int leaderSteps = 3;                // how many pushed-up rows to try
  std::vector<LabelRect> obstacles;   // fixed boxes labels must avoid (HUD, stamp, pin heads and stems)
};

// Candidates, in order: centred above the anchor, above-right, above-left, right, left, below
// (for the anchor, then for each of otherAnchors); then (with leaderStep), anchor by anchor,
// centred/right/left above it pushed up by k*leaderStep, then the same pushed down below it. A box placed further from its anchor than twice its gap (only the
// pushed ones) gets a leader; a leader never crosses another label, nor a label another leader.
std::vector<LabelPlacement> layoutLabels(const std::vector<LabelRequest>& requests,
                                         const LabelLayoutOptions& options);

// A grid line's label where the line enters the image. On an oblique view the far rows crowd
// toward the horizon: labels go nearest line first, each beside its entry point, and one that
// would come within `options.margin` of a label already placed (or of an obstacle) is dropped,
// never moved along its line.
struct EdgeLabelRequest {
  glm::vec2 anchor{0.0f};  // where the line enters the image, px
  glm::vec2 size{0.0f};    // the label's box, px
  double distance = 0;     // from the camera to the line's entry point (nearer: placed first)
};
// The boxes of the labels drawn (placed == false: dropped).
std::vector<LabelPlacement> layoutEdgeLabels(const std::vector<EdgeLabelRequest>& requests,
                                             const LabelLayoutOptions& options);

}  // namespace tb::render
