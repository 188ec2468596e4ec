// One GenImgProj transformer per source dataset, reused for every tile: the warp of a 256² tile
// then costs the warp, not the set-up of PROJ.
#include "geo/WindowWarp.h"

#include <cpl_string.h>
#include <gdal_alg.h>
#include <gdalwarper.h>

#include <cmath>
#include <limits>

#include "core/Error.h"
#include "geo/RasterSource.h"

namespace tb::geo {

WindowWarper::WindowWarper(GDALDatasetH src, const std::string& sceneWkt, const std::string& path) : src_(src) {
  CPLStringList opts;
  opts.SetNameValue("DST_SRS", sceneWkt.c_str());
  GdalErrorCapture capture;
  transformer_ = GDALCreateGenImgProjTransformer2(src, nullptr, opts.List());
  if (!transformer_) throw Error(path, "cannot transform its grid into the scene CRS" + capture.suffix());
}

WindowWarper::~WindowWarper() {
  if (transformer_) GDALDestroyGenImgProjTransformer(transformer_);
}

namespace {
void setTileGeoTransform(void* transformer, const GridSpec& g) {
  double gt[6] = {g.originX, g.cellSize, 0, g.originY, 0, -g.cellSize};
  GDALSetGenImgProjTransformerDstGeoTransform(transformer, gt);
}
}  // namespace

double WindowWarper::sourcePixelsPerCell(const GridSpec& g) {
  setTileGeoTransform(transformer_, g);
  const double cx = g.width * 0.5, cy = g.height * 0.5;
  double x[3] = {cx, cx + 1, cx}, y[3] = {cy, cy, cy + 1}, z[3] = {0, 0, 0};
  int ok[3] = {0, 0, 0};
  GdalErrorCapture quiet;
  if (!GDALGenImgProjTransform(transformer_, TRUE, 3, x, y, z, ok) || !ok[0] || !ok[1] || !ok[2]) return 0;
  const double alongX = std::hypot(x[1] - x[0], y[1] - y[0]), alongY = std::hypot(x[2] - x[0], y[2] - y[0]);
  // Geometric mean, as the native cell size is measured: with the smaller side, a source whose
  // pixels are 10% taller than wide would read every tile from the overview twice too fine.
  const double f = std::sqrt(alongX * alongY);
  return std::isfinite(f) ? f : 0;
}

bool WindowWarper::warp(const GridSpec& g, void* out, GDALDataType type, const WarpBands& bands, GDALResampleAlg alg) {
  setTileGeoTransform(transformer_, g);
  const int channels = static_cast<int>(bands.src.size()) + (bands.dstAlpha ? 1 : 0);
  DatasetPtr dst = memDatasetOver(out, type, channels, g, nullptr);

  // The approximate transformer (GDAL's default error of 1/8 pixel) transforms a few points per
  // row instead of every pixel; it does not own the cached exact one.
  void* approx = GDALCreateApproxTransformer(GDALGenImgProjTransform, transformer_, 0.125);
  GDALApproxTransformerOwnsSubtransformer(approx, FALSE);

  GDALWarpOptions* o = GDALCreateWarpOptions();
  o->hSrcDS = src_;
  o->hDstDS = dst.get();
  o->eResampleAlg = alg;
  o->eWorkingDataType = type;
  o->dfWarpMemoryLimit = 64.0 * 1024 * 1024;
  o->nBandCount = static_cast<int>(bands.src.size());
  o->panSrcBands = static_cast<int*>(CPLMalloc(sizeof(int) * o->nBandCount));
  o->panDstBands = static_cast<int*>(CPLMalloc(sizeof(int) * o->nBandCount));
  for (int i = 0; i < o->nBandCount; ++i) o->panSrcBands[i] = bands.src[i], o->panDstBands[i] = i + 1;
  o->nSrcAlphaBand = bands.srcAlpha;
  o->nDstAlphaBand = bands.dstAlpha ? channels : 0;
  if (bands.hasNodata) GDALWarpInitSrcNoDataReal(o, bands.nodata);
  if (type == GDT_Float32) {
    // Not a destination nodata value: the warper would then take its general (slow) kernel.
    o->papszWarpOptions = CSLSetNameValue(o->papszWarpOptions, "INIT_DEST", "NaN");
  } else {
    o->papszWarpOptions = CSLSetNameValue(o->papszWarpOptions, "INIT_DEST", "0");
  }
  o->pfnTransformer = GDALApproxTransform;
  o->pTransformerArg = approx;

  bool ok = false;
  if (GDALWarpOperationH op = GDALCreateWarpOperation(o)) {
    ok = GDALChunkAndWarpImage(op, 0, 0, g.width, g.height) == CE_None;
    GDALDestroyWarpOperation(op);
  }
  GDALDestroyWarpOptions(o);
  GDALDestroyApproxTransformer(approx);
  return ok;
}

}  // namespace tb::geo
