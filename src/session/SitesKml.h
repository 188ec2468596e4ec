// Sites and drawings to and from KML (Google Earth), through libxml2. Export writes one Placemark
// per site with our properties in <ExtendedData>, so an export imports back unchanged. Import
// also takes other people's placemarks: a Point becomes a derived pin whose precision comes from
// the decimals written in the file (like a typed coordinate), a LineString a path, a Polygon's
// outer ring a polygon, both "area"; where it came from is the file's name.
#pragma once
#include <string>
#include <vector>

#include "session/Documents.h"

namespace tb::session {

std::string sitesToKml(const std::vector<scene::Site>& sites, const std::map<std::string, scene::Category>& categories);
void exportKml(const std::string& path, const std::vector<scene::Site>& sites,
               const std::map<std::string, scene::Category>& categories);  // atomic; throws tb::Error

// Placemarks as new sites for `doc`: ids made unique against it (and each other), a placemark
// without our category gets `fallbackCategory`. Throws tb::Error("file:line", problem).
std::vector<scene::Site> importKml(const std::string& path, const SitesDocument& doc,
                                   const std::string& fallbackCategory);

}  // namespace tb::session
