// Greedy label placement (see LabelLayout.h).
#include "render/LabelLayout.h"

#include <algorithm>
#include <numeric>

namespace tb::render {
namespace {

LabelRect boxAt(glm::vec2 topLeft, glm::vec2 size) { return {topLeft, topLeft + size}; }

struct Candidate {
  LabelRect box;
  glm::vec2 anchor;
  bool pushed;  // a leader position
};

// The plain box positions around one anchor, best first.
void plainCandidates(glm::vec2 a, glm::vec2 s, float g, std::vector<Candidate>& out) {
  out.push_back({boxAt({a.x - s.x * 0.5f, a.y - g - s.y}, s), a, false});          // above
  out.push_back({boxAt({a.x + g, a.y - g - s.y}, s), a, false});                   // above-right
  out.push_back({boxAt({a.x - g - s.x, a.y - g - s.y}, s), a, false});             // above-left
  out.push_back({boxAt({a.x + g * 2.0f, a.y - s.y * 0.5f}, s), a, false});         // right
  out.push_back({boxAt({a.x - g * 2.0f - s.x, a.y - s.y * 0.5f}, s), a, false});   // left
  out.push_back({boxAt({a.x - s.x * 0.5f, a.y + g * 2.0f}, s), a, false});         // below
}

// Pushed up, then pushed down below the pin's own foot: better a leader than a label dropped.
void leaderCandidates(glm::vec2 a, glm::vec2 s, float g, const LabelLayoutOptions& o, std::vector<Candidate>& out) {
  for (int k = 1; k <= o.leaderSteps; ++k) {
    const float y = a.y - g - s.y - k * o.leaderStep;
    out.push_back({boxAt({a.x - s.x * 0.5f, y}, s), a, true});
    out.push_back({boxAt({a.x + g, y}, s), a, true});
    out.push_back({boxAt({a.x - g - s.x, y}, s), a, true});
  }
  for (int k = 1; k <= o.leaderSteps; ++k) {
    const float y = a.y + g * 2.0f + k * o.leaderStep;
    out.push_back({boxAt({a.x - s.x * 0.5f, y}, s), a, true});
    out.push_back({boxAt({a.x + g, y}, s), a, true});
    out.push_back({boxAt({a.x - g - s.x, y}, s), a, true});
  }
}

// The box positions tried for one label, best first: every plain one before any leader one.
std::vector<Candidate> candidates(const LabelRequest& r, const LabelLayoutOptions& o) {
  std::vector<glm::vec2> anchors{r.anchor};
  anchors.insert(anchors.end(), r.otherAnchors.begin(), r.otherAnchors.end());
  std::vector<Candidate> out;
  for (glm::vec2 a : anchors) plainCandidates(a, r.size, r.gap, out);
  if (o.leaderStep > 0.0f)
    for (glm::vec2 a : anchors) leaderCandidates(a, r.size, r.gap, o, out);
  return out;
}

// Whether the segment a-b passes through the box (Liang-Barsky clipping).
bool segmentCrosses(glm::vec2 a, glm::vec2 b, const LabelRect& r) {
  float t0 = 0.0f, t1 = 1.0f;
  const glm::vec2 d = b - a;
  for (int axis = 0; axis < 2; ++axis) {
    const float lo = r.min[axis] - a[axis], hi = r.max[axis] - a[axis];
    if (d[axis] == 0.0f) {
      if (lo > 0.0f || hi < 0.0f) return false;
      continue;
    }
    float ta = lo / d[axis], tb = hi / d[axis];
    if (ta > tb) std::swap(ta, tb);
    t0 = std::max(t0, ta);
    t1 = std::min(t1, tb);
    if (t0 > t1) return false;
  }
  return true;
}

LabelRect grown(const LabelRect& r, float m) { return {r.min - glm::vec2(m), r.max + glm::vec2(m)}; }

}  // namespace

float distanceToBox(glm::vec2 p, const LabelRect& box) {
  return glm::length(glm::max(glm::max(box.min - p, p - box.max), glm::vec2(0.0f)));
}

std::vector<LabelPlacement> layoutLabels(const std::vector<LabelRequest>& requests,
                                         const LabelLayoutOptions& options) {
  std::vector<std::size_t> order(requests.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return requests[a].priority > requests[b].priority; });

  std::vector<LabelRect> taken = options.obstacles;
  std::vector<std::pair<LabelRect, glm::vec2>> labelBoxes;  // placed so far, with their anchors
  std::vector<std::pair<glm::vec2, glm::vec2>> leaders;    // placed so far
  std::vector<LabelPlacement> result(requests.size());
  for (std::size_t i : order) {
    const LabelRequest& r = requests[i];
    for (const auto& [box, anchor, pushed] : candidates(r, options)) {
      if (!box.inside(options.imageSize)) continue;
      const LabelRect padded = grown(box, options.margin);
      const bool collides =
          std::any_of(taken.begin(), taken.end(), [&](const LabelRect& t) { return padded.overlaps(t); });
      if (collides) continue;
      // Judged by where the box is, not by which candidate it was: the plain positions keep
      // within 2 * gap of the anchor (a leader there would be longer than the gap it bridges).
      const bool leader = pushed || distanceToBox(anchor, box) > 2.0f * r.gap + 0.5f;
      // A leader may not run through another site's label, nor a label across another's leader
      // (labels stacked over one shared anchor are all tied to the same point: that is clear).
      const glm::vec2 from = glm::clamp(anchor, box.min, box.max);
      if (leader && std::any_of(labelBoxes.begin(), labelBoxes.end(), [&](const auto& t) {
            return glm::distance(t.second, anchor) > 1.0f && segmentCrosses(from, anchor, t.first);
          }))
        continue;
      if (std::any_of(leaders.begin(), leaders.end(), [&](const auto& l) {
            return glm::distance(l.second, anchor) > 1.0f && segmentCrosses(l.first, l.second, padded);
          }))
        continue;
      result[i] = {true, box, leader, anchor};
      taken.push_back(box);
      labelBoxes.push_back({box, anchor});
      if (leader) leaders.push_back({from, anchor});
      break;
    }
  }
  return result;
}

std::vector<LabelPlacement> layoutEdgeLabels(const std::vector<EdgeLabelRequest>& requests,
                                             const LabelLayoutOptions& options) {
  std::vector<std::size_t> byDistance(requests.size());
  std::iota(byDistance.begin(), byDistance.end(), std::size_t{0});
  std::stable_sort(byDistance.begin(), byDistance.end(),
                   [&](std::size_t a, std::size_t b) { return requests[a].distance < requests[b].distance; });
  std::vector<LabelRequest> plain(requests.size());
  for (std::size_t rank = 0; rank < byDistance.size(); ++rank) {
    const EdgeLabelRequest& r = requests[byDistance[rank]];
    LabelRequest& q = plain[byDistance[rank]];
    q.anchor = r.anchor;
    q.size = r.size;
    q.priority = static_cast<int>(byDistance.size() - rank);  // the nearest first
  }
  LabelLayoutOptions o = options;
  o.leaderStep = 0.0f;  // beside the entry point or not at all
  return layoutLabels(plain, o);
}

}  // namespace tb::render
