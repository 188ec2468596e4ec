// Drawing handles and hit tests (see DrawingHandles.h).
#include "viewer/DrawingHandles.h"

#include <algorithm>

#include "render/FrameContext.h"
#include "render/OverlayProjection.h"
#include "viewer/PinPicking.h"

namespace tb::viewer {
namespace {

float segmentDistance(glm::vec2 p, glm::vec2 a, glm::vec2 b) {
  const glm::vec2 ab = b - a;
  const float len2 = glm::dot(ab, ab);
  const float t = len2 > 0 ? std::clamp(glm::dot(p - a, ab) / len2, 0.0f, 1.0f) : 0.0f;
  return glm::length(p - (a + t * ab));
}

}  // namespace

std::vector<DrawingHandle> drawingHandles(const std::vector<std::optional<glm::vec2>>& screen, bool polygon,
                                          const std::vector<std::optional<glm::vec2>>& midpoints) {
  std::vector<DrawingHandle> handles;
  const int n = static_cast<int>(screen.size());
  for (int i = 0; i < n; ++i)
    if (screen[i]) handles.push_back({DrawingHandle::Kind::Vertex, i, *screen[i]});
  const int edges = polygon && n >= 3 ? n : n - 1;
  for (int i = 0; i < edges; ++i) {
    const int j = (i + 1) % n;
    const std::size_t e = static_cast<std::size_t>(i);
    if (e < midpoints.size()) {
      if (midpoints[e]) handles.push_back({DrawingHandle::Kind::Midpoint, j == 0 ? n : j, *midpoints[e]});
    } else if (screen[i] && screen[j]) {
      handles.push_back({DrawingHandle::Kind::Midpoint, j == 0 ? n : j, (*screen[i] + *screen[j]) * 0.5f});
    }
  }
  return handles;
}

std::optional<DrawingHandle> handleAt(const std::vector<DrawingHandle>& handles, glm::vec2 cursor, float radius) {
  std::optional<DrawingHandle> best;
  float bestScore = 1e30f;
  for (const DrawingHandle& h : handles) {
    const float d = glm::length(cursor - h.at);
    if (d > radius) continue;
    // A vertex beats a midpoint at any distance (a short edge puts them close together).
    const float score = d + (h.kind == DrawingHandle::Kind::Midpoint ? 1e6f : 0.0f);
    if (score < bestScore) {
      bestScore = score;
      best = h;
    }
  }
  return best;
}

bool cursorOnShape(const std::vector<std::optional<glm::vec2>>& screen, bool polygon, glm::vec2 cursor, float tolerance) {
  const std::size_t n = screen.size();
  const std::size_t edges = polygon && n >= 3 ? n : (n > 0 ? n - 1 : 0);
  bool inside = false;
  for (std::size_t i = 0; i < edges; ++i) {
    const auto& a = screen[i];
    const auto& b = screen[(i + 1) % n];
    if (!a || !b) continue;
    if (segmentDistance(cursor, *a, *b) <= tolerance) return true;
    // Even-odd crossing count along +x (the part of the ring in front of the camera).
    if (polygon && ((a->y > cursor.y) != (b->y > cursor.y)) &&
        cursor.x < a->x + (cursor.y - a->y) * (b->x - a->x) / (b->y - a->y))
      inside = !inside;
  }
  return polygon && inside;
}

std::vector<std::optional<glm::vec2>> projectGroundPoints(const world::World& world, const render::FrameSettings& s,
                                                          float pixelsPerUnit, glm::vec2 viewOrigin,
                                                          const std::vector<glm::dvec2>& local) {
  std::vector<std::optional<glm::vec2>> out(local.size());
  if (s.width < 1 || s.height < 1 || pixelsPerUnit <= 0) return out;
  const render::FrameContext ctx = pickingContext(world, s);
  for (std::size_t i = 0; i < local.size(); ++i) {
    const glm::dvec2 p = local[i];
    const double h = world.heights.width() > 0 && world.heights.contains(p) ? world.heights.sample(p) : 0.0;
    const render::ImagePoint ip = render::projectToImage(ctx, glm::dvec3(p, std::max(h, 0.0) * s.exaggeration));
    if (ip.inFront) out[i] = viewOrigin + glm::vec2(ip.px) / pixelsPerUnit;
  }
  return out;
}

std::vector<glm::dvec2> edgeMiddles(const std::vector<glm::dvec2>& points, bool polygon) {
  std::vector<glm::dvec2> out;
  const std::size_t n = points.size();
  const std::size_t edges = polygon && n >= 3 ? n : (n > 0 ? n - 1 : 0);
  for (std::size_t i = 0; i < edges; ++i) out.push_back((points[i] + points[(i + 1) % n]) * 0.5);
  return out;
}

void appendHandleMarkers(const std::vector<glm::dvec2>& local, bool polygon, render::OverlayGeometry& out) {
  for (glm::dvec2 m : edgeMiddles(local, polygon))
    out.markers.push_back({glm::dvec3(m, 0.0), true, glm::vec4(1.0f, 1.0f, 1.0f, 0.55f), 3.5f});
  for (glm::dvec2 p : local) out.markers.push_back({glm::dvec3(p, 0.0), true, glm::vec4(1.0f), 6.0f});
}

glm::dvec2 midpointLonLat(const std::vector<glm::dvec2>& lonLat, int before) {
  const int n = static_cast<int>(lonLat.size());
  if (n == 0) return glm::dvec2(0.0);
  const glm::dvec2 a = lonLat[static_cast<std::size_t>((before - 1 + n) % n)];
  const glm::dvec2 b = lonLat[static_cast<std::size_t>(before % n)];
  return (a + b) * 0.5;
}

}  // namespace tb::viewer
