// Coordinate text in four formats, both ways (see Coordinates.h). GeographicLib does the maths
// (UTMUPS, MGRS) and the degree parsing (DMS); this file decides which format a text is in.
#include "analysis/Coordinates.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <regex>
#include <sstream>
#include <vector>

#include <GeographicLib/DMS.hpp>
#include <GeographicLib/MGRS.hpp>
#include <GeographicLib/UTMUPS.hpp>
#include <fmt/format.h>

namespace tb::analysis {
namespace {

constexpr double kMetresPerDegree = 111320.0;  // along a meridian

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r\n"), e = s.find_last_not_of(" \t\r\n");
  return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

std::vector<std::string> words(const std::string& s) {
  std::istringstream in(s);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

std::string dmsOne(double value, const char* pos, const char* neg) {
  const double tenths = std::round(std::fabs(value) * 36000.0);  // in 0.1″, rounded once
  const long long t = static_cast<long long>(tenths);
  return fmt::format("{}° {:02}′ {:04.1f}″ {}", t / 36000, (t / 600) % 60, static_cast<double>(t % 600) / 10.0,
                     value < 0 ? neg : pos);
}

// Latitude band letters of UTM (C..X without I and O), 8° each from 80° S (X spans 12°).
std::optional<std::pair<double, double>> bandLatitudes(char band) {
  static const std::string bands = "CDEFGHJKLMNPQRSTUVWX";
  const auto i = bands.find(band);
  if (i == std::string::npos) return std::nullopt;
  const double south = -80.0 + 8.0 * static_cast<double>(i);
  return std::make_pair(south, band == 'X' ? 84.0 : south + 8.0);
}

CoordinateParse fail(std::string why) { return {std::nullopt, std::move(why)}; }

CoordinateParse parseMgrs(const std::string& compact) {
  try {
    int zone = 0, prec = 0;
    bool north = false;
    double x = 0, y = 0, lat = 0, lon = 0;
    GeographicLib::MGRS::Reverse(compact, zone, north, x, y, prec, true);
    GeographicLib::UTMUPS::Reverse(zone, north, x, y, lat, lon);
    return {ParsedCoordinate{{lon, lat}, CoordinateFormat::Mgrs, std::pow(10.0, 5 - prec)}, {}};
  } catch (const std::exception& e) {
    return fail(fmt::format("\"{}\" is not a valid MGRS reference ({})", compact, e.what()));
  }
}

// "52N 550000 4603000", "52T 550000 4603000", "52 north 550000 4603000".
CoordinateParse parseUtm(int zone, const std::string& letter, const std::string& e, const std::string& n) {
  char* end = nullptr;
  const double x = std::strtod(e.c_str(), &end);
  if (end == e.c_str() || *end) return fail(fmt::format("UTM easting \"{}\" is not a number", e));
  const double y = std::strtod(n.c_str(), &end);
  if (end == n.c_str() || *end) return fail(fmt::format("UTM northing \"{}\" is not a number", n));
  if (zone < 1 || zone > 60) return fail(fmt::format("UTM zone {} is not between 1 and 60", zone));
  auto reverse = [&](bool north, double& lat, double& lon) {
    try {
      GeographicLib::UTMUPS::Reverse(zone, north, x, y, lat, lon, true);
      return true;
    } catch (const std::exception&) {
      return false;
    }
  };
  double lat = 0, lon = 0;
  bool north;
  if (letter == "NORTH" || letter == "SOUTH") {
    north = letter == "NORTH";
  } else {
    const auto band = bandLatitudes(letter.empty() ? 'N' : letter[0]);
    if (letter.size() != 1 || !band) return fail(fmt::format("UTM zone letter \"{}\" is neither a band nor N/S", letter));
    // A band letter names the hemisphere; "S" alone may also mean south: take the reading whose
    // latitude falls in the band (within a degree), else the southern one.
    north = band->first >= 0;
    if (letter == "S") {
      const bool fitsBand = reverse(true, lat, lon) && lat >= band->first - 1 && lat <= band->second + 1;
      north = fitsBand;
    }
  }
  if (!reverse(north, lat, lon)) return fail(fmt::format("UTM {} {} lies outside zone {}", e, n, zone));
  return {ParsedCoordinate{{lon, lat}, CoordinateFormat::Utm, 1.0}, {}};
}

// One latitude or longitude: "41.58N", "41°35'N", "41 35 12 N", "-129.6". Spaces between
// components become GeographicLib's ':' separator.
std::string dmsPart(const std::string& part) {
  std::vector<std::string> w = words(part);
  std::string out;
  for (std::size_t i = 0; i < w.size(); ++i) {
    const bool hemi = w[i].size() == 1 && std::string("NSEW").find(w[i][0]) != std::string::npos;
    if (i > 0 && !hemi && !out.empty() && std::isdigit(static_cast<unsigned char>(out.back()))) out += ':';
    out += w[i];
  }
  return out;
}

double dmsPrecision(const std::string& part) {
  // The finest unit named (degrees, minutes, seconds) and its decimals: half its step.
  const int colons = static_cast<int>(std::count(part.begin(), part.end(), ':'));
  const int marks = static_cast<int>(std::count(part.begin(), part.end(), '\'')) + (part.find("′") != std::string::npos) +
                    2 * (part.find("″") != std::string::npos || part.find('"') != std::string::npos);
  const int unit = std::min(2, std::max(colons, marks));
  int decimals = 0;
  if (const auto dot = part.rfind('.'); dot != std::string::npos)
    while (dot + 1 + decimals < part.size() && std::isdigit(static_cast<unsigned char>(part[dot + 1 + decimals])))
      ++decimals;
  const double step = kMetresPerDegree / (unit == 0 ? 1.0 : unit == 1 ? 60.0 : 3600.0);
  return step * std::pow(10.0, -decimals) / 2.0;
}

CoordinateParse parseLatLonText(const std::string& text) {
  std::string s = upper(text);
  std::replace(s.begin(), s.end(), ';', ',');
  std::string a, b;
  if (const auto comma = s.find(','); comma != std::string::npos) {
    if (s.find(',', comma + 1) != std::string::npos) return fail(fmt::format("\"{}\" has more than two parts", text));
    a = trim(s.substr(0, comma)), b = trim(s.substr(comma + 1));
  } else {
    const std::vector<std::string> w = words(s);
    std::size_t split = 0;
    // Split after the first word ending in a hemisphere letter (or that is one), else halve.
    for (std::size_t i = 0; i + 1 < w.size() && !split; ++i)
      if (std::string("NSEW").find(w[i].back()) != std::string::npos) split = i + 1;
    // A leading hemisphere letter ("N41.5 E129.6" or "N 41 35 E 129 36") starts each part instead.
    if (!w.empty() && std::string("NSEW").find(w[0].front()) != std::string::npos) {
      split = 0;
      for (std::size_t i = 1; i < w.size() && !split; ++i)
        if (std::string("NSEW").find(w[i].front()) != std::string::npos) split = i;
    }
    if (!split) {
      if (w.size() < 2 || w.size() % 2) return fail(fmt::format("\"{}\" is not a coordinate I can read", text));
      split = w.size() / 2;
    }
    for (std::size_t i = 0; i < w.size(); ++i) (i < split ? a : b) += w[i] + " ";
    a = trim(a), b = trim(b);
  }
  if (a.empty() || b.empty()) return fail(fmt::format("\"{}\" needs a latitude and a longitude", text));
  const std::string pa = dmsPart(a), pb = dmsPart(b);
  try {
    double lat = 0, lon = 0;
    GeographicLib::DMS::DecodeLatLon(pa, pb, lat, lon, false);
    // DecodeLatLon wraps a longitude of 200° to -160°: a typo, not a place.
    GeographicLib::DMS::flag ia, ib;
    if (std::fabs(GeographicLib::DMS::Decode(pa, ia)) > 180 || std::fabs(GeographicLib::DMS::Decode(pb, ib)) > 180)
      return fail(fmt::format("\"{}\": a longitude is beyond 180°", text));
    const bool dms = pa.find_first_of(":'\"") != std::string::npos || pa.find("′") != std::string::npos ||
                     pa.find('D') != std::string::npos;
    return {ParsedCoordinate{{lon, lat}, dms ? CoordinateFormat::Dms : CoordinateFormat::DecimalDegrees,
                             std::max(dmsPrecision(pa), dmsPrecision(pb))},
            {}};
  } catch (const std::exception& e) {
    return fail(fmt::format("\"{}\" is not a latitude/longitude ({})", text, e.what()));
  }
}

}  // namespace

const char* coordinateFormatName(CoordinateFormat f) {
  switch (f) {
    case CoordinateFormat::DecimalDegrees: return "decimal degrees";
    case CoordinateFormat::Dms: return "DMS";
    case CoordinateFormat::Utm: return "UTM";
    case CoordinateFormat::Mgrs: return "MGRS";
  }
  return "?";
}

std::string formatCoordinate(glm::dvec2 ll, CoordinateFormat format, int mgrsDigits) {
  const double lat = ll.y, lon = ll.x;
  if (format == CoordinateFormat::DecimalDegrees)
    return fmt::format("{:.5f}° {}, {:.5f}° {}", std::fabs(lat), lat < 0 ? "S" : "N", std::fabs(lon), lon < 0 ? "W" : "E");
  if (format == CoordinateFormat::Dms) return dmsOne(lat, "N", "S") + ", " + dmsOne(lon, "E", "W");
  int zone = 0;
  bool north = false;
  double x = 0, y = 0;
  try {
    GeographicLib::UTMUPS::Forward(lat, lon, zone, north, x, y);
    if (format == CoordinateFormat::Utm) {
      if (zone == 0) return fmt::format("UPS {} {:.0f} {:.0f}", north ? "N" : "S", x, y);
      return fmt::format("{}{} {:.0f} {:.0f}", zone, north ? "N" : "S", std::floor(x), std::floor(y));
    }
    std::string m;
    const int digits = std::clamp(mgrsDigits, 1, 5);
    GeographicLib::MGRS::Forward(zone, north, x, y, lat, digits, m);
    // "52TEM5001603319" -> "52T EM 50016 03319"
    const std::size_t head = m.size() - 2 * static_cast<std::size_t>(digits);
    return fmt::format("{} {} {} {}", m.substr(0, head - 2), m.substr(head - 2, 2), m.substr(head, digits),
                       m.substr(head + digits));
  } catch (const std::exception& e) {
    return "(outside UTM/MGRS)";
  }
}

CoordinateParse parseCoordinate(const std::string& text) {
  const std::string t = upper(trim(text));
  if (t.empty()) return fail("empty coordinate");
  std::string compact;
  for (char c : t)
    if (!std::isspace(static_cast<unsigned char>(c))) compact += c;
  static const std::regex mgrs(R"(^(\d{1,2}[C-HJ-NP-X]|[ABYZ])[A-HJ-NP-Z]{2}\d*$)");
  if (std::regex_match(compact, mgrs)) return parseMgrs(compact);
  // UTM: zone (+ letter or north/south) then easting and northing.
  static const std::regex utm(R"(^(\d{1,2})\s*([A-Z]|NORTH|SOUTH)?\s+([0-9.]+)\s*M?\s*E?\s+([0-9.]+)\s*M?\s*N?$)");
  std::smatch m;
  if (std::regex_match(t, m, utm) && m[3].str().size() >= 5)
    return parseUtm(std::stoi(m[1].str()), m[2].str(), m[3].str(), m[4].str());
  if (std::regex_match(compact, std::regex(R"(^\d{1,2}[A-Z]{1,3}\d*$)")))
    return fail(fmt::format("\"{}\" is not a valid MGRS reference", trim(text)));
  return parseLatLonText(text);
}

}  // namespace tb::analysis
