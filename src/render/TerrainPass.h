// Draws the terrain, the sea and the sky in two passes (deferred shading): the LOD tiles from a
// GPU tile cache (or the streamed nodes, StreamedTerrain), go depth-only into the pass's own reversed-Z float depth texture (terrain_depth.vert);
// then one full-viewport triangle into the bound framebuffer shades every pixel once from that
// depth (terrain_shade.frag: imagery layers, lighting, sea, fog, sky) and writes the ordinary
// depth the overlay passes test against. llvmpipe shades 4x4 blocks per triangle, so shading
// the tiles directly cost 3-4 shaded fragments per pixel.
#pragma once
#include <memory>
#include <optional>
#include <vector>

#include "render/FrameContext.h"
#include "render/RenderPass.h"
#include "render/TerrainTextures.h"
#include "render/StreamedTerrain.h"
#include "render/TerrainTileCache.h"
#include "render/gl/Framebuffer.h"
#include "render/gl/Program.h"
#include "render/gl/VertexArray.h"
#include "terrain/TerrainLod.h"

namespace tb::render {

class TerrainPass final : public RenderPass {
 public:
  explicit TerrainPass(PassResources& resources);
  const char* name() const override { return "terrain"; }
  // The frame's terrain (ctx.tiles / ctx.streamedDraws); publishes its depth to the resources.
  void draw(const FrameContext& ctx) override;

  // In-memory terrain (world.heights): the LOD over the whole height field. Streamed terrain
  // (world.stream): no whole-extent LOD; select() picks resident nodes instead.
  bool streamed() const { return streamed_ != nullptr; }
  const terrain::TerrainLod& lod() const { return *lod_; }
  StreamedSelection selectStreamed(const terrain::LodView& view, double uploadBudgetMs, bool drawsOnlyWhenSettled) {
    return streamed_->select(view, uploadBudgetMs, drawsOnlyWhenSettled);
  }
  // Render-space bounds of everything this pass may draw (the data's box) at an exaggeration.
  glm::dvec3 boundsMin(double exaggeration) const;
  glm::dvec3 boundsMax(double exaggeration) const;

  // Draws `tiles` (near to far), then shades every pixel of the viewport
  // (0,0,ctx.tileWidth,ctx.tileHeight) of the bound framebuffer: colour and depth (standard
  // 0..1 depth of ctx.proj, 1 for the sky) are written everywhere, so no clear is needed.
  void draw(const FrameContext& ctx, const std::vector<terrain::TileKey>& tiles,
            const std::vector<StreamedDraw>& streamedDraws = {});

  long long trianglesPerTile() const { return streamed_ ? streamed_->trianglesPerDraw() : cache_->indexCount() / 3; }

 private:
  void setDataBounds();
  void ensureDepthTarget(int width, int height);
  void drawDepth(const FrameContext& ctx, const std::vector<terrain::TileKey>& tiles,
                 const std::vector<StreamedDraw>& streamedDraws);
  void bindStreamedTextures(const gl::Program& p, const std::vector<ShownLayer>& shown);
  void shade(const FrameContext& ctx);

  const world::World& world_;
  std::unique_ptr<terrain::TerrainLod> lod_;
  std::unique_ptr<TerrainTileCache> cache_;
  std::unique_ptr<StreamedTerrain> streamed_;
  std::optional<TerrainTextures> textures_;
  const gl::Program& shadeProgram(int layerCount);  // from the cache, by visible layer count

  PassResources& resources_;
  const gl::Program& depthProgram_;
  gl::VertexArray vao_, emptyVao_;
  gl::Framebuffer depthFbo_;
  gl::Texture depthTexture_;  // DEPTH_COMPONENT32F, reversed Z
  int depthWidth_ = 0, depthHeight_ = 0;
  double halfExtent_ = 0;
  glm::dvec2 dataCentre_{0.0};
};

}  // namespace tb::render
