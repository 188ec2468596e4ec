// User drawings go through the per-frame overlay (render/SiteDrawings.h), so editing one never
// makes the viewer build a new renderer: the signature of what the renderer bakes leaves them
// out, and the overlay lines follow the document.
#include <gtest/gtest.h>

#include "render/SceneRenderer.h"
#include "render/SiteDrawings.h"
#include "viewer/ViewerSession.h"

using namespace tb;

namespace {

scene::Site area(const std::string& id, const std::string& placedBy, double lon) {
  scene::Site s;
  s.id = id;
  s.category = "historic";
  s.honesty = scene::Honesty::Area;
  s.placedBy = placedBy;
  s.kind = geo::GeometryKind::Polygon;
  s.lonLat = {{{lon, 41.6}, {lon + 0.01, 41.6}, {lon, 41.61}, {lon, 41.6}}};
  return s;
}

TEST(DrawingOverlay, MovingAUserDrawingDoesNotChangeWhatTheRendererBakes) {
  const std::string before = viewer::areaSitesSignature({area("coast", "", 129.5), area("area-1", "click", 129.6)});
  EXPECT_EQ(viewer::areaSitesSignature({area("coast", "", 129.5), area("area-1", "click", 129.65)}), before);
  // The scene's own areas are still baked (with their uncertain ends): moving one does change it.
  EXPECT_NE(viewer::areaSitesSignature({area("coast", "", 129.55), area("area-1", "click", 129.6)}), before);
}

TEST(DrawingOverlay, UserDrawingsBecomeCasedOverlayLinesInTheirCategoryColour) {
  world::World w;
  w.scene.categories["historic"] = {"Historic site", glm::vec4(0.85f, 0.33f, 0.31f, 1.0f)};
  w.scene.sites = {area("coast", "", 129.5), area("area-1", "click", 129.6)};
  for (const scene::Site& s : w.scene.sites)
    w.sites.push_back({&s, std::nullopt, {{{0, 0}, {100, 0}, {0, 100}, {0, 0}}}});
  w.sites[1].outline = {{{500, 0}, {600, 0}, {500, 100}, {500, 0}}};
  render::FrameSettings settings;
  render::OverlayGeometry g;
  render::appendUserDrawings(w, settings, g);
  ASSERT_EQ(g.lines.size(), 2u);  // casing and colour of area-1 only
  EXPECT_EQ(g.lines[1].color, w.scene.categories["historic"].color);
  EXPECT_EQ(g.lines[1].points.front(), glm::dvec3(500, 0, 0));
  EXPECT_GT(g.lines[0].widthPx, g.lines[1].widthPx);  // the casing is wider
  EXPECT_TRUE(g.lines[1].draped);

  settings.selectedSite = "area-1";
  render::OverlayGeometry selected;
  render::appendUserDrawings(w, settings, selected);
  EXPECT_GT(selected.lines[1].widthPx, g.lines[1].widthPx);

  settings.selectedSite.clear();
  settings.highlightSites = {"coast"};  // a briefing step highlighting another site dims it
  render::OverlayGeometry dimmed;
  render::appendUserDrawings(w, settings, dimmed);
  EXPECT_LT(dimmed.lines[1].color.a, 1.0f);
}

}  // namespace
