// The order in which imagery layers are drawn, as the Layers panel edits it: a permutation of
// world.imagery's indices, bottom first (render::FrameSettings::imageryOrder). Pure functions,
// no ImGui, so the panel's logic is unit-tested.
#pragma once
#include <cstddef>
#include <vector>

namespace tb::ui {

// `order` when it is a permutation of 0..layerCount-1, otherwise the scene order 0, 1, ...
// (what the renderer falls back to as well: render::shownImagery()).
std::vector<std::size_t> validLayerOrder(const std::vector<std::size_t>& order, std::size_t layerCount);

// Moves the layer at `position` (0 = bottom) one place towards the top (up = true) or the bottom.
// Repairs `order` first (validLayerOrder). Returns false, leaving the order valid but otherwise
// unchanged, when the layer is already at that end or the position does not exist.
bool moveLayer(std::vector<std::size_t>& order, std::size_t layerCount, std::size_t position, bool up);

}  // namespace tb::ui
