// Imagery drawing order edits (see LayerOrder.h).
#include "ui/LayerOrder.h"

#include <numeric>
#include <utility>

namespace tb::ui {

std::vector<std::size_t> validLayerOrder(const std::vector<std::size_t>& order, std::size_t layerCount) {
  bool valid = order.size() == layerCount;
  std::vector<bool> seen(layerCount, false);
  for (std::size_t i = 0; valid && i < order.size(); ++i) {
    if (order[i] >= layerCount || seen[order[i]]) valid = false;
    else seen[order[i]] = true;
  }
  if (valid) return order;
  std::vector<std::size_t> scene(layerCount);
  std::iota(scene.begin(), scene.end(), std::size_t{0});
  return scene;
}

bool moveLayer(std::vector<std::size_t>& order, std::size_t layerCount, std::size_t position, bool up) {
  order = validLayerOrder(order, layerCount);
  if (position >= order.size()) return false;
  if (up ? position + 1 >= order.size() : position == 0) return false;
  std::swap(order[position], order[up ? position + 1 : position - 1]);
  return true;
}

}  // namespace tb::ui
