// LOD tables kept in the derived-data cache (core/DiskCache.h): their exact error scan reads
// every sample at every level, the largest part of opening a scene after the texture upload.
#pragma once
#include <memory>
#include <string>

#include "terrain/TerrainLod.h"

namespace tb::terrain {

// The tables for `field` from the cache when an entry for `sourceKey` exists (the key names
// where the heights came from: file identity and grid), otherwise built and stored for next
// time. An empty key only builds.
std::unique_ptr<TerrainLod> cachedTerrainLod(const HeightField& field, int tileQuads, const std::string& sourceKey);

}  // namespace tb::terrain
