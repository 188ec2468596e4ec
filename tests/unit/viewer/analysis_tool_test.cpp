// The viewer's analysis tools without a window: clicks become results, a rubber band follows the
// cursor while placing, bad input is a message, results save and show as saved analyses.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "../analysis/AnalysisWorlds.h"
#include "viewer/AnalysisTool.h"

namespace tb::viewer {
namespace {

// A 4 km square plain at 100 m with a 600 m hill at (1000, 0).
world::World hillWorld() {
  return analysis::test::makeWorld(2000, 2000, 20, [](double x, double y) {
    const double d = std::hypot(x - 1000.0, y);
    return 100.0 + std::max(0.0, 600.0 * (1.0 - d / 600.0));
  });
}

TEST(AnalysisTool, LineOfSightComputesOnTheSecondClickAndIsBlockedByTheHill) {
  const world::World w = hillWorld();
  AnalysisTool tool(w);
  tool.setMode(AnalysisMode::LineOfSight);
  tool.click({0.0, 0.0});
  EXPECT_FALSE(tool.lineOfSight());
  tool.click({1900.0, 0.0});
  ASSERT_TRUE(tool.lineOfSight()) << tool.error();
  EXPECT_FALSE(tool.lineOfSight()->visible);
  EXPECT_TRUE(tool.points().empty()) << "the next click starts a new line";
  const auto g = tool.overlay();
  EXPECT_FALSE(g->lines.empty());
  EXPECT_TRUE(std::any_of(g->labels.begin(), g->labels.end(),
                          [](const render::OverlayLabel& l) { return l.text == "first obstruction"; }));
}

TEST(AnalysisTool, RubberBandFollowsTheCursorOnlyWhilePlacing) {
  const world::World w = hillWorld();
  AnalysisTool tool(w);
  tool.setMode(AnalysisMode::Measure);
  tool.click({-1500.0, -1500.0});
  tool.hover(glm::dvec2(-500.0, -1500.0));
  const auto a = tool.liveOverlay();
  ASSERT_EQ(a->lines.size(), 1u);
  EXPECT_EQ(a->lines[0].points.size(), 2u) << "the placed point and the cursor";
  ASSERT_EQ(a->labels.size(), 1u);
  EXPECT_NE(a->labels[0].text.find("km"), std::string::npos) << a->labels[0].text;
  EXPECT_EQ(tool.liveOverlay(), a) << "nothing moved: the same geometry";
  const auto rest = tool.overlay();
  tool.hover(glm::dvec2(0.0, -1500.0));
  EXPECT_NE(tool.liveOverlay(), a) << "the cursor moved: new geometry";
  EXPECT_EQ(tool.overlay(), rest) << "the rest is not rebuilt with the band";
  tool.click({0.0, -1500.0});
  tool.finish();
  ASSERT_TRUE(tool.measurement()) << tool.error();
  EXPECT_NEAR(tool.measurement()->horizontal, 1500.0, 15.0);  // UTM scale near the zone centre
  tool.setMode(AnalysisMode::None);
  tool.hover(glm::dvec2(100.0, 100.0));
  for (const render::OverlayLabel& l : tool.overlay()->labels)
    EXPECT_EQ(l.text.find("° T  "), std::string::npos) << "no live leg label once placing stopped: " << l.text;
  EXPECT_EQ(tool.overlay()->lines.size(), 1u) << "only the finished measurement";
  EXPECT_TRUE(tool.liveOverlay()->empty()) << "no band";
}

TEST(AnalysisTool, BadInputIsAMessageNotAnException) {
  const world::World w = hillWorld();
  AnalysisTool tool(w);
  tool.setMode(AnalysisMode::Area);
  tool.click({0.0, 0.0});
  tool.click({100.0, 0.0});
  tool.finish();
  EXPECT_NE(tool.error().find("at least 3"), std::string::npos) << tool.error();
  EXPECT_FALSE(tool.measurement());
  tool.setMode(AnalysisMode::Viewshed);
  tool.click({50000.0, 0.0});  // far outside the data
  EXPECT_FALSE(tool.viewshedResult());
  EXPECT_FALSE(tool.error().empty());
  tool.setMode(AnalysisMode::Rings);
  tool.ringRadii = {-5.0};
  tool.click({0.0, 0.0});
  EXPECT_TRUE(tool.rings().empty());
  EXPECT_NE(tool.error().find("radius"), std::string::npos) << tool.error();
}

TEST(AnalysisTool, ViewshedComputesOffTheClickAndTheLatestClickWins) {
  const world::World w = hillWorld();
  AnalysisTool tool(w);
  tool.setMode(AnalysisMode::Viewshed);
  tool.viewshed.radius = 1500.0;
  tool.click({-1500.0, 0.0});
  EXPECT_TRUE(tool.computing()) << "the click only starts it: " << tool.error();
  tool.click({1000.0, 0.0});  // on the hill top: supersedes the first
  EXPECT_TRUE(tool.computing());
  tool.waitForComputation();
  EXPECT_FALSE(tool.computing());
  ASSERT_TRUE(tool.viewshedResult()) << tool.error();
  EXPECT_NEAR(tool.viewshedResult()->observer.x, 1000.0, 1e-9) << "the second click's viewshed, not the first's";
  EXPECT_GT(tool.viewshedResult()->visibleCount, 0u);
  EXPECT_EQ(tool.overlay()->rasters.size(), 1u) << "draped once ready";
  const auto raster = tool.overlay()->rasters.at(0);
  tool.setGrid(GridKind::Utm, 3000.0);  // the overlay is rebuilt, the raster is not
  EXPECT_EQ(tool.overlay()->rasters.size(), 1u);
  EXPECT_EQ(tool.overlay()->rasters.at(0), raster) << "the same raster: not coloured and uploaded again";
  tool.setGrid(GridKind::None, 3000.0);
  tool.click({-1500.0, 0.0});
  tool.clear();  // cancels it: nothing arrives afterwards
  tool.waitForComputation();
  EXPECT_FALSE(tool.viewshedResult());
  EXPECT_FALSE(tool.computing());
}

TEST(AnalysisTool, AResultSavesAndShowsAsASavedAnalysis) {
  const world::World w = hillWorld();
  AnalysisTool tool(w);
  EXPECT_FALSE(tool.toSaved("nothing"));
  tool.setMode(AnalysisMode::Rings);
  tool.ringRadii = {500.0, 1000.0};
  tool.click({0.0, 0.0});
  ASSERT_EQ(tool.rings().size(), 2u) << tool.error();
  const auto saved = tool.toSaved("rings at the plain");
  ASSERT_TRUE(saved);
  EXPECT_EQ(saved->kind, analysis::AnalysisKind::RangeRings);
  ASSERT_EQ(saved->points.size(), 1u);
  const glm::dvec2 back = tool.elevation().toLocal(saved->points[0]);
  EXPECT_NEAR(back.x, 0.0, 0.01);
  EXPECT_NEAR(back.y, 0.0, 0.01);
  tool.clear();
  EXPECT_TRUE(tool.overlay()->empty());
  tool.showSaved({*saved});
  EXPECT_EQ(tool.overlay()->lines.size(), 2u) << "two rings drawn from the saved analysis";
  EXPECT_TRUE(tool.error().empty()) << tool.error();
}

// Opening a scene with saved viewsheds must not freeze the viewer: showSaved() only starts them
// (the quick analyses are drawn at once), and each viewshed is drawn when a later poll() takes it.
TEST(AnalysisTool, SavedViewshedsComputeOffTheUiThreadAndAreDrawnAsTheyArrive) {
  const world::World w = hillWorld();
  AnalysisTool tool(w);
  auto viewshedAt = [&](const std::string& name, glm::dvec2 local, double radius) {
    analysis::SavedAnalysis a;
    a.kind = analysis::AnalysisKind::Viewshed;
    a.name = name;
    a.points = {tool.elevation().toLonLat(local)};
    a.viewshed.radius = radius;
    return a;
  };
  analysis::SavedAnalysis rings;
  rings.kind = analysis::AnalysisKind::RangeRings;
  rings.name = "rings";
  rings.points = {tool.elevation().toLonLat({0.0, 0.0})};
  rings.radii = {500.0};
  tool.showSaved({viewshedAt("from the hill", {1000.0, 0.0}, 1500.0), rings, viewshedAt("from the plain", {-1500.0, 0.0}, 1000.0)});
  EXPECT_TRUE(tool.error().empty()) << tool.error();
  EXPECT_EQ(tool.savedComputing(), (std::vector<std::string>{"from the hill", "from the plain"}));
  EXPECT_TRUE(tool.busy());
  EXPECT_FALSE(tool.computing()) << "the live tool's own viewshed is another matter";
  EXPECT_EQ(tool.overlay()->lines.size(), 1u) << "the ring is drawn at once";
  EXPECT_TRUE(tool.overlay()->rasters.empty()) << "no viewshed drawn before a poll takes it";
  EXPECT_EQ(tool.saved().size(), 3u);

  tool.waitForComputation();
  EXPECT_TRUE(tool.savedComputing().empty());
  EXPECT_FALSE(tool.busy());
  EXPECT_EQ(tool.overlay()->rasters.size(), 2u) << tool.error();
  EXPECT_EQ(tool.overlay()->lines.size(), 1u);

  // A bad one is a message at once; opening another set drops what the old one still computes.
  tool.showSaved({viewshedAt("off the data", {50000.0, 0.0}, 1000.0), viewshedAt("again", {1000.0, 0.0}, 800.0)});
  EXPECT_NE(tool.error().find("off the data: observer"), std::string::npos) << tool.error();
  EXPECT_EQ(tool.savedComputing(), std::vector<std::string>{"again"});
  EXPECT_TRUE(tool.overlay()->rasters.empty());
  tool.showSaved({rings});
  tool.waitForComputation();
  EXPECT_TRUE(tool.overlay()->rasters.empty()) << "the superseded set's viewshed never arrives";
  EXPECT_EQ(tool.overlay()->lines.size(), 1u);
}

// The site card's "Range rings…": rings centred where it says, labelled and saved with the
// site's name; a click elsewhere makes them rings around that point again.
TEST(AnalysisTool, RingsAroundASiteAreLabelledAndSavedWithItsName) {
  const world::World w = hillWorld();
  AnalysisTool tool(w);
  tool.ringRadii = {500.0, 1200.0};
  tool.ringsAround("Hill Battery", {1000.0, 0.0});
  ASSERT_EQ(tool.rings().size(), 2u) << tool.error();
  EXPECT_EQ(tool.mode(), AnalysisMode::Rings);
  EXPECT_EQ(tool.rings()[1].label, "1.2 km from Hill Battery");
  const auto g = tool.overlay();
  EXPECT_TRUE(std::any_of(g->labels.begin(), g->labels.end(),
                          [](const render::OverlayLabel& l) { return l.text == "500 m from Hill Battery"; }));
  const auto saved = tool.toSaved("battery rings");
  ASSERT_TRUE(saved);
  EXPECT_EQ(saved->kind, analysis::AnalysisKind::RangeRings);
  EXPECT_EQ(saved->site, "Hill Battery");
  EXPECT_NEAR(glm::distance(tool.elevation().toLocal(saved->points.at(0)), glm::dvec2(1000.0, 0.0)), 0.0, 1e-6);
  // Kept as saved, the file's version draws the same labels.
  tool.keepAsSaved(*saved);
  const auto kept = tool.overlay();
  EXPECT_TRUE(std::any_of(kept->labels.begin(), kept->labels.end(),
                          [](const render::OverlayLabel& l) { return l.text == "1.2 km from Hill Battery"; }));

  tool.setMode(AnalysisMode::Rings);
  tool.click({-1000.0, 0.0});
  ASSERT_EQ(tool.rings().size(), 2u);
  EXPECT_EQ(tool.rings()[0].label, "500 m") << "a clicked centre is no site";
  EXPECT_EQ(tool.toSaved("x")->site, "");
}

// Saving a viewshed keeps the result already drawn: nothing computes again, it shows at once
// under its name, and a save under an existing name replaces that one.
TEST(AnalysisTool, SavingAViewshedKeepsTheComputedResult) {
  const world::World w = hillWorld();
  AnalysisTool tool(w);
  tool.setMode(AnalysisMode::Viewshed);
  tool.viewshed.radius = 1500.0;
  tool.click({1000.0, 0.0});
  tool.waitForComputation();
  ASSERT_TRUE(tool.viewshedResult()) << tool.error();
  const auto raster = tool.overlay()->rasters.at(0);
  const auto one = tool.toSaved("battery");
  ASSERT_TRUE(one);
  tool.keepAsSaved(*one);
  EXPECT_FALSE(tool.viewshedResult()) << "the live result became the saved one";
  EXPECT_FALSE(tool.busy()) << "nothing computes again";
  ASSERT_EQ(tool.overlay()->rasters.size(), 1u);
  EXPECT_EQ(tool.overlay()->rasters[0]->rgba, raster->rgba);
  EXPECT_TRUE(std::any_of(tool.overlay()->labels.begin(), tool.overlay()->labels.end(),
                          [](const render::OverlayLabel& l) { return l.text.find("battery") != std::string::npos; }));
  tool.click({-1500.0, 0.0});
  tool.waitForComputation();
  tool.keepAsSaved(*tool.toSaved("battery"));
  EXPECT_EQ(tool.saved().size(), 1u) << "the same name replaces";
  EXPECT_EQ(tool.overlay()->rasters.size(), 1u);
}

TEST(AnalysisTool, GridLinesFollowTheViewSize) {
  const world::World w = hillWorld();
  AnalysisTool tool(w);
  tool.setGrid(GridKind::Utm, 3000.0);
  const std::size_t fine = tool.overlay()->lines.size();
  EXPECT_GE(fine, 6u) << "1 km lines over 4 km";
  tool.setGrid(GridKind::None, 3000.0);
  EXPECT_TRUE(tool.overlay()->empty());
}

TEST(AnalysisTool, GridLinesAreKeptWhileTheBandMovesAndTheViewStaysInItsBucket) {
  const world::World w = hillWorld();
  AnalysisTool tool(w);
  tool.setGrid(GridKind::Utm, 600.0, glm::dvec2(-1500.0, -1500.0));  // 1 km lines near a corner
  ASSERT_EQ(tool.gridBuilds(), 1u);
  const auto grid = tool.overlay();
  ASSERT_FALSE(grid->lines.empty());
  for (const render::OverlayPolyline& l : grid->lines)
    EXPECT_FALSE(l.edgeLabel.empty()) << "every grid line carries its label to the view's edge";
  tool.setMode(AnalysisMode::Measure);
  tool.click({-1500.0, -1500.0});
  for (int i = 0; i < 20; ++i) {
    tool.hover(glm::dvec2(-1000.0 + 10.0 * i, -1200.0));
    tool.setGrid(GridKind::Utm, 600.0, glm::dvec2(-1500.0 + i, -1500.0));  // the camera drifts a little
    EXPECT_FALSE(tool.liveOverlay()->lines.empty());
  }
  EXPECT_EQ(tool.gridBuilds(), 1u) << "same kind, spacing and view bucket: the lines are kept";
  EXPECT_EQ(tool.overlay()->lines.size(), grid->lines.size());
  tool.setGrid(GridKind::Utm, 600.0, glm::dvec2(1500.0, 1500.0));  // the view moved across the data
  EXPECT_EQ(tool.gridBuilds(), 2u);
  tool.setGrid(GridKind::Utm, 30000.0, glm::dvec2(1500.0, 1500.0));  // zoomed out: 10 km spacing
  EXPECT_EQ(tool.gridBuilds(), 3u);
}

}  // namespace
}  // namespace tb::viewer
