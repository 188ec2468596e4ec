// Signed distance to the shoreline on a grid (exact Euclidean distance transform, Felzenszwalb &
// Huttenlocher 2012): + metres on land, - metres at sea, measured between cell centres.
#pragma once
#include <cstdint>
#include <vector>

namespace tb::synth {

std::vector<float> signedCoastDistance(const std::vector<std::uint8_t>& land, int width, int height, double cellSize,
                                       int threads);

}  // namespace tb::synth
