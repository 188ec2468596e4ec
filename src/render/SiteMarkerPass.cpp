// Pins and area outlines (see SiteMarkerPass.h).
#include "render/SiteMarkerPass.h"

#include <algorithm>

#include "render/FrameContext.h"
#include "render/OverlayProjection.h"
#include "render/SiteDrawings.h"
#include "render/gl/GlStateGuard.h"

namespace tb::render {

SiteEmphasis siteEmphasis(const FrameContext& ctx, const scene::Site& site) {
  SiteEmphasis e;
  e.selected = !ctx.settings.selectedSite.empty() && ctx.settings.selectedSite == site.id;
  const auto& hl = ctx.settings.highlightSites;
  e.dimmed = !hl.empty() && !e.selected && std::find(hl.begin(), hl.end(), site.id) == hl.end();
  return e;
}

glm::vec4 categoryColor(const world::World& world, const scene::Site& site) {
  const auto it = world.scene.categories.find(site.category);
  return it != world.scene.categories.end() ? it->second.color : glm::vec4(0.95f, 0.6f, 0.2f, 1.0f);
}

bool isPinned(const world::PlacedSite& s) {
  return s.site && s.anchor &&
         (s.site->honesty == scene::Honesty::Given || s.site->honesty == scene::Honesty::Derived);
}

bool isArea(const world::PlacedSite& s) {
  return s.site && s.site->honesty == scene::Honesty::Area && !s.outline.empty();
}

namespace {
glm::vec4 dim(glm::vec4 c) {
  const float grey = (c.r + c.g + c.b) / 3.0f;
  return {glm::mix(glm::vec3(c), glm::vec3(grey), 0.6f), c.a * 0.4f};
}
}  // namespace

SiteMarkerPass::SiteMarkerPass(PassResources& resources)
    : world_(resources.world),
      areaLines_(resources.programs),
      program_(resources.programs.get({"marker.vert", "marker.frag"})),
      vbo_(gl::Buffer::create()),
      vao_(gl::VertexArray::create()) {
  vao_.setAttribute(0, 0, 3, GL_FLOAT, offsetof(Vertex, pos));
  vao_.setAttribute(1, 0, 2, GL_FLOAT, offsetof(Vertex, local));
  vao_.setAttribute(2, 0, 4, GL_FLOAT, offsetof(Vertex, fill));
  vao_.setAttribute(3, 0, 4, GL_FLOAT, offsetof(Vertex, ring));
  vao_.setAttribute(4, 0, 2, GL_FLOAT, offsetof(Vertex, params));
  vao_.setVertexBuffer(0, vbo_, 0, sizeof(Vertex));

  const world::World& world = world_;
  const double step = world.heights.width() ? world.heights.cellSize() : 10.0;
  for (std::size_t i = 0; i < world.sites.size(); ++i) {
    const world::PlacedSite& s = world.sites[i];
    if (!isArea(s) || isUserDrawing(*s.site)) continue;  // those are per-frame overlay lines
    const LineFade fade = s.site->uncertainEnd == "start" ? LineFade::Start
                          : s.site->uncertainEnd == "end" ? LineFade::End
                                                          : LineFade::None;
    std::vector<std::vector<DrapedVertex>> draped;
    for (const auto& part : s.outline) draped.push_back(drapeLine(part, world.heights, step, fade, 0.25));
    areaGroups_.push_back({i, areaLines_.addGroup(draped, step)});
  }
  areaLines_.upload();
}

void SiteMarkerPass::addDisc(std::vector<Vertex>& out, glm::vec2 c, float z, float r, float ring, glm::vec4 fill,
                             glm::vec4 ringColor) {
  const float e = r + 1.0f;
  const glm::vec2 corners[6] = {{-e, -e}, {e, -e}, {e, e}, {-e, -e}, {e, e}, {-e, e}};
  for (const glm::vec2& k : corners) out.push_back({glm::vec3(c + k, z), k, fill, ringColor, {r, ring}});
}

void SiteMarkerPass::addStem(std::vector<Vertex>& out, glm::vec2 a, glm::vec2 b, float z, float hw,
                             glm::vec4 color) {
  const glm::vec2 d = b - a;
  const float len = glm::length(d);
  if (len <= 0.0f) return;
  const glm::vec2 n = glm::vec2(-d.y, d.x) / len;
  const float e = hw + 1.0f;
  const glm::vec2 p[4] = {a + n * e, a - n * e, b - n * e, b + n * e};
  const float across[4] = {e, -e, -e, e};
  for (int i : {0, 1, 2, 0, 2, 3}) out.push_back({glm::vec3(p[i], z), {across[i], 0.0f}, color, color, {hw, 0.0f}});
}

void SiteMarkerPass::drawPins(const FrameContext& ctx) {
  vertices_.clear();
  if (!ctx.settings.pins) return;
  const float ui = overlayScale(ctx);
  const glm::vec4 stemColor(0.07f, 0.07f, 0.08f, 0.9f);
  // Dimmed pins first so emphasised ones are drawn over them where they overlap.
  for (int layer = 0; layer < 3; ++layer) {
    for (const world::PlacedSite& s : world_.sites) {
      if (!isPinned(s)) continue;
      const SiteEmphasis em = siteEmphasis(ctx, *s.site);
      if ((layer == 0) != em.dimmed || (layer == 2) != em.selected) continue;
      const PinGeometry pin = pinGeometry(ctx, *s.anchor, em.selected);
      if (!pin.visible) continue;
      glm::vec4 fill = categoryColor(world_, *s.site);
      fill.a = 1.0f;
      glm::vec4 ring = em.selected ? glm::vec4(1.0f, 0.93f, 0.35f, 1.0f) : glm::vec4(0.97f, 0.97f, 0.97f, 1.0f);
      glm::vec4 stem = stemColor;
      if (em.dimmed) {
        fill = dim(fill);
        ring = dim(ring);
        stem.a *= 0.4f;
      }
      const float z = static_cast<float>(pin.base.ndcZ);
      const glm::vec2 base(pin.base.px), head(pin.head.px);
      const float r = static_cast<float>(pin.radiusPx);
      addStem(vertices_, base, head, z, std::max(0.8f, 1.4f * ui), stem);
      addDisc(vertices_, base, z, std::max(2.0f, 2.6f * ui), std::max(1.0f, 1.2f * ui), fill, stem);
      addDisc(vertices_, head, z, r, std::max(1.2f, r * (em.selected ? 0.3f : 0.24f)), fill, ring);
    }
  }
  if (vertices_.empty()) return;

  gl::GlStateGuard guard;
  const std::size_t bytes = vertices_.size() * sizeof(Vertex);
  if (bytes > vboBytes_) {
    vboBytes_ = std::max(bytes, vboBytes_ * 2);
    vbo_.setData(nullptr, vboBytes_, GL_DYNAMIC_DRAW);
  }
  vbo_.setSubData(0, vertices_.data(), bytes);
  glEnable(GL_DEPTH_TEST);
  glDepthFunc(GL_LEQUAL);
  glDepthMask(GL_FALSE);
  glDisable(GL_CULL_FACE);
  glEnable(GL_BLEND);
  glBlendEquation(GL_FUNC_ADD);
  glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
  program_.set("uImageToClip", ctx.imageToClip());
  program_.use();
  vao_.bind();
  glDrawArrays(GL_TRIANGLES, 0, static_cast<GLsizei>(vertices_.size()));
}

void SiteMarkerPass::drawAreas(const FrameContext& ctx) {
  if (areaGroups_.empty()) return;
  const float ui = overlayScale(ctx);
  const float width = std::max(2.5f, 4.0f * ui);
  std::vector<DrapedLines::DrawItem> items;
  for (int pass = 0; pass < 2; ++pass) {  // a dark casing under every outline, then the colours
    for (const auto& [index, group] : areaGroups_) {
      const scene::Site& site = *world_.sites[index].site;
      const SiteEmphasis em = siteEmphasis(ctx, site);
      LineStyle style;
      style.dashPx = std::max(6.0f, 14.0f * ui);
      if (pass == 0) {
        style.color = glm::vec4(0.05f, 0.05f, 0.06f, em.dimmed ? 0.3f : 0.75f);
        style.widthPx = width + std::max(2.0f, 2.5f * ui);
      } else {
        glm::vec4 c = categoryColor(world_, site);
        c.a = 1.0f;
        style.color = em.dimmed ? dim(c) : c;
        style.widthPx = em.selected ? width * 1.4f : width;
      }
      items.push_back({group, style});
    }
  }
  areaLines_.draw(ctx, items);
}

void SiteMarkerPass::draw(const FrameContext& ctx) {
  drawAreas(ctx);
  drawPins(ctx);
}

}  // namespace tb::render
