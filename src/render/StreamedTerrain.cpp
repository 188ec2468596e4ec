// GPU residency and selection for the streamed terrain (see StreamedTerrain.h).
#include "render/StreamedTerrain.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <limits>

#include "core/Camera.h"
#include "core/Log.h"

namespace tb::render {

namespace {

constexpr int kPinnedDepth = 2;      // never evicted from the GPU: a fallback for any view
constexpr int kMaxIndirDepth = 11;   // the indirection texture is at most 2048^2
constexpr int kSlotInfoWidth = 256;
// Of the GPU budget, the share for the nodes' mesh chunks; the rest holds texture slots.
constexpr std::size_t kChunkShareDenominator = 4;
constexpr int kChunkQuads = 16;
// Vertices on nodata are moved to this height; the depth pass clips them away.
constexpr float kNoDataZ = -1e37f;
// A node's texels are wanted finer when one spans more than this many pixels.
constexpr double kTexelPixels = 1.0;
constexpr double kMinCellPixels = 1.0;

double pixelsPerRadian(const terrain::LodView& v) {
  return v.viewportHeight / (2.0 * std::tan(glm::radians(v.camera.fovYDeg) * 0.5));
}

bool boxOutside(const glm::dmat4& m, const glm::dvec3& lo, const glm::dvec3& hi) {
  auto row = [&m](int i) { return glm::dvec4(m[0][i], m[1][i], m[2][i], m[3][i]); };
  const glm::dvec4 rows[5] = {row(3) + row(0), row(3) - row(0), row(3) + row(1), row(3) - row(1), row(3) + row(2)};
  for (const glm::dvec4& p : rows) {
    const glm::dvec3 n(p);
    const glm::dvec3 far{n.x >= 0 ? hi.x : lo.x, n.y >= 0 ? hi.y : lo.y, n.z >= 0 ? hi.z : lo.z};
    if (glm::dot(n, far) + p.w < 0.0) return true;
  }
  return false;
}

}  // namespace

std::size_t StreamedTerrain::ChunkHash::operator()(const ChunkKey& k) const noexcept {
  return terrain::QuadKeyHash{}(k.node) * 31u ^ (static_cast<std::size_t>(k.chunk.level) << 40) ^
         (static_cast<std::size_t>(k.chunk.ty) << 20) ^ static_cast<std::size_t>(k.chunk.tx);
}

StreamedTerrain::StreamedTerrain(world::TerrainStream& stream) : stream_(stream) {
  const int cells = stream.layout().cells;
  const int layers = std::min(stream.sources().imageryCount(), kMaxLayers);
  const std::size_t texels = world::mipChainTexels(cells);
  bytesPerSlot_ = texels * 2 + static_cast<std::size_t>(layers) * texels * 4 + 16;
  GLint maxLayers = 256;
  glGetIntegerv(GL_MAX_ARRAY_TEXTURE_LAYERS, &maxLayers);
  const std::size_t budget = stream.budgets().gpuBytes;
  chunkBudget_ = budget / kChunkShareDenominator;
  maxSlots_ = static_cast<int>(std::clamp<std::size_t>((budget - chunkBudget_) / bytesPerSlot_, 64,
                                                       std::min<std::size_t>(maxLayers, 65534)));
  for (int i = 0; i < layers; ++i) imagery_.emplace_back();
  // The texture arrays are made by the first select(), at the size its kind of view needs.

  const int infoRows = (maxSlots_ + kSlotInfoWidth - 1) / kSlotInfoWidth;
  slotInfo_ = gl::Texture::create2D(GL_RGBA32F, kSlotInfoWidth, infoRows, 1);
  slotInfo_.setSampling(GL_NEAREST, GL_NEAREST);
  slotInfoData_.assign(static_cast<std::size_t>(kSlotInfoWidth) * infoRows * 4, 0.0f);

  indirDepth_ = std::min(stream.layout().maxDepth, kMaxIndirDepth);
  indirSide_ = 1 << indirDepth_;
  indirection_ = gl::Texture::create2D(GL_R16UI, indirSide_, indirSide_, 1);
  indirection_.setSampling(GL_NEAREST, GL_NEAREST);
  indir_.assign(static_cast<std::size_t>(indirSide_) * indirSide_, 0);
  indirDepthOf_.assign(indir_.size(), 0);
  dirtyX0_ = dirtyY0_ = 0;
  dirtyX1_ = dirtyY1_ = indirSide_ - 1;
  flushIndirection();

  const std::vector<std::uint32_t> idx = terrain::buildTileIndices(kChunkQuads);
  indices_ = gl::Buffer::create();
  indices_.setData(idx.data(), idx.size() * sizeof(std::uint32_t));
  indexCount_ = static_cast<GLsizei>(idx.size());
  gridIndices_ = 6 * kChunkQuads * kChunkQuads;
}

glm::vec4 StreamedTerrain::indirectionXf() const {
  const auto& l = stream_.layout();
  return {static_cast<float>(l.rootNW.x), static_cast<float>(l.rootNW.y), static_cast<float>(1.0 / l.rootSide),
          static_cast<float>(indirSide_)};
}

// Texture arrays with room for `newCapacity` slots; what the old ones held is copied over.
void StreamedTerrain::grow(int newCapacity) {
  const int cells = stream_.layout().cells, levels = world::mipLevels(cells);
  auto make = [&](GLenum format) {
    gl::Texture t = gl::Texture::create(GL_TEXTURE_2D_ARRAY);
    glTextureStorage3D(t.id(), levels, format, cells, cells, newCapacity);
    t.setSampling(GL_LINEAR_MIPMAP_LINEAR, GL_LINEAR);
    return t;
  };
  auto carry = [&](gl::Texture& old, gl::Texture fresh) {
    if (old && capacity_ > 0)
      for (int l = 0, s = cells; l < levels; ++l, s = std::max(1, s / 2))
        glCopyImageSubData(old.id(), GL_TEXTURE_2D_ARRAY, l, 0, 0, 0, fresh.id(), GL_TEXTURE_2D_ARRAY, l, 0, 0, 0, s, s,
                           capacity_);
    old = std::move(fresh);
  };
  carry(gradient_, make(GL_RG8_SNORM));
  for (gl::Texture& t : imagery_) carry(t, make(GL_RGBA8));
  for (int s = newCapacity - 1; s >= capacity_; --s) freeSlots_.push_back(s);
  slotOwner_.resize(static_cast<std::size_t>(newCapacity));
  capacity_ = newCapacity;
  ++arraysMade_;
}

// Drawn nodes have texels of at most a pixel, so each covers at most cells² pixels and mostly about
// half that; with their ancestors, about twice the viewport's pixels over cells² (1080p with
// 128-cell nodes: 256 slots; the 16k bench scene's view settles with 205 nodes).
int StreamedTerrain::offlineSlots(const terrain::LodView& view) const {
  const double cells = stream_.layout().cells;
  const double nodes = 2.0 * view.viewportWidth * view.viewportHeight / (cells * cells);
  return std::max(64, static_cast<int>(std::ceil(nodes / 64.0)) * 64);
}

int StreamedTerrain::takeSlot() {
  if (freeSlots_.empty() && capacity_ < maxSlots_) grow(std::min(maxSlots_, capacity_ * 2));
  if (freeSlots_.empty()) {
    // Least recently used node not drawn this frame and not pinned.
    auto victim = nodes_.end();
    for (auto it = nodes_.begin(); it != nodes_.end(); ++it)
      if (it->second.slot >= 0 && it->second.lastUse < frame_ && it->first.depth > kPinnedDepth &&
          (victim == nodes_.end() || it->second.lastUse < victim->second.lastUse))
        victim = it;
    if (victim == nodes_.end()) return -1;
    const int slot = victim->second.slot;
    const terrain::QuadKey key = victim->first;
    nodes_.erase(victim);
    paint(key, slot, true);
    freeSlots_.push_back(slot);
  }
  const int slot = freeSlots_.back();
  freeSlots_.pop_back();
  return slot;
}

bool StreamedTerrain::upload(const std::shared_ptr<const world::StreamTile>& tile) {
  if (nodes_.count(tile->key)) return true;
  Node node;
  node.tile = tile;
  node.lastUse = frame_;
  if (tile->anyData) {
    node.slot = takeSlot();
    if (node.slot < 0) return false;
    const int cells = tile->cells;
    GLint align = 4;
    glGetIntegerv(GL_UNPACK_ALIGNMENT, &align);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    std::size_t offset = 0;
    for (int l = 0, s = cells;; ++l, s /= 2) {
      glTextureSubImage3D(gradient_.id(), l, 0, 0, node.slot, s, s, 1, GL_RG, GL_BYTE, tile->gradient.data() + offset * 2);
      offset += static_cast<std::size_t>(s) * s;
      if (s == 1) break;
    }
    float mask = 0;
    for (std::size_t i = 0; i < imagery_.size(); ++i) {
      const auto& img = tile->imagery[i];
      if (img.empty()) continue;
      mask += static_cast<float>(1 << i);
      offset = 0;
      for (int l = 0, s = cells;; ++l, s /= 2) {
        glTextureSubImage3D(imagery_[i].id(), l, 0, 0, node.slot, s, s, 1, GL_RGBA, GL_UNSIGNED_BYTE,
                            img.data() + offset * 4);
        offset += static_cast<std::size_t>(s) * s;
        if (s == 1) break;
      }
    }
    glPixelStorei(GL_UNPACK_ALIGNMENT, align);
    const auto& l = stream_.layout();
    const glm::dvec2 nw = l.nw(tile->key);
    float* info = slotInfoData_.data() + static_cast<std::size_t>(node.slot) * 4;
    info[0] = static_cast<float>(nw.x);
    info[1] = static_cast<float>(nw.y);
    info[2] = static_cast<float>(l.side(tile->key.depth));
    info[3] = mask;
    slotInfoDirty_ = true;
    slotOwner_[static_cast<std::size_t>(node.slot)] = tile->key;
    paint(tile->key, node.slot, false);
    ++uploadsThisFrame_;
  }
  nodes_.emplace(tile->key, std::move(node));
  return true;
}

// Points the node's texels of the indirection at `slot` where no deeper node does; when it is
// evicted, its texels go to its nearest resident ancestor.
void StreamedTerrain::paint(const terrain::QuadKey& key, int slot, bool evicting) {
  if (key.depth > indirDepth_) return;  // finer than a texel: its ancestor at the cap stands in
  std::uint16_t value = static_cast<std::uint16_t>(slot + 1);
  std::uint8_t depth = static_cast<std::uint8_t>(key.depth);
  std::uint16_t replacement = 0;
  std::uint8_t replacementDepth = 0;
  if (evicting)
    for (terrain::QuadKey a = key; a.depth > 0;) {
      a = a.parent();
      auto it = nodes_.find(a);
      if (it != nodes_.end() && it->second.slot >= 0) {
        replacement = static_cast<std::uint16_t>(it->second.slot + 1);
        replacementDepth = static_cast<std::uint8_t>(a.depth);
        break;
      }
    }
  const int span = 1 << (indirDepth_ - key.depth);
  const int x0 = key.x * span, y0 = key.y * span;
  for (int y = y0; y < y0 + span; ++y)
    for (int x = x0; x < x0 + span; ++x) {
      const std::size_t i = static_cast<std::size_t>(y) * indirSide_ + x;
      if (evicting) {
        if (indir_[i] == value) {
          indir_[i] = replacement;
          indirDepthOf_[i] = replacementDepth;
        }
      } else if (indir_[i] == 0 || indirDepthOf_[i] <= depth) {
        indir_[i] = value;
        indirDepthOf_[i] = depth;
      }
    }
  if (dirtyX1_ < dirtyX0_) {
    dirtyX0_ = x0, dirtyY0_ = y0, dirtyX1_ = x0 + span - 1, dirtyY1_ = y0 + span - 1;
  } else {
    dirtyX0_ = std::min(dirtyX0_, x0), dirtyY0_ = std::min(dirtyY0_, y0);
    dirtyX1_ = std::max(dirtyX1_, x0 + span - 1), dirtyY1_ = std::max(dirtyY1_, y0 + span - 1);
  }
}

void StreamedTerrain::flushIndirection() {
  if (dirtyX1_ >= dirtyX0_) {
    GLint align = 4, rowLength = 0, skipPixels = 0, skipRows = 0;
    glGetIntegerv(GL_UNPACK_ALIGNMENT, &align);
    glGetIntegerv(GL_UNPACK_ROW_LENGTH, &rowLength);
    glGetIntegerv(GL_UNPACK_SKIP_PIXELS, &skipPixels);
    glGetIntegerv(GL_UNPACK_SKIP_ROWS, &skipRows);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glPixelStorei(GL_UNPACK_ROW_LENGTH, indirSide_);
    glPixelStorei(GL_UNPACK_SKIP_PIXELS, dirtyX0_);
    glPixelStorei(GL_UNPACK_SKIP_ROWS, dirtyY0_);
    // Texture row y = quadtree row y (north first); the shader indexes it the same way.
    glTextureSubImage2D(indirection_.id(), 0, dirtyX0_, dirtyY0_, dirtyX1_ - dirtyX0_ + 1, dirtyY1_ - dirtyY0_ + 1,
                        GL_RED_INTEGER, GL_UNSIGNED_SHORT, indir_.data());
    glPixelStorei(GL_UNPACK_ALIGNMENT, align);
    glPixelStorei(GL_UNPACK_ROW_LENGTH, rowLength);
    glPixelStorei(GL_UNPACK_SKIP_PIXELS, skipPixels);
    glPixelStorei(GL_UNPACK_SKIP_ROWS, skipRows);
    dirtyX0_ = dirtyY0_ = 0;
    dirtyX1_ = dirtyY1_ = -1;
  }
  if (slotInfoDirty_) {
    const int rows = static_cast<int>(slotInfoData_.size() / (kSlotInfoWidth * 4));
    glTextureSubImage2D(slotInfo_.id(), 0, 0, 0, kSlotInfoWidth, rows, GL_RGBA, GL_FLOAT, slotInfoData_.data());
    slotInfoDirty_ = false;
  }
}

StreamedTerrain::Node* StreamedTerrain::resident(const terrain::QuadKey& key, bool* full) {
  auto it = nodes_.find(key);
  // Used this frame: a sibling's upload (takeSlot) must not evict it while the caller holds it.
  if (it != nodes_.end()) {
    it->second.lastUse = frame_;
    return &it->second;
  }
  // Past the frame's upload allowance the node waits in RAM for a later frame; its parent is drawn.
  if (uploadsThisFrame_ > 0 && pastAllowance()) return nullptr;
  if (auto tile = stream_.find(key)) {
    if (upload(tile)) return &nodes_.find(key)->second;
    if (full) *full = true;
  }
  return nullptr;
}

bool StreamedTerrain::pastAllowance() const {
  return bounded_ && std::chrono::steady_clock::now() > deadline_;
}

const gl::Buffer& StreamedTerrain::chunk(const Node& node, const terrain::TileKey& key) {
  const ChunkKey ck{node.tile->key, key};
  if (auto it = chunks_.find(ck); it != chunks_.end()) {
    chunkLru_.splice(chunkLru_.begin(), chunkLru_, it->second.lru);
    it->second.frame = frame_;
    return it->second.vertices;
  }
  // Chunks drawn this frame stay (the frame's draw list points at them): over the cap for a
  // frame rather than a dangling buffer.
  // Chunks are all alike in size: the one being made takes what the one dropped held.
  const std::size_t newBytes = chunks_.empty() ? 0 : chunkBytes_ / chunks_.size();
  while (!chunkLru_.empty() && chunkBytes_ + newBytes > chunkBudget_ && chunks_.at(chunkLru_.back()).frame < frame_) {
    auto victim = chunks_.find(chunkLru_.back());
    chunkBytes_ -= victim->second.bytes;
    chunks_.erase(victim);
    chunkLru_.pop_back();
  }
  const world::StreamTile& t = *node.tile;
  terrain::TileMesh mesh = t.lod->buildMesh(key);
  const int n = t.cells + 1, q = t.lod->tileQuads();
  const int grid = (q + 1) * (q + 1);
  const glm::dvec2 nw = stream_.layout().nw(t.key);
  const double cell = t.field->cellSize();
  // Skirts also close the gap to a neighbouring node of another depth, whose edge may differ by
  // about this node's data error.
  const float extra = 2.0f * t.dataError;
  std::vector<std::uint8_t> hole(static_cast<std::size_t>(grid), 0);
  for (int v = 0; v < mesh.vertexCount(); ++v) {
    float* p = mesh.xyz.data() + static_cast<std::size_t>(v) * 3;
    if (v < grid) {
      if (!t.noData.empty()) {
        const int c = std::clamp(static_cast<int>(std::lround((p[0] - nw.x) / cell)), 0, n - 1);
        const int r = std::clamp(static_cast<int>(std::lround((nw.y - p[1]) / cell)), 0, n - 1);
        if (t.noData[static_cast<std::size_t>(r) * n + c]) {
          p[2] = kNoDataZ;
          hole[static_cast<std::size_t>(v)] = 1;
        }
      }
      continue;
    }
    const int s = v - grid, edge = s / (q + 1), k = s % (q + 1);
    const int gi = edge == 0 ? k : edge == 1 ? q * (q + 1) + k : edge == 2 ? k * (q + 1) : k * (q + 1) + q;
    p[2] = hole[static_cast<std::size_t>(gi)] ? kNoDataZ : p[2] - extra;
  }
  Chunk c;
  c.frame = frame_;
  c.vertices = gl::Buffer::create();
  c.bytes = mesh.xyz.size() * sizeof(float);
  c.vertices.setData(mesh.xyz.data(), c.bytes);
  chunkBytes_ += c.bytes;
  ++chunksBuilt_;
  chunkLru_.push_front(ck);
  c.lru = chunkLru_.begin();
  return chunks_.emplace(ck, std::move(c)).first->second.vertices;
}

StreamedSelection StreamedTerrain::select(const terrain::LodView& view, double uploadBudgetMs,
                                          bool drawsOnlyWhenSettled) {
  ++frame_;
  const auto start = std::chrono::steady_clock::now();
  bounded_ = uploadBudgetMs >= 0;
  deadline_ = start + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                          std::chrono::duration<double, std::milli>(std::max(0.0, uploadBudgetMs)));
  uploadsThisFrame_ = 0;
  // An interactive view (one with an allowance) will fill the budget as it moves: its arrays get
  // the budget's size now, while they are nearly empty, not by copies that stall later frames.
  // An offline one gets what a settled view of its size holds: the driver zeroes every slot it
  // makes, and growing copies (a 1080p render of a 16k DEM spent 6 % of its CPU time in grow()).
  if (bounded_ && capacity_ < maxSlots_) grow(maxSlots_);
  if (capacity_ == 0) grow(std::min(maxSlots_, offlineSlots(view)));
  if (bounded_) stream_.setBackground();
  for (const auto& tile : stream_.takeArrived()) {
    if (uploadsThisFrame_ > 0 && pastAllowance()) break;  // the rest stays in RAM; resident() uploads it when needed
    upload(tile);
  }

  const auto& layout = stream_.layout();
  const double e = view.exaggeration, k = pixelsPerRadian(view);
  const glm::dmat4 viewProj =
      perspectiveMatrix(view.camera.fovYDeg, view.viewportWidth, view.viewportHeight, view.nearZ, view.farZ) *
      view.camera.viewMatrix();
  StreamedSelection out;
  struct Want {
    terrain::QuadKey key;
    double need;
  };
  std::vector<Want> wants;
  struct Picked {
    const Node* node;
    double distance;
  };
  std::vector<Picked> picked;

  // z range of a node not yet resident: its parent's.
  auto visit = [&](auto&& self, const terrain::QuadKey& key, Node& node) -> void {
    node.lastUse = frame_;
    const world::StreamTile& t = *node.tile;
    if (!t.anyData) return;
    const glm::dvec2 a = layout.nw(key), b = layout.se(key);
    const glm::dvec3 lo{a.x, b.y, t.minZ * e}, hi{b.x, a.y, t.maxZ * e};
    if (boxOutside(viewProj, lo, hi)) return;
    const double dist = glm::length(view.camera.eye - glm::clamp(view.camera.eye, lo, hi));
    const double cellPixels = dist > 0 ? layout.cellSize(key.depth) * k / dist : INFINITY;
    // Geometry refines while the data error shows, but not below cells of a pixel: along a
    // cliff the error never shrinks with depth, and finer cells could no longer change the picture.
    const double geometric = dist > 0 ? t.dataError * e * k / dist / view.tauPixels : INFINITY;
    const double texel = cellPixels / kTexelPixels;
    const double need = std::max(t.dataError > 0 && cellPixels > kMinCellPixels ? geometric : 0.0, texel);
    if (key.depth < layout.maxDepth && need > 1.0) {
      std::array<Node*, 4> kids{};
      bool ready = true, full = false;
      for (int i = 0; i < 4; ++i) {
        const terrain::QuadKey c = key.child(i);
        if (!stream_.hasData(c)) continue;
        kids[static_cast<std::size_t>(i)] = resident(c, &full);
        if (!kids[static_cast<std::size_t>(i)]) {
          ready = false;
          if (!full) wants.push_back({c, need});
        }
      }
      if (ready) {
        for (int i = 0; i < 4; ++i)
          if (kids[static_cast<std::size_t>(i)]) self(self, key.child(i), *kids[static_cast<std::size_t>(i)]);
        return;
      }
      if (full) {
        // The view needs more than the GPU budget holds: it is drawn coarser there, and that is
        // as settled as it will get.
        if (!warnedFull_)
          log::warn("the GPU tile budget ({} MB) is too small for this view; parts are drawn coarser "
                    "(TERRABRIEF_GPU_BUDGET_MB)", stream_.budgets().gpuBytes >> 20);
        warnedFull_ = true;
      } else {
        out.settled = false;
      }
    }
    picked.push_back({&node, dist});
  };
  const terrain::QuadKey root{0, 0, 0};
  if (Node* r = resident(root)) {
    visit(visit, root, *r);
  } else {
    out.settled = false;
    wants.push_back({root, INFINITY});
  }
  std::stable_sort(wants.begin(), wants.end(), [](const Want& x, const Want& y) { return x.need > y.need; });
  std::vector<terrain::QuadKey> keys;
  for (const Want& w : wants) keys.push_back(w.key);
  stream_.want(keys);
  if (!keys.empty()) out.settled = false;
  if (stream_.failure()) out.settled = false;

  std::stable_sort(picked.begin(), picked.end(), [](const Picked& x, const Picked& y) { return x.distance < y.distance; });
  out.nodes = static_cast<int>(picked.size());
  if (drawsOnlyWhenSettled && !out.settled) {
    flushIndirection();
    return out;
  }
  for (const Picked& p : picked)
    for (const terrain::TileKey& c : p.node->tile->lod->select(view)) out.draws.push_back({&chunk(*p.node, c)});
  flushIndirection();
  return out;
}

}  // namespace tb::render
