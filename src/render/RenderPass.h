// The renderer's passes are a list (PassList.cpp): each gets the frame's settings once per frame
// (prepare: per-frame inputs such as FrameSettings::overlay become GPU data there) and then draws
// each tile of the frame in turn. Adding a pass: a class here, one line in makePasses().
#pragma once
#include <memory>
#include <vector>

#include "render/SceneRenderer.h"

namespace tb::render {

namespace gl {
class ProgramCache;
class Texture;
}  // namespace gl
struct FrameContext;
class TextRenderer;

// What the passes share: the world, one shader program cache, one text renderer, and what the
// terrain pass leaves for the passes after it.
struct PassResources {
  const world::World& world;
  gl::ProgramCache& programs;
  TextRenderer& text;
  // The terrain pass's depth for the tile being drawn (reversed Z: near / distance along the view
  // axis, 0 where no terrain was drawn); set by the terrain pass, read by the draping passes.
  const gl::Texture* terrainDepth = nullptr;
};

class RenderPass {
 public:
  virtual ~RenderPass() = default;
  virtual const char* name() const = 0;
  // Once per frame, before its first tile (per-frame inputs: uploads happen here, not per tile).
  virtual void prepare(const FrameSettings& settings) { (void)settings; }
  // Draws into the bound framebuffer (the tile ctx describes); leaves GL state as it found it.
  virtual void draw(const FrameContext& ctx) = 0;
};

// Every pass of a frame in drawing order (the terrain first: it writes every pixel).
std::vector<std::unique_ptr<RenderPass>> makePasses(PassResources& resources);

}  // namespace tb::render
