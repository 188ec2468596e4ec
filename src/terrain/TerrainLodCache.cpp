#include "terrain/TerrainLodCache.h"

#include "core/DiskCache.h"
#include "core/Log.h"

namespace tb::terrain {

std::unique_ptr<TerrainLod> cachedTerrainLod(const HeightField& field, int tileQuads, const std::string& sourceKey) {
  if (sourceKey.empty()) return std::make_unique<TerrainLod>(field, tileQuads);
  const std::string name = cache::entryName("lod", sourceKey + "|tile quads " + std::to_string(tileQuads));
  if (const cache::Entry entry = cache::open(name)) {
    if (auto lod = TerrainLod::fromTables(field, tileQuads, entry.data(), entry.size())) {
      log::debug("terrain LOD: tables from the cache ({})", name);
      return lod;
    }
    log::debug("terrain LOD: cache entry {} does not fit; rebuilding", name);
  }
  auto lod = std::make_unique<TerrainLod>(field, tileQuads);
  const std::vector<std::uint8_t> bytes = lod->tables();
  cache::store(name, {{bytes.data(), bytes.size()}});
  return lod;
}

}  // namespace tb::terrain
