// Greedy label placement (see LabelLayout.h).
#include "render/LabelLayout.h"

#include <algorithm>
#include <numeric>

namespace tb::render {
namespace {

LabelRect boxAt(glm::vec2 topLeft, glm::vec2 size) { return {topLeft, topLeft + size}; }

// The box positions tried for one label, best first. Each carries whether it needs a leader.
std::vector<std::pair<LabelRect, bool>> candidates(const LabelRequest& r, const LabelLayoutOptions& o) {
  const glm::vec2 a = r.anchor, s = r.size;
  const float g = r.gap;
  std::vector<std::pair<LabelRect, bool>> out;
  out.push_back({boxAt({a.x - s.x * 0.5f, a.y - g - s.y}, s), false});          // above
  out.push_back({boxAt({a.x + g, a.y - g - s.y}, s), false});                   // above-right
  out.push_back({boxAt({a.x - g - s.x, a.y - g - s.y}, s), false});             // above-left
  out.push_back({boxAt({a.x + g * 2.0f, a.y - s.y * 0.5f}, s), false});         // right
  out.push_back({boxAt({a.x - g * 2.0f - s.x, a.y - s.y * 0.5f}, s), false});   // left
  out.push_back({boxAt({a.x - s.x * 0.5f, a.y + g * 2.0f}, s), false});         // below
  if (o.leaderStep > 0.0f) {
    for (int k = 1; k <= o.leaderSteps; ++k) {
      const float y = a.y - g - s.y - k * o.leaderStep;
      out.push_back({boxAt({a.x - s.x * 0.5f, y}, s), true});
      out.push_back({boxAt({a.x + g, y}, s), true});
      out.push_back({boxAt({a.x - g - s.x, y}, s), true});
    }
    // Then pushed down, below the pin's own foot: better a leader than a label dropped.
    for (int k = 1; k <= o.leaderSteps; ++k) {
      const float y = a.y + g * 2.0f + k * o.leaderStep;
      out.push_back({boxAt({a.x - s.x * 0.5f, y}, s), true});
      out.push_back({boxAt({a.x + g, y}, s), true});
      out.push_back({boxAt({a.x - g - s.x, y}, s), true});
    }
  }
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
    for (const auto& [box, pushed] : candidates(r, options)) {
      if (!box.inside(options.imageSize)) continue;
      const LabelRect padded = grown(box, options.margin);
      const bool collides =
          std::any_of(taken.begin(), taken.end(), [&](const LabelRect& t) { return padded.overlaps(t); });
      if (collides) continue;
      // Judged by where the box is, not by which candidate it was: the plain positions keep
      // within 2 * gap of the anchor (a leader there would be longer than the gap it bridges).
      const bool leader = pushed || distanceToBox(r.anchor, box) > 2.0f * r.gap + 0.5f;
      // A leader may not run through another site's label, nor a label across another's leader
      // (labels stacked over one shared anchor are all tied to the same point: that is clear).
      const glm::vec2 from = glm::clamp(r.anchor, box.min, box.max);
      if (leader && std::any_of(labelBoxes.begin(), labelBoxes.end(), [&](const auto& t) {
            return glm::distance(t.second, r.anchor) > 1.0f && segmentCrosses(from, r.anchor, t.first);
          }))
        continue;
      if (std::any_of(leaders.begin(), leaders.end(), [&](const auto& l) {
            return glm::distance(l.second, r.anchor) > 1.0f && segmentCrosses(l.first, l.second, padded);
          }))
        continue;
      result[i] = {true, box, leader};
      taken.push_back(box);
      labelBoxes.push_back({box, r.anchor});
      if (leader) leaders.push_back({from, r.anchor});
      break;
    }
  }
  return result;
}

}  // namespace tb::render
