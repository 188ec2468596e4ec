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
  }
  return out;
}

LabelRect grown(const LabelRect& r, float m) { return {r.min - glm::vec2(m), r.max + glm::vec2(m)}; }

}  // namespace

std::vector<LabelPlacement> layoutLabels(const std::vector<LabelRequest>& requests,
                                         const LabelLayoutOptions& options) {
  std::vector<std::size_t> order(requests.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return requests[a].priority > requests[b].priority; });

  std::vector<LabelRect> taken = options.obstacles;
  std::vector<LabelPlacement> result(requests.size());
  for (std::size_t i : order) {
    const LabelRequest& r = requests[i];
    for (const auto& [box, leader] : candidates(r, options)) {
      if (!box.inside(options.imageSize)) continue;
      const LabelRect padded = grown(box, options.margin);
      const bool collides =
          std::any_of(taken.begin(), taken.end(), [&](const LabelRect& t) { return padded.overlaps(t); });
      if (collides) continue;
      result[i] = {true, box, leader};
      taken.push_back(box);
      break;
    }
  }
  return result;
}

}  // namespace tb::render
