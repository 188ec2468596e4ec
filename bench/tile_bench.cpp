// Tile reads through geo::RasterTileReader: one 256² height tile from a 2048² COG (10 m, DEFLATE,
// 256² blocks, overviews) in its own CRS, reprojected into the next UTM zone, from an overview
// (160 m cells), and from an EPSG:4326 DEM into UTM. The data is written once into a temporary
// folder. Each iteration reads another tile (a 4×4 tour), so blocks come from GDAL's block cache
// after the first round: this measures the reader and GDAL's resampling/warping, not the disk.
#include <benchmark/benchmark.h>

#include <gdal.h>
#include <cpl_string.h>
#include <ogr_srs_api.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "geo/TileReader.h"

namespace {

using tb::geo::GridSpec;
using tb::geo::RasterRole;
using tb::geo::RasterTileReader;

struct BenchData {
  std::string dir, utmCog, lonLat, lonLatNodata, bigVrt, bigVrtOvr;
};

void write(const std::string& path, const char* driver, const char* crs, const double* gt, int size,
           const std::vector<std::string>& options, bool nodata = false) {
  GDALAllRegister();
  GDALDatasetH mem = GDALCreate(GDALGetDriverByName("MEM"), "", size, size, 1, GDT_Float32, nullptr);
  GDALSetGeoTransform(mem, const_cast<double*>(gt));
  OGRSpatialReferenceH srs = OSRNewSpatialReference(nullptr);
  OSRSetFromUserInput(srs, crs);
  GDALSetSpatialRef(mem, srs);
  if (nodata) GDALSetRasterNoDataValue(GDALGetRasterBand(mem, 1), -32768);
  OSRDestroySpatialReference(srs);
  std::vector<float> row(size);
  for (int r = 0; r < size; ++r) {
    for (int c = 0; c < size; ++c)
      row[c] = float(900 + 600 * std::sin(c / 170.0) * std::cos(r / 130.0) + 40 * std::sin((3 * c - r) / 17.0));
    GDALRasterIO(GDALGetRasterBand(mem, 1), GF_Write, 0, r, size, 1, row.data(), size, 1, GDT_Float32, 0, 0);
  }
  CPLStringList opts;
  for (const auto& o : options) opts.AddString(o.c_str());
  GDALClose(GDALCreateCopy(GDALGetDriverByName(driver), path.c_str(), mem, FALSE, opts.List(), nullptr, nullptr));
  GDALClose(mem);
}

const BenchData& data() {
  static const BenchData d = [] {
    BenchData b;
    std::string templ = (std::filesystem::temp_directory_path() / "tb-tile-bench-XXXXXX").string();
    b.dir = mkdtemp(templ.data());
    b.utmCog = b.dir + "/utm-cog.tif";
    b.lonLat = b.dir + "/lonlat.tif";
    const double utm[6] = {500000, 10, 0, 4600000, 0, -10};
    write(b.utmCog, "COG", "EPSG:32652", utm, 2048, {"COMPRESS=DEFLATE", "BLOCKSIZE=256"});
    const double ll[6] = {129.5, 1.0 / 3600, 0, 41.6, 0, -1.0 / 3600};  // 1" (~30 m)
    write(b.lonLat, "GTiff", "EPSG:4326", ll, 2048, {"TILED=YES", "COMPRESS=DEFLATE"});
    b.lonLatNodata = b.dir + "/lonlat-nodata.tif";  // as SRTM: a nodata value declared (none used)
    write(b.lonLatNodata, "GTiff", "EPSG:4326", ll, 2048, {"TILED=YES", "COMPRESS=DEFLATE"}, true);
    // 65536² virtual DEM: the COG mosaicked 32×32 times (VRT; its overviews are the COG's).
    b.bigVrt = b.dir + "/big.vrt";
    std::string xml = "<VRTDataset rasterXSize=\"65536\" rasterYSize=\"65536\"><SRS>EPSG:32652</SRS>"
                      "<GeoTransform>500000, 10, 0, 4600000, 0, -10</GeoTransform>"
                      "<VRTRasterBand dataType=\"Float32\" band=\"1\">";
    for (int r = 0; r < 32; ++r)
      for (int c = 0; c < 32; ++c)
        xml +=
            "<SimpleSource><SourceFilename relativeToVRT=\"1\">utm-cog.tif</SourceFilename><SourceBand>1</SourceBand>"
            "<SrcRect xOff=\"0\" yOff=\"0\" xSize=\"2048\" ySize=\"2048\"/><DstRect xOff=\"" +
            std::to_string(c * 2048) + "\" yOff=\"" + std::to_string(r * 2048) +
            "\" xSize=\"2048\" ySize=\"2048\"/></SimpleSource>";
    xml += "</VRTRasterBand>";
    const auto writeVrt = [](const std::string& path, const std::string& text) {
      if (FILE* f = std::fopen(path.c_str(), "w")) {
        std::fputs(text.c_str(), f);
        std::fclose(f);
      }
    };
    writeVrt(b.bigVrt, xml + "</VRTDataset>");
    // As gdalbuildvrt writes it for sources with overviews: virtual overviews read from theirs.
    b.bigVrtOvr = b.dir + "/big-ovr.vrt";
    writeVrt(b.bigVrtOvr,
             xml + "<OverviewList resampling=\"average\">2 4 8 16 32 64 128 256</OverviewList></VRTDataset>");
    std::atexit([] { std::filesystem::remove_all(data().dir); });
    return b;
  }();
  return d;
}

GridSpec tileAt(const RasterTileReader& r, const std::string& crs, double cell, int i) {
  const auto& fp = r.info().footprint;
  GridSpec g;
  g.crs = crs, g.cellSize = cell, g.width = g.height = 256;
  const double span = 256 * cell;
  const double w = fp.east - fp.west - span, h = fp.north - fp.south - span;
  g.originX = fp.west + std::max(0.0, w) * ((i % 4) / 3.0);
  g.originY = fp.north - std::max(0.0, h) * (((i / 4) % 4) / 3.0);
  return g;
}

void readTiles(benchmark::State& state, const std::string& path, const std::string& crs, double cell) {
  const RasterTileReader reader(path, RasterRole::Elevation, crs);
  std::vector<float> warm(256 * 256);
  reader.readHeights(tileAt(reader, crs, cell, 0), warm.data());  // opens the level, builds the transformer
  std::vector<float> out(256 * 256);
  int i = 0;
  for (auto _ : state) {
    reader.readHeights(tileAt(reader, crs, cell, i++), out.data());
    benchmark::DoNotOptimize(out.data());
  }
  state.counters["sameCrs"] = reader.info().sameCrs;
}

void BM_Tile256SameCrs(benchmark::State& state) { readTiles(state, data().utmCog, "EPSG:32652", 10); }
void BM_Tile256SameCrsResampled(benchmark::State& state) {  // 1.25 decimation: resampled RasterIO
  readTiles(state, data().utmCog, "EPSG:32652", 12.5);
}
void BM_Tile256Reprojected(benchmark::State& state) { readTiles(state, data().utmCog, "EPSG:32651", 10); }
void BM_Tile256CogOverview(benchmark::State& state) { readTiles(state, data().utmCog, "EPSG:32652", 80); }
void BM_Tile256CogOverviewReprojected(benchmark::State& state) { readTiles(state, data().utmCog, "EPSG:32651", 80); }
void BM_Tile256LonLatIntoUtm(benchmark::State& state) { readTiles(state, data().lonLat, "EPSG:32652", 30); }
void BM_Tile256LonLatWithNodataIntoUtm(benchmark::State& state) {
  readTiles(state, data().lonLatNodata, "EPSG:32652", 30);
}

// Opening (metadata only) a 65536² VRT mosaic of 1024 files, and reading from it: a native tile,
// and the whole mosaic as one 256² tile, in its CRS and in the next UTM zone, without overviews
// (every n-th pixel; cheap here only because all 1024 sources are one file, whose blocks GDAL
// caches) and with the VRT's virtual overviews (<OverviewList>, read from the COG's overviews).
void BM_Open65536Vrt(benchmark::State& state) {
  const std::string& path = data().bigVrt;  // written before the clock starts
  for (auto _ : state) {
    const RasterTileReader reader(path, RasterRole::Elevation, "EPSG:32652");
    benchmark::DoNotOptimize(reader.info().width);
    state.counters["overviews"] = reader.info().overviewCount;
  }
}
void BM_Tile256From65536VrtNative(benchmark::State& state) { readTiles(state, data().bigVrt, "EPSG:32652", 10); }
void BM_Tile256From65536VrtWhole(benchmark::State& state) { readTiles(state, data().bigVrt, "EPSG:32652", 2560); }
void BM_Tile256From65536VrtWholeReprojected(benchmark::State& state) {
  readTiles(state, data().bigVrt, "EPSG:32651", 2600);
}

void BM_Tile256From65536VrtWithOverviewsWhole(benchmark::State& state) {
  readTiles(state, data().bigVrtOvr, "EPSG:32652", 2560);
}
void BM_Tile256From65536VrtWithOverviewsWholeReprojected(benchmark::State& state) {
  readTiles(state, data().bigVrtOvr, "EPSG:32651", 2600);
}

BENCHMARK(BM_Open65536Vrt)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Tile256From65536VrtNative)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Tile256From65536VrtWhole)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Tile256From65536VrtWholeReprojected)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Tile256From65536VrtWithOverviewsWhole)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Tile256From65536VrtWithOverviewsWholeReprojected)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Tile256SameCrs)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Tile256SameCrsResampled)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Tile256Reprojected)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Tile256CogOverview)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Tile256CogOverviewReprojected)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Tile256LonLatIntoUtm)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Tile256LonLatWithNodataIntoUtm)->Unit(benchmark::kMillisecond);

}  // namespace
