// GPU copies of terrain tile meshes: one vertex buffer per tile, least recently used evicted.
// Every tile shares one index buffer (TerrainLod::indices), so a tile costs only its vertices.
#pragma once
#include <cstdint>
#include <list>
#include <unordered_map>

#include "render/gl/Buffer.h"
#include "terrain/TerrainLod.h"

namespace tb::render {

struct TileKeyHash {
  std::size_t operator()(const terrain::TileKey& k) const noexcept {
    return (static_cast<std::size_t>(k.level) << 48) ^ (static_cast<std::size_t>(k.ty) << 24) ^
           static_cast<std::size_t>(k.tx);
  }
};

class TerrainTileCache {
 public:
  TerrainTileCache(const terrain::TerrainLod& lod, std::size_t capacityTiles);

  // The tile's vertex buffer, built and uploaded on a miss; marks it most recently used.
  const gl::Buffer& get(const terrain::TileKey& key);
  const gl::Buffer& indices() const { return indices_; }
  GLsizei indexCount() const { return indexCount_; }
  std::size_t size() const { return entries_.size(); }
  std::size_t uploads() const { return uploads_; }

 private:
  struct Entry {
    gl::Buffer vertices;
    std::list<terrain::TileKey>::iterator lruPos;
  };
  const terrain::TerrainLod& lod_;
  std::size_t capacity_;
  gl::Buffer indices_;
  GLsizei indexCount_ = 0;
  std::list<terrain::TileKey> lru_;  // front = most recently used
  std::unordered_map<terrain::TileKey, Entry, TileKeyHash> entries_;
  std::size_t uploads_ = 0;
};

}  // namespace tb::render
