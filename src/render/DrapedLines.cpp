// Draped screen-space-width lines (see DrapedLines.h).
#include "render/DrapedLines.h"

#include <algorithm>
#include <cmath>

#include "render/FrameContext.h"
#include "render/OverlayProjection.h"
#include "render/gl/GlStateGuard.h"
#include "terrain/HeightField.h"

#include <glm/gtc/matrix_transform.hpp>

namespace tb::render {

std::vector<DrapedVertex> drapeLine(const std::vector<glm::dvec2>& line, const terrain::HeightField& heights,
                                    double step, LineFade fade, double fadeFraction) {
  std::vector<DrapedVertex> out;
  if (line.size() < 2) return out;
  step = std::max(step, 0.5);
  const bool haveHeights = heights.width() > 0;
  // Beyond the data there is no ground to lie on: those vertices are drawn fully faded (clipped).
  std::vector<bool> outside;
  auto push = [&](glm::dvec2 p, double along) {
    const double z = haveHeights ? std::max(0.0, heights.sample(p)) : 0.0;
    out.push_back({glm::vec3(glm::dvec3(p, z)), 1.0f, static_cast<float>(along)});
    outside.push_back(haveHeights && !heights.contains(p));
  };
  double along = 0.0;
  push(line[0], 0.0);
  for (std::size_t i = 1; i < line.size(); ++i) {
    const glm::dvec2 a = line[i - 1], b = line[i];
    const double len = glm::length(b - a);
    const int n = std::max(1, static_cast<int>(std::ceil(len / step)));
    for (int k = 1; k <= n; ++k) push(a + (b - a) * (double(k) / n), along + len * k / n);
    along += len;
  }
  if (fade != LineFade::None && along > 0.0) {
    const double fadeLen = along * std::clamp(fadeFraction, 0.01, 1.0);
    for (DrapedVertex& v : out) {
      const double fromEnd = fade == LineFade::End ? along - v.alongM : v.alongM;
      v.fade = static_cast<float>(std::clamp(fromEnd / fadeLen, 0.0, 1.0));
    }
  }
  for (std::size_t i = 0; i < out.size(); ++i)
    if (outside[i]) out[i].fade = 0.0f;
  return out;
}

DrapedLines::DrapedLines(gl::ProgramCache& programs)
    : program_(programs.get({"overlay_line.vert", "overlay_line.geom", "overlay_line.frag"})) {}

int DrapedLines::addGroup(const std::vector<std::vector<DrapedVertex>>& lines, double step) {
  Group g;
  g.step = step;
  for (const auto& line : lines) {
    if (line.size() < 2) continue;
    const unsigned base = static_cast<unsigned>(vertices_.size());
    vertices_.insert(vertices_.end(), line.begin(), line.end());
    const int last = static_cast<int>(line.size()) - 1;
    for (int c0 = 0; c0 < last; c0 += kChunkSegments) {
      const int c1 = std::min(last, c0 + kChunkSegments);
      Chunk chunk;
      chunk.lo = chunk.hi = line[c0].pos;
      for (int i = c0; i <= c1; ++i) {
        chunk.lo = glm::min(chunk.lo, line[i].pos);
        chunk.hi = glm::max(chunk.hi, line[i].pos);
      }
      for (int level = 0, stride = 1; level < kLevels; ++level, stride *= 4) {
        chunk.firstIndex[level] = static_cast<int>(indices_.size());
        for (int i = c0; i < c1; i += stride) {  // the chunk's last vertex always ends it
          indices_.push_back(base + static_cast<unsigned>(i));
          indices_.push_back(base + static_cast<unsigned>(std::min(i + stride, c1)));
        }
        chunk.indexCount[level] = static_cast<int>(indices_.size()) - chunk.firstIndex[level];
      }
      g.chunks.push_back(chunk);
    }
  }
  groups_.push_back(std::move(g));
  return static_cast<int>(groups_.size()) - 1;
}

void DrapedLines::upload() {
  if (vertices_.empty()) return;
  vbo_ = gl::Buffer::create();
  ibo_ = gl::Buffer::create();
  vao_ = gl::VertexArray::create();
  vbo_.setData(vertices_.data(), vertices_.size() * sizeof(DrapedVertex));
  ibo_.setData(indices_.data(), indices_.size() * sizeof(unsigned));
  vao_.setAttribute(0, 0, 3, GL_FLOAT, offsetof(DrapedVertex, pos));
  vao_.setAttribute(1, 0, 1, GL_FLOAT, offsetof(DrapedVertex, fade));
  vao_.setAttribute(2, 0, 1, GL_FLOAT, offsetof(DrapedVertex, alongM));
  vao_.setVertexBuffer(0, vbo_, 0, sizeof(DrapedVertex));
  vao_.setIndexBuffer(ibo_);
  vertices_.clear();
  vertices_.shrink_to_fit();
  indices_.clear();
  indices_.shrink_to_fit();
}

void DrapedLines::draw(const FrameContext& ctx, const std::vector<DrawItem>& items) {
  if (!vao_ || items.empty()) return;
  gl::GlStateGuard guard;
  glEnable(GL_DEPTH_TEST);
  glDepthFunc(GL_LEQUAL);
  glDepthMask(GL_FALSE);  // lines never hide each other or later passes
  glDisable(GL_CULL_FACE);
  glEnable(GL_BLEND);
  glBlendEquation(GL_FUNC_ADD);
  glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);

  const glm::dvec3 eye = ctx.settings.camera.eye;
  // Camera-relative positions keep float precision; the matrix takes the eye back out.
  const glm::dmat4 viewProjRel = ctx.viewProj * glm::translate(glm::dmat4(1.0), eye);
  program_.set("uViewProjRel", glm::mat4(viewProjRel));
  program_.set("uEye", glm::vec3(eye));
  program_.set("uExaggeration", static_cast<float>(ctx.settings.exaggeration));
  program_.set("uPull", static_cast<float>(kOverlayDepthPull));
  program_.set("uViewport", glm::vec2(ctx.tileWidth, ctx.tileHeight));
  program_.set("uPixelAngle",
               static_cast<float>(2.0 * std::tan(glm::radians(ctx.settings.camera.fovYDeg) * 0.5) /
                                  std::max(1, ctx.fullHeight)));
  program_.use();
  vao_.bind();
  const double pixelAngle = 2.0 * std::tan(glm::radians(ctx.settings.camera.fovYDeg) * 0.5) / std::max(1, ctx.fullHeight);
  const double exaggeration = ctx.settings.exaggeration;
  const double maxStepPx = 3.0;
  std::vector<GLsizei> counts;
  std::vector<const void*> offsets;
  std::vector<int> levels;
  int levelsGroup = -1;
  for (const DrawItem& item : items) {
    const Group& g = groups_.at(static_cast<std::size_t>(item.group));
    if (item.group != levelsGroup) {
      levelsGroup = item.group;
      levels.clear();
      for (const Chunk& c : g.chunks) {
        const glm::dvec3 lo(c.lo.x, c.lo.y, c.lo.z * exaggeration), hi(c.hi.x, c.hi.y, c.hi.z * exaggeration);
        const double dist = glm::length(glm::clamp(eye, lo, hi) - eye);
        int level = 0;
        for (int k = 1, f = 4; k < kLevels; ++k, f *= 4)
          if (g.step * f <= maxStepPx * dist * pixelAngle) level = k;
        levels.push_back(level);
      }
    }
    counts.clear();
    offsets.clear();
    for (std::size_t i = 0; i < g.chunks.size(); ++i) {
      const Chunk& c = g.chunks[i];
      counts.push_back(c.indexCount[levels[i]]);
      offsets.push_back(reinterpret_cast<const void*>(static_cast<std::uintptr_t>(c.firstIndex[levels[i]]) * sizeof(unsigned)));
    }
    if (counts.empty()) continue;
    glDepthFunc(item.style.throughTerrain ? GL_ALWAYS : GL_LEQUAL);
    program_.set("uColor", item.style.color);
    program_.set("uHalfWidth", item.style.widthPx * 0.5f);
    program_.set("uDashPx", item.style.dashPx);
    glMultiDrawElements(GL_LINES, counts.data(), GL_UNSIGNED_INT, offsets.data(), static_cast<GLsizei>(counts.size()));
  }
}

}  // namespace tb::render
