// Sites on the terrain: given/derived points as pins (a stem from the ground anchor up to a disc
// head, coloured by category; the selected site emphasised; with a highlight list, the rest
// dimmed) and areas as draped outlines whose uncertain end fades out. Notes are never drawn here.
#pragma once
#include <string>
#include <vector>

#include <glm/glm.hpp>

#include "render/DrapedLines.h"
#include "render/RenderPass.h"
#include "render/gl/Buffer.h"
#include "render/gl/Program.h"
#include "render/gl/VertexArray.h"
#include "world/World.h"

namespace tb::render {

struct FrameContext;

// How a site is shown this frame (shared with LabelPass).
struct SiteEmphasis {
  bool selected = false;
  bool dimmed = false;
};
SiteEmphasis siteEmphasis(const FrameContext& ctx, const scene::Site& site);
glm::vec4 categoryColor(const world::World& world, const scene::Site& site);
bool isPinned(const world::PlacedSite& site);  // given/derived with an anchor
bool isArea(const world::PlacedSite& site);    // area with an outline

class SiteMarkerPass final : public RenderPass {
 public:
  explicit SiteMarkerPass(PassResources& resources);  // GL context required
  const char* name() const override { return "markers"; }
  void draw(const FrameContext& ctx) override;

 private:
  struct Vertex {
    glm::vec3 pos;     // image px (x, y) + NDC depth
    glm::vec2 local;   // disc: offset from the centre in px; stem: across in px
    glm::vec4 fill;
    glm::vec4 ring;
    glm::vec2 params;  // x: radius (disc) or half width (stem); y: ring width (0: a stem)
  };
  void addDisc(std::vector<Vertex>& out, glm::vec2 c, float z, float r, float ring, glm::vec4 fill,
               glm::vec4 ringColor);
  void addStem(std::vector<Vertex>& out, glm::vec2 a, glm::vec2 b, float z, float hw, glm::vec4 color);
  void drawPins(const FrameContext& ctx);
  void drawAreas(const FrameContext& ctx);

  const world::World& world_;
  DrapedLines areaLines_;
  std::vector<std::pair<std::size_t, int>> areaGroups_;  // site index, group
  const gl::Program& program_;
  gl::Buffer vbo_;
  std::size_t vboBytes_ = 0;
  gl::VertexArray vao_;
  std::vector<Vertex> vertices_;
};

}  // namespace tb::render
