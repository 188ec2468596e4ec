// GdalTileSources: the streamed terrain's reads in the local frame, through geo::RasterTileReader.
#include "world/TileSources.h"

#include "geo/TileReader.h"

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
}  // namespace

GdalTileSources::GdalTileSources(std::shared_ptr<const geo::RasterTileReader> dem,
                                 std::vector<std::shared_ptr<const geo::RasterTileReader>> imagery, double originX,
                                 double originY)
    : dem_(std::move(dem)), imagery_(std::move(imagery)), originX_(originX), originY_(originY) {}

std::string GdalTileSources::demName() const { return dem_->info().path; }
double GdalTileSources::demCellSize() const { return dem_->info().nativeCellSize; }

void GdalTileSources::readHeights(const LocalGrid& grid, float* out) const {
  dem_->readHeights(projected(grid, originX_, originY_), out);
}

double GdalTileSources::demNodataFraction() const { return dem_->nodataFraction(); }

std::string GdalTileSources::imageryName(int layer) const { return imagery_.at(static_cast<std::size_t>(layer))->info().path; }
double GdalTileSources::imageryCellSize(int layer) const {
  return imagery_.at(static_cast<std::size_t>(layer))->info().nativeCellSize;
}

void GdalTileSources::readRgba(int layer, const LocalGrid& grid, std::uint8_t* out) const {
  imagery_.at(static_cast<std::size_t>(layer))->readRgba(projected(grid, originX_, originY_), out);
}

}  // namespace tb::world
