// Coordinates typed and shown by a user: decimal degrees, degrees-minutes-seconds, UTM and MGRS
// (GeographicLib's UTMUPS and MGRS). Parsing is lenient about layout, strict about garbage.
#pragma once
#include <optional>
#include <string>

#include <glm/glm.hpp>

namespace tb::analysis {

enum class CoordinateFormat { DecimalDegrees, Dms, Utm, Mgrs };

const char* coordinateFormatName(CoordinateFormat format);  // "decimal degrees", "DMS", "UTM", "MGRS"

// lonLat: x = lon, y = lat. mgrsDigits: 1..5 digits per axis (5 = 1 m).
// DD: "41.58000° N, 129.60000° E"; DMS: "41° 34′ 48.0″ N, 129° 36′ 00.0″ E";
// UTM: "52N 550000 4603000"; MGRS: "52T EL 50000 03000".
std::string formatCoordinate(glm::dvec2 lonLat, CoordinateFormat format, int mgrsDigits = 5);

struct ParsedCoordinate {
  glm::dvec2 lonLat{0.0};
  CoordinateFormat format = CoordinateFormat::DecimalDegrees;
  double precision = 0;  // metres: the size of the square / last digit the text names
};

struct CoordinateParse {
  std::optional<ParsedCoordinate> value;
  std::string error;  // one line, when value is empty
};

// Accepts "41.58, 129.60" (lat first), "41.58N 129.60E", "129.60E 41.58N", "41°35'N 129°36'E",
// "41 35 12 N 129 36 0 E", UTM "52N 550000 4603000" / "52T 550000 4603000", MGRS with or without
// spaces at any precision ("52TEL5000003000", "52T EL 5 0").
CoordinateParse parseCoordinate(const std::string& text);

}  // namespace tb::analysis
