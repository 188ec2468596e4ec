// Dropped and opened files by kind (see DroppedFile.h).
#include "viewer/DroppedFile.h"

#include <cctype>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "briefing/Briefing.h"
#include "geo/Raster.h"
#include "geo/Vector.h"
#include "geo/VectorProbe.h"

namespace tb::viewer {
namespace fs = std::filesystem;

namespace {

// The "format" member of a JSON object file, "" when it is not one (or too large to be ours).
std::string jsonFormat(const std::string& path) {
  std::error_code ec;
  if (fs::file_size(path, ec) > (16u << 20) || ec) return {};
  std::ifstream in(path, std::ios::binary);
  char first = 0;
  while (in.get(first) && std::isspace(static_cast<unsigned char>(first))) {
  }
  if (first != '{') return {};
  in.seekg(0);
  const nlohmann::json j = nlohmann::json::parse(in, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("format") || !j["format"].is_string()) return {};
  return j["format"].get<std::string>();
}

}  // namespace

const char* fileKindName(FileKind kind) {
  switch (kind) {
    case FileKind::Scene: return "scene";
    case FileKind::Briefing: return "briefing";
    case FileKind::Raster: return "raster";
    case FileKind::Vector: return "vector";
    case FileKind::Unreadable: break;
  }
  return "unreadable";
}

ClassifiedFile classifyFile(const std::string& path) {
  std::error_code ec;
  if (!fs::exists(path, ec)) return {FileKind::Unreadable, path + ": no such file"};
  if (fs::is_directory(path, ec)) return {FileKind::Unreadable, path + ": a folder, not a file"};
  const std::string format = jsonFormat(path);
  if (format == "terrabrief-scene/1") return {FileKind::Scene, {}};
  if (format == briefing::kBriefingFormat) return {FileKind::Briefing, {}};
  if (format.rfind("terrabrief-", 0) == 0) return {FileKind::Unreadable, path + ": \"" + format + "\" is not a format this version reads"};
  try {
    geo::probeRaster(path);
    return {FileKind::Raster, {}};
  } catch (const std::exception&) {  // not a raster: perhaps vector data
  }
  try {
    geo::probeVectors(path);
    return {FileKind::Vector, {}};
  } catch (const std::exception&) {
  }
  return {FileKind::Unreadable, path + ": not a scene, a briefing, or raster or vector data GDAL/OGR can read"};
}

}  // namespace tb::viewer
