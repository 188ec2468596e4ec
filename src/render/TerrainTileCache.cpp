// LRU cache of tile vertex buffers.
#include "render/TerrainTileCache.h"

namespace tb::render {

TerrainTileCache::TerrainTileCache(const terrain::TerrainLod& lod, std::size_t capacityTiles)
    : lod_(lod), capacity_(std::max<std::size_t>(capacityTiles, 16)) {
  const auto& idx = lod.indices();
  indices_ = gl::Buffer::create();
  indices_.setData(idx.data(), idx.size() * sizeof(std::uint32_t));
  indexCount_ = static_cast<GLsizei>(idx.size());
}

const gl::Buffer& TerrainTileCache::get(const terrain::TileKey& key) {
  if (auto it = entries_.find(key); it != entries_.end()) {
    lru_.splice(lru_.begin(), lru_, it->second.lruPos);
    return it->second.vertices;
  }
  if (entries_.size() >= capacity_) {
    entries_.erase(lru_.back());
    lru_.pop_back();
  }
  const terrain::TileMesh mesh = lod_.buildMesh(key);
  Entry e;
  e.vertices = gl::Buffer::create();
  e.vertices.setData(mesh.xyz.data(), mesh.xyz.size() * sizeof(float));
  lru_.push_front(key);
  e.lruPos = lru_.begin();
  ++uploads_;
  return entries_.emplace(key, std::move(e)).first->second.vertices;
}

}  // namespace tb::render
