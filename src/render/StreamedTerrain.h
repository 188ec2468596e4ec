// The streamed terrain on the GPU: which quadtree nodes to draw for a view (the best resident
// node where the wanted one has not arrived), their textures in slots of texture arrays within a
// byte budget, an indirection texture that tells the shading pass which slot covers each place,
// and the nodes' mesh chunks. Asks world::TerrainStream for what it lacks; never waits on I/O.
#pragma once
#include <chrono>
#include <cstdint>
#include <list>
#include <memory>
#include <unordered_map>
#include <vector>

#include "render/gl/Buffer.h"
#include "render/gl/Texture.h"
#include "terrain/TerrainLod.h"
#include "world/TerrainStream.h"

namespace tb::render {

struct StreamedDraw {
  const gl::Buffer* vertices = nullptr;
};

struct StreamedSelection {
  std::vector<StreamedDraw> draws;  // near to far
  bool settled = true;              // every visible node is at the level the view wants
  int nodes = 0;
};

class StreamedTerrain {
 public:
  static constexpr int kMaxLayers = 4;
  explicit StreamedTerrain(world::TerrainStream& stream);

  // Uploads what arrived and what the view needs from RAM (at least one node, then up to
  // `uploadBudgetMs` of work; < 0: all), then selects. Tells the stream what this view wants next.
  // A view with an allowance is interactive: the texture arrays take their share of the GPU
  // budget at once.
  // drawsOnlyWhenSettled: an unsettled selection comes without draws (a caller that waits for the
  // settled one builds no mesh chunks for nodes it will never draw).
  StreamedSelection select(const terrain::LodView& view, double uploadBudgetMs, bool drawsOnlyWhenSettled = false);

  const gl::Buffer& indices() const { return indices_; }
  GLsizei gridIndexCount() const { return gridIndices_; }
  GLsizei indexCount() const { return indexCount_; }
  long long trianglesPerDraw() const { return indexCount_ / 3; }

  // For the shading pass.
  const gl::Texture& indirection() const { return indirection_; }
  const gl::Texture& slotInfo() const { return slotInfo_; }
  const gl::Texture& gradient() const { return gradient_; }
  const gl::Texture& imagery(int layer) const { return imagery_[static_cast<std::size_t>(layer)]; }
  int imageryLayers() const { return static_cast<int>(imagery_.size()); }
  glm::vec4 indirectionXf() const;  // rootNW.x, rootNW.y, 1/rootSide, indirection side
  int cells() const { return stream_.layout().cells; }
  // Texture slots and mesh chunks on the GPU: within the budget (a quarter of it for chunks,
  // least recently drawn dropped first), except that a frame's own chunks stay while it draws.
  std::size_t gpuBytes() const { return static_cast<std::size_t>(capacity_) * bytesPerSlot_ + chunkBytes_; }
  std::size_t chunkBytes() const { return chunkBytes_; }
  std::size_t chunkBudget() const { return chunkBudget_; }
  int chunkCount() const { return static_cast<int>(chunks_.size()); }
  std::size_t chunksBuilt() const { return chunksBuilt_; }
  int residentNodes() const { return static_cast<int>(nodes_.size()); }
  int slotCapacity() const { return capacity_; }
  int maxSlots() const { return maxSlots_; }
  int arraysMade() const { return arraysMade_; }  // times the texture arrays were (re)allocated
  int lastFrameUploads() const { return uploadsThisFrame_; }

 private:
  struct Node {
    std::shared_ptr<const world::StreamTile> tile;
    int slot = -1;
    std::uint64_t lastUse = 0;
  };
  struct ChunkKey {
    terrain::QuadKey node;
    terrain::TileKey chunk;
    bool operator==(const ChunkKey&) const = default;
  };
  struct ChunkHash {
    std::size_t operator()(const ChunkKey& k) const noexcept;
  };
  struct Chunk {
    gl::Buffer vertices;
    std::list<ChunkKey>::iterator lru;
    std::uint64_t frame = 0;  // last drawn
    std::size_t bytes = 0;
  };

  // The node on the GPU (uploading it from RAM if it is there), or null: not read yet, or no
  // slot free within the GPU budget (then `full` is set).
  Node* resident(const terrain::QuadKey& key, bool* full = nullptr);
  bool pastAllowance() const;
  bool upload(const std::shared_ptr<const world::StreamTile>& tile);
  int takeSlot();
  void grow(int newCapacity);
  int offlineSlots(const terrain::LodView& view) const;
  void paint(const terrain::QuadKey& key, int slot, bool evicting);
  void flushIndirection();
  const gl::Buffer& chunk(const Node& node, const terrain::TileKey& key);

  world::TerrainStream& stream_;
  std::uint64_t frame_ = 0;
  int capacity_ = 0, maxSlots_ = 0, arraysMade_ = 0;
  std::size_t bytesPerSlot_ = 0;
  std::vector<int> freeSlots_;
  std::vector<terrain::QuadKey> slotOwner_;
  std::unordered_map<terrain::QuadKey, Node, terrain::QuadKeyHash> nodes_;

  gl::Texture gradient_, slotInfo_, indirection_;
  std::vector<gl::Texture> imagery_;
  std::vector<float> slotInfoData_;
  int indirDepth_ = 0, indirSide_ = 1;
  std::vector<std::uint16_t> indir_;   // slot + 1 of the deepest node covering each texel
  std::vector<std::uint8_t> indirDepthOf_;
  int dirtyX0_ = 0, dirtyY0_ = 0, dirtyX1_ = -1, dirtyY1_ = -1;
  bool slotInfoDirty_ = false;
  bool warnedFull_ = false;
  bool bounded_ = false;  // this frame's uploads have an allowance, until deadline_
  std::chrono::steady_clock::time_point deadline_;
  int uploadsThisFrame_ = 0;

  gl::Buffer indices_;
  GLsizei indexCount_ = 0, gridIndices_ = 0;
  std::list<ChunkKey> chunkLru_;
  std::size_t chunkBytes_ = 0, chunkBudget_ = 0, chunksBuilt_ = 0;
  std::unordered_map<ChunkKey, Chunk, ChunkHash> chunks_;
};

}  // namespace tb::render
