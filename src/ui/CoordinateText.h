// Coordinates as text with no more digits than their precision supports: a position known to
// ±60 m gets three decimals of a degree (0.001° ≈ 111 m) and whole seconds (1″ ≈ 31 m), never
// the six decimals a float would happily print.
#pragma once
#include <optional>
#include <string>

namespace tb::ui {

struct CoordinateDigits {
  int decimals = 3;          // decimal degrees
  int dmsParts = 3;          // 1: degrees only, 2: degrees and minutes, 3: with seconds
  int secondsDecimals = 0;   // when dmsParts == 3
};

// The finest digits whose last step (in metres along a meridian) is no smaller than the width
// of the ±precision interval: finer digits would claim knowledge the source does not have.
CoordinateDigits digitsForPrecision(std::optional<double> precisionM);

std::string formatDecimalDegrees(double latDeg, double lonDeg, const CoordinateDigits& digits);  // 41.670° N, 129.670° E
std::string formatDms(double latDeg, double lonDeg, const CoordinateDigits& digits);  // 41° 40′ 12″ N, 129° 40′ 12″ E
std::string formatPrecision(std::optional<double> precisionM);  // "±60 m", "±2 km", "not stated"

// "41.6, 129.7" (lat first), "41°35'N 129°36'E", UTM "52N 550016 4603319" or MGRS "52TEM5001603319"
// (analysis::parseCoordinate). Nothing if it is not a position.
std::optional<std::pair<double, double>> parseLatLon(const std::string& text);

}  // namespace tb::ui
