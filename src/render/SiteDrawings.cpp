// User drawings as overlay lines (see SiteDrawings.h).
#include "render/SiteDrawings.h"

#include <algorithm>

#include "render/SceneRenderer.h"

namespace tb::render {

bool isUserDrawing(const scene::Site& site) {
  return site.honesty == scene::Honesty::Area && site.placedBy == "click";
}

void appendUserDrawings(const world::World& world, const FrameSettings& settings, OverlayGeometry& out) {
  const auto& highlights = settings.highlightSites;
  for (int pass = 0; pass < 2; ++pass) {  // every casing first, so a colour never hides under a casing
    for (const world::PlacedSite& s : world.sites) {
      if (!s.site || !isUserDrawing(*s.site) || s.outline.empty()) continue;
      const bool selected = !settings.selectedSite.empty() && settings.selectedSite == s.site->id;
      const bool dimmed = !highlights.empty() && !selected &&
                          std::find(highlights.begin(), highlights.end(), s.site->id) == highlights.end();
      glm::vec4 color(0.05f, 0.05f, 0.06f, dimmed ? 0.3f : 0.75f);
      float width = selected ? 5.6f : 4.0f;
      if (pass == 0) {
        width += 2.5f;
      } else {
        const auto it = world.scene.categories.find(s.site->category);
        color = it != world.scene.categories.end() ? it->second.color : glm::vec4(0.95f, 0.6f, 0.2f, 1.0f);
        color.a = dimmed ? 0.4f : 1.0f;
        if (dimmed) color = glm::vec4(glm::mix(glm::vec3(color), glm::vec3((color.r + color.g + color.b) / 3.0f), 0.6f), color.a);
      }
      for (const auto& part : s.outline) {
        OverlayPolyline line;
        line.points.reserve(part.size());
        for (glm::dvec2 p : part) line.points.emplace_back(p, 0.0);
        line.color = color;
        line.widthPx = width;
        out.lines.push_back(std::move(line));
      }
    }
  }
}

}  // namespace tb::render
