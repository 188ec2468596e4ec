// GDAL start-up and the error trampoline: GDAL's messages go to tb::log (never printed raw), and
// a scoped capture lets a loader quote GDAL's reason in its own one-line error.
#include "geo/GdalSession.h"

#include <cpl_conv.h>

#include <cpl_error.h>
#include <cstdint>
#include <mutex>

#include "core/Log.h"

namespace tb::geo {
namespace {

// Failures raised on threads without a capture (the warper's worker threads) are kept here so
// that the loader's own one-line error can still quote them.
std::mutex gUncapturedMutex;
std::string gUncaptured;
std::uint64_t gUncapturedCount = 0;

void CPL_STDCALL logGdalMessage(CPLErr cls, CPLErrorNum num, const char* msg) {
  // Warnings are usually harmless driver remarks, and failures always end in a tb::Error that
  // quotes them: keep the CLI to that one line unless TB_LOG asks for more.
  switch (cls) {
    case CE_None:
    case CE_Debug: tb::log::debug("GDAL: {}", msg); break;
    case CE_Warning: tb::log::info("GDAL warning: {}", msg); break;
    default: {
      tb::log::info("GDAL error {}: {}", static_cast<int>(num), msg);
      std::lock_guard<std::mutex> lock(gUncapturedMutex);
      gUncaptured = oneLine(msg ? msg : "");
      ++gUncapturedCount;
      break;
    }
  }
}

std::uint64_t uncapturedCount() {
  std::lock_guard<std::mutex> lock(gUncapturedMutex);
  return gUncapturedCount;
}

}  // namespace

void ensureGdal() {
  static std::once_flag once;
  std::call_once(once, [] {
    tb::log::init();
    CPLSetErrorHandler(logGdalMessage);
    // terrabrief reads each raster once, front to back: a large block cache only holds blocks
    // already copied out, and every fresh MB of it costs page faults. A small one recycles its
    // buffers. The user's own GDAL_CACHEMAX (environment or config) wins.
    if (!CPLGetConfigOption("GDAL_CACHEMAX", nullptr)) CPLSetConfigOption("GDAL_CACHEMAX", "64");
    GDALAllRegister();
  });
}

GdalErrorCapture::GdalErrorCapture() {
  ensureGdal();
  CPLErrorReset();
  uncapturedAtStart_ = uncapturedCount();
  CPLPushErrorHandlerEx(&GdalErrorCapture::handle, this);
}

GdalErrorCapture::~GdalErrorCapture() { CPLPopErrorHandler(); }

void CPL_STDCALL GdalErrorCapture::handle(CPLErr cls, CPLErrorNum num, const char* msg) {
  auto* self = static_cast<GdalErrorCapture*>(CPLGetErrorHandlerUserData());
  if (cls >= CE_Failure && self) {
    self->failed_ = true;
    self->lastError_ = oneLine(msg ? msg : "");
    tb::log::debug("GDAL error {} (captured): {}", static_cast<int>(num), self->lastError_);
    return;
  }
  logGdalMessage(cls, num, msg);
}

std::string GdalErrorCapture::suffix() const {
  if (!lastError_.empty()) return " (GDAL: " + lastError_ + ")";
  std::lock_guard<std::mutex> lock(gUncapturedMutex);
  if (gUncapturedCount > uncapturedAtStart_) return " (GDAL: " + gUncaptured + ")";
  return std::string();
}

void GdalErrorCapture::clear() {
  failed_ = false;
  lastError_.clear();
  CPLErrorReset();
}

std::string oneLine(std::string text) {
  for (char& c : text)
    if (c == '\n' || c == '\r') c = ' ';
  while (!text.empty() && text.back() == ' ') text.pop_back();
  return text;
}

SrsPtr makeSrs(const std::string& crs) {
  ensureGdal();
  SrsPtr srs(OSRNewSpatialReference(nullptr));
  GdalErrorCapture quiet;  // an unknown CRS is reported by the caller, not logged here
  if (crs.empty() || OSRSetFromUserInput(srs.get(), crs.c_str()) != OGRERR_NONE) return nullptr;
  OSRSetAxisMappingStrategy(srs.get(), OAMS_TRADITIONAL_GIS_ORDER);
  return srs;
}

SrsPtr cloneSrs(OGRSpatialReferenceH srs) {
  if (!srs) return nullptr;
  SrsPtr copy(OSRClone(srs));
  OSRSetAxisMappingStrategy(copy.get(), OAMS_TRADITIONAL_GIS_ORDER);
  return copy;
}

std::string shortCrsName(OGRSpatialReferenceH srs) {
  if (!srs) return "(none)";
  const char* key = OSRIsProjected(srs) ? "PROJCS" : OSRIsGeographic(srs) ? "GEOGCS" : nullptr;
  const char* auth = OSRGetAuthorityName(srs, key);
  const char* code = OSRGetAuthorityCode(srs, key);
  if (auth && code) return std::string(auth) + ":" + code;
  SrsPtr copy(OSRClone(srs));
  {
    GdalErrorCapture quiet;
    if (OSRAutoIdentifyEPSG(copy.get()) == OGRERR_NONE) {
      auth = OSRGetAuthorityName(copy.get(), nullptr);
      code = OSRGetAuthorityCode(copy.get(), nullptr);
      if (auth && code) return std::string(auth) + ":" + code;
    }
  }
  const char* name = OSRGetName(srs);
  return name ? name : "(unnamed CRS)";
}

}  // namespace tb::geo
