// Fast fluvial erosion on a coarse height grid so the mountains get dendritic valleys that drain
// to the sea: priority-flood routing (every land cell reaches the sea or the map edge, pits
// included), drainage area accumulation, and an implicit stream-power incision step
// (Braun & Willett 2013), repeated a few times.
#pragma once
#include <cstdint>
#include <vector>

namespace tb::synth {

struct ErosionParams {
  int passes = 8;
  double strength = 0.012;  // K*dt per pass, in m^(1-2m)
  double areaExponent = 0.5;
  std::vector<float> erodibility;  // optional per cell multiplier (empty = 1 everywhere)
  std::vector<float> uplift;       // optional rock uplift per pass (m); with it the relief tends to the
                                   // stream-power steady state, whose valleys branch like real ones
  double diffusion = 0;            // hillslope smoothing per pass (0..0.25), widens 1-cell gullies
};

// Erodes `heights` (w x h, rows north to south, cell metres) in place; sea cells (land == 0) and
// land cells on the grid border are outlets and never change. Returns the upstream drainage area
// (m^2) of every cell after the last pass.
std::vector<float> erodeFluvial(std::vector<float>& heights, const std::vector<std::uint8_t>& land, int w, int h,
                                double cell, const ErosionParams& params);

}  // namespace tb::synth
