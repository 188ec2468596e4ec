// GdalTileSources: the streamed terrain's reads in the local frame, through geo::RasterTileReader.
#include "world/TileSources.h"

#include "geo/TileReader.h"
#include "world/TileDiskCache.h"

namespace tb::world {

namespace {
geo::GridSpec projected(const LocalGrid& g, double originX, double originY) {
  geo::GridSpec s;
  s.originX = g.westEdge + originX;
  s.originY = g.northEdge + originY;
  s.cellSize = g.cell;
  s.width = g.width;
  s.height = g.height;
  return s;
}

// Reads in the scene's own CRS are a RasterIO of the window, about as fast as reading a cache
// entry back; only warped reads are worth keeping.
std::string cacheSource(const geo::RasterTileReader& r, const std::string& sceneCrs) {
  const geo::TileSourceInfo& i = r.info();
  return i.sameCrs || i.identity.empty() ? std::string() : i.identity + "|in " + sceneCrs;
}

// Only tile reads (square, a node's 128² or 129² samples) are kept: point queries and analysis
// windows go to the source, so they do not fill the cache with entries nobody reads again.
bool tileShaped(const geo::GridSpec& g) { return g.width == g.height && g.width >= 64; }

template <typename T, typename Read>
void readThroughCache(const std::string& source, const char* kind, const geo::GridSpec& g, int channels, T* out,
                      Read read) {
  if (source.empty() || !tileShaped(g)) return read();
  const std::string key = tilecache::key(kind, source, g.originX, g.originY, g.cellSize, g.width, g.height);
  const std::size_t bytes = static_cast<std::size_t>(g.width) * g.height * channels * sizeof(T);
  if (tilecache::load(key, out, bytes)) return;
  read();
  tilecache::save(key, out, bytes);
}
}  // namespace

GdalTileSources::GdalTileSources(std::shared_ptr<const geo::RasterTileReader> dem,
                                 std::vector<std::shared_ptr<const geo::RasterTileReader>> imagery, double originX,
                                 double originY, const std::string& sceneCrs)
    : dem_(std::move(dem)), imagery_(std::move(imagery)), originX_(originX), originY_(originY) {
  cacheSources_.push_back(cacheSource(*dem_, sceneCrs));
  for (const auto& r : imagery_) cacheSources_.push_back(cacheSource(*r, sceneCrs));
}

std::string GdalTileSources::demName() const { return dem_->info().path; }
double GdalTileSources::demCellSize() const { return dem_->info().nativeCellSize; }

void GdalTileSources::readHeights(const LocalGrid& grid, float* out) const {
  const geo::GridSpec g = projected(grid, originX_, originY_);
  readThroughCache(cacheSources_[0], "heights", g, 1, out, [&] { dem_->readHeights(g, out); });
}

double GdalTileSources::demNodataFraction() const { return dem_->nodataFraction(); }

std::string GdalTileSources::imageryName(int layer) const { return imagery_.at(static_cast<std::size_t>(layer))->info().path; }
double GdalTileSources::imageryCellSize(int layer) const {
  return imagery_.at(static_cast<std::size_t>(layer))->info().nativeCellSize;
}

void GdalTileSources::readRgba(int layer, const LocalGrid& grid, std::uint8_t* out) const {
  const auto i = static_cast<std::size_t>(layer);
  const geo::GridSpec g = projected(grid, originX_, originY_);
  readThroughCache(cacheSources_.at(i + 1), "rgba", g, 4, out, [&] { imagery_.at(i)->readRgba(g, out); });
}

}  // namespace tb::world
