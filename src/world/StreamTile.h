// One node of the streamed terrain as read from its sources: the heights on the node's grid, its
// level-of-detail tables, the lighting gradient and each imagery layer's texels with their mip
// chains. Built on a worker thread, immutable afterwards (shared by the RAM cache and the GPU).
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "terrain/HeightField.h"
#include "terrain/QuadTree.h"
#include "terrain/TerrainLod.h"

namespace tb::world {

struct StreamTile {
  terrain::QuadKey key;
  int cells = 0;                      // cells per side; heights are (cells+1)^2 nodes
  bool anyData = false;               // false: the node lies in nodata or outside the data
  std::vector<float> heights;         // (cells+1)^2 nodes, north row first; NaN = no data
  std::vector<std::uint8_t> noData;   // per node: 1 where the height is NaN (empty when none is)
  // The nodes with nodata filled from valid neighbours (the mesh's shape there is clipped away):
  // the LOD tables and meshes are built from this.
  std::unique_ptr<terrain::HeightField> field;
  std::unique_ptr<terrain::TerrainLod> lod;
  float minZ = 0, maxZ = 0;           // real metres over valid nodes
  // How far this node's data may lie from the finest data (metres): 0 at the source's own
  // resolution; above it, the deviation its own data shows when halved (a fractal-terrain
  // estimate of what the next depth would add).
  float dataError = 0;
  // cells^2 texels at cell centres, each with its mip chain (level 0 first, down to 1x1).
  std::vector<std::int8_t> gradient;                 // RG8_SNORM, companded (see kGradientRange)
  std::vector<std::vector<std::uint8_t>> imagery;    // per layer RGBA8; empty when the layer has no data here

  static constexpr float kGradientRange = 8.0f;      // same companding as the whole-extent gradient
  std::size_t bytes() const;
};

// Mip chain sizes for a square of `side` texels: side, side/2, ... 1.
int mipLevels(int side);
std::size_t mipChainTexels(int side);

}  // namespace tb::world
