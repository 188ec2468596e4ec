// Private to geo/: GDAL start-up, GDAL's error messages routed into our log, and RAII handles
// for GDAL objects. Never included from a public header.
#pragma once
#include <cstdint>
#include <memory>
#include <string>

#include <gdal.h>
#include <ogr_srs_api.h>

namespace tb::geo {

// Registers every GDAL driver once (thread-safe) and installs the handler that sends GDAL's
// messages to tb::log instead of stderr. Every loader calls it first.
void ensureGdal();

// While alive, GDAL failures on this thread are captured (not logged as errors) so that the
// loader can put GDAL's own words into its one-line tb::Error. Warnings still go to the log.
class GdalErrorCapture {
 public:
  GdalErrorCapture();
  ~GdalErrorCapture();
  GdalErrorCapture(const GdalErrorCapture&) = delete;
  GdalErrorCapture& operator=(const GdalErrorCapture&) = delete;

  bool failed() const { return failed_; }
  const std::string& lastError() const { return lastError_; }
  // " (GDAL: <text>)" or "" when GDAL said nothing: ready to append to a problem.
  std::string suffix() const;
  void clear();

 private:
  static void CPL_STDCALL handle(CPLErr cls, CPLErrorNum num, const char* msg);
  bool failed_ = false;
  std::string lastError_;
  std::uint64_t uncapturedAtStart_ = 0;  // other threads' failures seen before this capture
};

struct DatasetCloser {
  void operator()(GDALDatasetH ds) const { if (ds) GDALClose(ds); }
};
using DatasetPtr = std::unique_ptr<std::remove_pointer_t<GDALDatasetH>, DatasetCloser>;

struct SrsCloser {
  void operator()(OGRSpatialReferenceH srs) const { if (srs) OSRDestroySpatialReference(srs); }
};
using SrsPtr = std::unique_ptr<std::remove_pointer_t<OGRSpatialReferenceH>, SrsCloser>;

struct TransformCloser {
  void operator()(OGRCoordinateTransformationH ct) const { if (ct) OCTDestroyCoordinateTransformation(ct); }
};
using TransformPtr = std::unique_ptr<std::remove_pointer_t<OGRCoordinateTransformationH>, TransformCloser>;

// A spatial reference from any user string PROJ understands ("EPSG:32652", WKT, PROJ string),
// in traditional GIS axis order (x = lon/easting). Returns null if it is not understood.
SrsPtr makeSrs(const std::string& crs);
SrsPtr cloneSrs(OGRSpatialReferenceH srs);  // same, from an existing one (axis order reset)

// "EPSG:32652" where an authority code is known, else the CRS's name.
std::string shortCrsName(OGRSpatialReferenceH srs);

// Line-free text of GDAL's message (some drivers put newlines into it).
std::string oneLine(std::string text);

}  // namespace tb::geo
