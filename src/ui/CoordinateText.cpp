// Coordinate formatting for the site card and the status bar (see CoordinateText.h).
#include "ui/CoordinateText.h"

#include "analysis/Coordinates.h"

#include <fmt/format.h>

#include <cmath>
#include <cstdlib>

namespace tb::ui {
namespace {

constexpr double kMetresPerDegree = 111320.0;  // along a meridian; the conservative axis
constexpr int kMaxDecimals = 6;

std::string dmsOne(double valueDeg, const CoordinateDigits& d, const char* pos, const char* neg) {
  const char* hemi = valueDeg < 0 ? neg : pos;
  double a = std::fabs(valueDeg);
  // Round once, at the finest unit shown, then split: avoids "40′ 60″".
  if (d.dmsParts <= 1) return fmt::format("{:.0f}° {}", std::round(a), hemi);
  if (d.dmsParts == 2) {
    const long minutes = std::lround(a * 60.0);
    return fmt::format("{}° {:02}′ {}", minutes / 60, minutes % 60, hemi);
  }
  const double scale = std::pow(10.0, d.secondsDecimals);
  const double units = std::round(a * 3600.0 * scale);  // in 1/scale seconds
  const long long wholeSeconds = static_cast<long long>(units / scale);
  const double fracUnits = units - static_cast<double>(wholeSeconds) * scale;
  const long long deg = wholeSeconds / 3600, min = (wholeSeconds / 60) % 60;
  const double sec = static_cast<double>(wholeSeconds % 60) + fracUnits / scale;
  const int width = d.secondsDecimals > 0 ? 3 + d.secondsDecimals : 2;
  return fmt::format("{}° {:02}′ {:0{}.{}f}″ {}", deg, min, sec, width, d.secondsDecimals, hemi);
}

}  // namespace

CoordinateDigits digitsForPrecision(std::optional<double> precisionM) {
  CoordinateDigits d;
  if (!precisionM || !(*precisionM > 0)) return d;  // unstated: three decimals, whole seconds
  // The coarsest step whose rounding stays within the stated precision (step <= 2 x precision):
  // one digit more would claim knowledge the source does not have.
  const double interval = 2.0 * *precisionM;
  auto step = [](double unitM, int decimals) { return unitM * std::pow(10.0, -decimals); };
  d.decimals = 0;
  while (d.decimals < kMaxDecimals && step(kMetresPerDegree, d.decimals) > interval) ++d.decimals;
  const double minute = kMetresPerDegree / 60.0, second = kMetresPerDegree / 3600.0;
  if (kMetresPerDegree <= interval) {
    d.dmsParts = 1;
  } else if (minute <= interval) {
    d.dmsParts = 2;
  } else {
    d.dmsParts = 3;
    d.secondsDecimals = 0;
    while (d.secondsDecimals < 2 && step(second, d.secondsDecimals) > interval) ++d.secondsDecimals;
  }
  return d;
}

std::string formatDecimalDegrees(double latDeg, double lonDeg, const CoordinateDigits& d) {
  return fmt::format("{:.{}f}° {}, {:.{}f}° {}", std::fabs(latDeg), d.decimals, latDeg < 0 ? "S" : "N",
                     std::fabs(lonDeg), d.decimals, lonDeg < 0 ? "W" : "E");
}

std::string formatDms(double latDeg, double lonDeg, const CoordinateDigits& d) {
  return dmsOne(latDeg, d, "N", "S") + ", " + dmsOne(lonDeg, d, "E", "W");
}

std::string formatPrecision(std::optional<double> precisionM) {
  if (!precisionM || !(*precisionM > 0)) return "not stated";
  if (*precisionM >= 1000) return fmt::format("±{:g} km", std::round(*precisionM / 100.0) / 10.0);
  return fmt::format("±{:g} m", std::round(*precisionM));
}

std::optional<std::pair<double, double>> parseLatLon(const std::string& text) {
  // One parser for every place a user types a position (analysis/Coordinates): DD, DMS, UTM, MGRS.
  const analysis::CoordinateParse p = analysis::parseCoordinate(text);
  if (!p.value) return std::nullopt;
  return std::make_pair(p.value->lonLat.y, p.value->lonLat.x);
}

}  // namespace tb::ui
