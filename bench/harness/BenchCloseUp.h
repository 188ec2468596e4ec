// `terrabrief bench --streaming` row (i), close-up sharpness: the same close-up camera rendered
// over the 40 km scene (streamed: tiles read at the level the view needs) and over a 10 km crop of
// it (loaded whole at full resolution), compared by SSIM (target >= 0.95).
#pragma once
#include <filesystem>
#include <string>
#include <vector>

namespace tb::bench {

// Makes the data in `dir` when missing (CloseUpData.h), renders both with `terrabrief render`
// (children started with `environment`), keeps the two PNGs in `dir` for a look, prints the row.
// Returns the SSIM.
double benchCloseUp(const std::filesystem::path& dir, const std::vector<std::string>& environment);

}  // namespace tb::bench
