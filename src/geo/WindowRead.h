// Private to geo/: reading the window of a source under a tile when the source is already in the
// scene CRS and north-up: which overview, which source pixels each target cell covers, and
// GDAL's resampling RasterIO with a floating-point window.
#pragma once
#include <vector>

#include "geo/GdalSession.h"
#include "geo/Grid.h"

namespace tb::geo {

// How target cells `ratio` source pixels wide are resampled (after the overview choice).
enum class Decimation { Bilinear, Average, Nearest };
Decimation decimationFor(double ratio);

// The overview of `band` to read for target cells `factor` full-resolution pixels wide: the
// coarsest one whose pixels are still no wider than that; -1 for full resolution. `levelFactor`
// receives the chosen level's pixel width in full-resolution pixels (1 for full resolution).
int chooseLevel(GDALRasterBandH band, double factor, double* levelFactor = nullptr);

// Target cells [d0,d1) along one axis and the source pixels [s0,s1] they cover (at the level read).
struct Span {
  int d0 = 0, d1 = 0;
  double s0 = 0, s1 = 0;
};

// Cell c covers source pixels [start + c*ratio, start + (c+1)*ratio]. Returns the cells whose
// centres lie on the data [0,size) as up to three spans: a cell straddling each data edge (its
// window clamped to the data, so it takes what is there) and the cells wholly inside between
// them (their window exact, so resampling keeps its geometry).
std::vector<Span> spansOf(double start, double ratio, int cells, int size);

// Reads source pixels [x.s0,x.s1]×[y.s0,y.s1] of `band` into the target cells of x and y.
// `fullResolution`: the band has overviews that GDAL would substitute for a downsampled read
// (it accepts one up to 1.2× coarser than asked), so the window is first copied at full
// resolution into memory and resampled from there. False (GDAL's error raised) on failure.
bool readWindow(GDALRasterBandH band, const Span& x, const Span& y, void* dst, GDALDataType type, GSpacing pixel,
                GSpacing line, GDALRIOResampleAlg alg, bool fullResolution);

// Where a read of grid `g` lands on `band` (one level of a north-up source with geotransform gt
// and full size fullW×fullH), and how it is resampled.
struct LevelWindow {
  std::vector<Span> xs, ys;
  GDALRIOResampleAlg alg = GRIORA_Bilinear;
};
LevelWindow levelWindow(const double* gt, int fullW, int fullH, GDALRasterBandH band, const GridSpec& g);

}  // namespace tb::geo
