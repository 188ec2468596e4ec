// What a file dropped onto the window (or chosen in File > Open) is, so the viewer knows what to do
// with it: a scene or briefing opens; a raster GDAL reads becomes an imagery layer of the open
// scene, vector data OGR reads an overlay layer; anything else is refused with its reason. No GL.
#pragma once
#include <string>

namespace tb::viewer {

enum class FileKind { Scene, Briefing, Raster, Vector, Unreadable };

struct ClassifiedFile {
  FileKind kind = FileKind::Unreadable;
  std::string problem;  // Unreadable: one line naming the file and why
};

// Our JSON formats by their "format" member; then GDAL's raster drivers, then OGR's vector ones
// (a GeoJSON that is not ours is vector data).
ClassifiedFile classifyFile(const std::string& path);
const char* fileKindName(FileKind kind);  // "scene", "briefing", "raster", "vector", "unreadable"

}  // namespace tb::viewer
