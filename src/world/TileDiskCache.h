// Reprojected tile reads kept on disk (core/DiskCache, within its byte budget), so that a second
// open of a scene whose sources need GDAL's warper reads each tile back instead of warping it
// again. An entry carries its full key and a checksum of its bytes: a truncated, corrupt or
// colliding entry is treated as absent (the tile is read again and the entry rewritten).
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>

namespace tb::world::tilecache {

// The key of one read: what was read (kind: "heights", "rgba"), from which source content in
// which CRS (`source`: geo::TileSourceInfo::identity + the scene CRS), on which grid.
std::string key(const char* kind, const std::string& source, double west, double north, double cell, int width,
                int height);

// Copies the entry for `key` into out[bytes]; false when there is none or it does not check out.
bool load(const std::string& key, void* out, std::size_t bytes);
void save(const std::string& key, const void* data, std::size_t bytes);

// What this process did: entries used, reads that found none, entries rejected as damaged.
struct Counters {
  std::uint64_t hits = 0, misses = 0, rejected = 0;
};
Counters counters();

}  // namespace tb::world::tilecache
