// The bounded grid maximum shared by camera clearance (over the overview) and streamed ground
// detail (over one resident tile).
#include "terrain/GroundDetail.h"

#include <algorithm>
#include <cmath>

namespace tb::terrain {

double maxSampleNear(const HeightField& field, glm::dvec2 xy, double halfSize) {
  if (field.width() <= 0 || field.height() <= 0) return 0.0;
  if (std::isnan(xy.x) || std::isnan(xy.y) || std::isnan(halfSize)) return std::nan("");
  const glm::dvec2 g = field.toGrid(xy);
  const double r = std::max(0.0, halfSize) / field.cellSize();
  // Clamp in double first: a far-off point's cell index does not fit an int.
  auto clampCol = [&](double c) { return int(std::clamp(c, 0.0, double(field.width() - 1))); };
  auto clampRow = [&](double c) { return int(std::clamp(c, 0.0, double(field.height() - 1))); };
  const int c0 = clampCol(std::floor(g.x - r)), c1 = clampCol(std::ceil(g.x + r));
  const int r0 = clampRow(std::floor(g.y - r)), r1 = clampRow(std::ceil(g.y + r));
  // A flight step over a coarse field can span hundreds of cells; 48 samples a side keeps a
  // 1024-sample flight well under a millisecond while still catching ridges wider than a stride.
  const int step = std::max(1, std::max(c1 - c0, r1 - r0) / 48);
  float best = field.at(c0, r0);
  for (int row = r0; row <= r1; row += step)
    for (int col = c0; col <= c1; col += step) best = std::max(best, field.at(col, row));
  for (int row = r0; row <= r1; row += step) best = std::max(best, field.at(c1, row));
  for (int col = c0; col <= c1; col += step) best = std::max(best, field.at(col, r1));
  return double(best);
}

}  // namespace tb::terrain
