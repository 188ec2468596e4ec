// MemoryTileSources: bilinear reads of in-memory rasters for the streamed terrain.
#include "world/MemoryTileSources.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace tb::world {

MemoryTileSources::MemoryTileSources(const World& world, std::string name)
    : name_(std::move(name)), heights_(world.heights) {
  for (const ImageryLayer& l : world.imagery) {
    Layer m;
    m.width = l.raster.grid.width;
    m.height = l.raster.grid.height;
    m.rgba.assign(l.raster.rgba.begin(), l.raster.rgba.end());
    m.nw = l.originNW;
    m.cell = l.cellSize > 0 ? l.cellSize : l.raster.grid.cellSize;
    imagery_.push_back(std::move(m));
  }
}

void MemoryTileSources::readHeights(const LocalGrid& g, float* out) const {
  const float nan = std::numeric_limits<float>::quiet_NaN();
  const int w = heights_.width();
  for (int r = 0; r < g.height; ++r)
    for (int c = 0; c < g.width; ++c) {
      const glm::dvec2 p(g.westEdge + (c + 0.5) * g.cell, g.northEdge - (r + 0.5) * g.cell);
      float v = heights_.contains(p) ? static_cast<float>(heights_.sample(p)) : nan;
      if (!std::isnan(v) && !holes_.empty()) {
        const glm::dvec2 q = heights_.toGrid(p);
        const int cc = std::clamp(static_cast<int>(std::lround(q.x)), 0, w - 1);
        const int rr = std::clamp(static_cast<int>(std::lround(q.y)), 0, heights_.height() - 1);
        for (const auto& h : holes_)
          if (h[static_cast<std::size_t>(rr) * w + cc]) v = nan;
      }
      out[static_cast<std::size_t>(r) * g.width + c] = v;
    }
}

void MemoryTileSources::readRgba(int layer, const LocalGrid& g, std::uint8_t* out) const {
  const Layer& m = imagery_.at(static_cast<std::size_t>(layer));
  for (int r = 0; r < g.height; ++r)
    for (int c = 0; c < g.width; ++c) {
      std::uint8_t* o = out + (static_cast<std::size_t>(r) * g.width + c) * 4;
      const double x = (g.westEdge + (c + 0.5) * g.cell - m.nw.x) / m.cell - 0.5;
      const double y = (m.nw.y - (g.northEdge - (r + 0.5) * g.cell)) / m.cell - 0.5;
      if (x < -0.5 || y < -0.5 || x > m.width - 0.5 || y > m.height - 0.5) {
        o[0] = o[1] = o[2] = o[3] = 0;
        continue;
      }
      const int x0 = std::clamp(static_cast<int>(std::floor(x)), 0, m.width - 1), x1 = std::min(x0 + 1, m.width - 1);
      const int y0 = std::clamp(static_cast<int>(std::floor(y)), 0, m.height - 1), y1 = std::min(y0 + 1, m.height - 1);
      const double fx = std::clamp(x - x0, 0.0, 1.0), fy = std::clamp(y - y0, 0.0, 1.0);
      for (int k = 0; k < 4; ++k) {
        auto at = [&](int xx, int yy) { return double(m.rgba[(static_cast<std::size_t>(yy) * m.width + xx) * 4 + k]); };
        const double v = (at(x0, y0) * (1 - fx) + at(x1, y0) * fx) * (1 - fy) + (at(x0, y1) * (1 - fx) + at(x1, y1) * fx) * fy;
        o[k] = static_cast<std::uint8_t>(std::lround(v));
      }
    }
}

}  // namespace tb::world
