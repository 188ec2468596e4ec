// Reads of a window of a source in its own CRS at the resolution a tile needs: overview choice,
// target cells split where they straddle the data's edge, GDAL's resampling RasterIO.
#include "geo/WindowRead.h"

#include <cpl_string.h>

#include <algorithm>
#include <cmath>

#include "core/Error.h"

namespace tb::geo {
namespace {

double snapped(double v) { return std::abs(v - std::round(v)) < 1e-6 ? std::round(v) : v; }

// A MEM band over caller-owned memory, to resample from without GDAL's own overview choice.
DatasetPtr memBandOver(void* data, GDALDataType type, int width, int height) {
  DatasetPtr ds(GDALCreate(GDALGetDriverByName("MEM"), "", width, height, 0, type, nullptr));
  if (!ds) throw internalError("MEM", "cannot create an in-memory raster");
  char ptr[64] = {};
  CPLPrintPointer(ptr, data, sizeof ptr - 1);
  CPLStringList opts;
  opts.SetNameValue("DATAPOINTER", ptr);
  if (GDALAddBand(ds.get(), type, opts.List()) != CE_None) throw internalError("MEM", "cannot add a band");
  return ds;
}

}  // namespace

Decimation decimationFor(double ratio) {
  // Bilinear keeps relief crisp up to a decimation of 2 (GDAL widens its kernel when it
  // decimates); a box average costs one read per source pixel instead of a wide kernel; beyond 8,
  // with no overview close enough, even that reads far too much (a 65536² mosaic without
  // overviews into one 256² tile is 2^32 pixels), so every n-th pixel is taken.
  return ratio <= 2 ? Decimation::Bilinear : ratio <= 8 ? Decimation::Average : Decimation::Nearest;
}

int chooseLevel(GDALRasterBandH band, double factor, double* levelFactor) {
  const double w = GDALGetRasterBandXSize(band), h = GDALGetRasterBandYSize(band);
  int best = -1;
  double bestFactor = 1;
  for (int i = 0, n = GDALGetOverviewCount(band); i < n; ++i) {
    GDALRasterBandH ov = GDALGetOverview(band, i);
    if (!ov) continue;
    const double f = std::max(w / GDALGetRasterBandXSize(ov), h / GDALGetRasterBandYSize(ov));
    if (f <= factor * (1 + 1e-9) && f > bestFactor) best = i, bestFactor = f;
  }
  if (levelFactor) *levelFactor = bestFactor;
  return best;
}

std::vector<Span> spansOf(double start, double ratio, int cells, int size) {
  const auto clampCell = [cells](double v) { return static_cast<int>(std::clamp(v, 0.0, double(cells))); };
  const int first = clampCell(std::ceil(-start / ratio - 0.5 - 1e-9));
  const int end = clampCell(std::ceil((size - start) / ratio - 0.5 - 1e-9));
  const int inner0 = std::clamp(clampCell(std::ceil(-start / ratio - 1e-9)), first, std::max(first, end));
  const int inner1 = std::clamp(clampCell(std::floor((size - start) / ratio + 1e-9)), inner0, std::max(inner0, end));
  std::vector<Span> spans;
  for (auto [d0, d1] : {std::pair{first, inner0}, std::pair{inner0, inner1}, std::pair{inner1, end}}) {
    if (d1 <= d0) continue;
    Span s{d0, d1, std::max(0.0, snapped(start + d0 * ratio)), std::min(double(size), snapped(start + d1 * ratio))};
    if (s.s1 > s.s0) spans.push_back(s);
  }
  return spans;
}

bool readWindow(GDALRasterBandH band, const Span& x, const Span& y, void* dst, GDALDataType type, GSpacing pixel,
                GSpacing line, GDALRIOResampleAlg alg, bool fullResolution) {
  const int w = GDALGetRasterBandXSize(band), h = GDALGetRasterBandYSize(band);
  const int x0 = static_cast<int>(std::floor(x.s0)), y0 = static_cast<int>(std::floor(y.s0));
  const int x1 = std::min(w, static_cast<int>(std::ceil(x.s1))), y1 = std::min(h, static_cast<int>(std::ceil(y.s1)));
  const int bufW = x.d1 - x.d0, bufH = y.d1 - y.d0;
  GDALRasterIOExtraArg arg;
  INIT_RASTERIO_EXTRA_ARG(arg);
  arg.eResampleAlg = alg;
  arg.bFloatingPointWindowValidity = TRUE;
  arg.dfXOff = x.s0, arg.dfYOff = y.s0, arg.dfXSize = x.s1 - x.s0, arg.dfYSize = y.s1 - y.s0;
  if (!fullResolution || (bufW >= x1 - x0 && bufH >= y1 - y0))
    return GDALRasterIOEx(band, GF_Read, x0, y0, x1 - x0, y1 - y0, dst, bufW, bufH, type, pixel, line, &arg) == CE_None;

  // Copy with a margin for the resampling kernel (as wide as a target cell), then resample.
  const int margin = static_cast<int>(std::ceil(std::max(arg.dfXSize / bufW, arg.dfYSize / bufH))) + 1;
  const int mx0 = std::max(0, x0 - margin), my0 = std::max(0, y0 - margin);
  const int mx1 = std::min(w, x1 + margin), my1 = std::min(h, y1 + margin);
  const int typeBytes = GDALGetDataTypeSizeBytes(type);
  std::vector<unsigned char> copy(static_cast<size_t>(mx1 - mx0) * (my1 - my0) * typeBytes);
  if (GDALRasterIO(band, GF_Read, mx0, my0, mx1 - mx0, my1 - my0, copy.data(), mx1 - mx0, my1 - my0, type, 0, 0) !=
      CE_None)
    return false;
  DatasetPtr mem = memBandOver(copy.data(), type, mx1 - mx0, my1 - my0);
  GDALRasterBandH memBand = GDALGetRasterBand(mem.get(), 1);
  int hasNodata = 0;
  const double nodata = GDALGetRasterNoDataValue(band, &hasNodata);
  if (hasNodata) GDALSetRasterNoDataValue(memBand, nodata);
  arg.dfXOff -= mx0, arg.dfYOff -= my0;
  return GDALRasterIOEx(memBand, GF_Read, x0 - mx0, y0 - my0, x1 - x0, y1 - y0, dst, bufW, bufH, type, pixel, line,
                        &arg) == CE_None;
}

LevelWindow levelWindow(const double* gt, int fullW, int fullH, GDALRasterBandH band, const GridSpec& g) {
  const double px = gt[1] * fullW / GDALGetRasterBandXSize(band), py = -gt[5] * fullH / GDALGetRasterBandYSize(band);
  LevelWindow lw;
  const double rx = g.cellSize / px, ry = g.cellSize / py;
  lw.xs = spansOf((g.originX - gt[0]) / px, rx, g.width, GDALGetRasterBandXSize(band));
  lw.ys = spansOf((gt[3] - g.originY) / py, ry, g.height, GDALGetRasterBandYSize(band));
  switch (decimationFor(std::max(rx, ry))) {
    case Decimation::Bilinear: lw.alg = GRIORA_Bilinear; break;
    case Decimation::Average: lw.alg = GRIORA_Average; break;
    case Decimation::Nearest: lw.alg = GRIORA_NearestNeighbour; break;
  }
  return lw;
}

}  // namespace tb::geo
