// The command layer: every edit undoes to the identical document (compared as the text that
// would be saved), redo after undo, merging of continuous edits, dirty state from the history.
#include <gtest/gtest.h>

#include "session/Session.h"

using namespace tb;
using namespace tb::session;

namespace {

scene::Scene smallScene() {
  scene::Scene s;
  s.path = "/nonexistent/scene.json";
  s.extent = {129.4, 41.38, 129.85, 41.75};
  s.categories["historic"] = {"Historic site", glm::vec4(0.85f, 0.33f, 0.31f, 1.0f)};
  scene::Site castle;
  castle.id = "castle";
  castle.name = "Kyongsong Castle";
  castle.category = "historic";
  castle.honesty = scene::Honesty::Given;
  castle.precisionM = 60;
  castle.source = "kyongsong-city-brief.txt";
  castle.kind = geo::GeometryKind::Point;
  castle.lonLat = {{{129.67, 41.67}}};
  s.sites.push_back(castle);
  scene::ViewSpec v;
  v.name = "overview";
  s.views.push_back(v);
  return s;
}

std::string sitesText(const Session& s) { return serialize(s.documents(), DocumentKind::Sites); }

// Runs `edit`, checks it changed the document, that undo restores the exact text and redo the
// edited text.
void expectUndoable(Session& session, Edit edit) {
  ASSERT_TRUE(edit) << edit.problem;
  const std::string before = sitesText(session);
  ASSERT_EQ(session.execute(std::move(edit)), "");
  const std::string after = sitesText(session);
  EXPECT_NE(after, before);
  ASSERT_TRUE(session.undo());
  EXPECT_EQ(sitesText(session), before);
  ASSERT_TRUE(session.redo());
  EXPECT_EQ(sitesText(session), after);
}

std::vector<glm::dvec2> square() { return {{129.6, 41.6}, {129.61, 41.6}, {129.61, 41.61}, {129.6, 41.61}}; }

}  // namespace

TEST(History, EveryEditUndoesToTheIdenticalDocument) {
  Session s(smallScene());
  const auto& d = s.documents().sites;
  expectUndoable(s, addSite(d, clickedPin(d, {129.6, 41.6}, 30, "historic")));
  expectUndoable(s, movePin(d, "pin-1", {129.61, 41.61}, 30));
  expectUndoable(s, addSite(d, drawing(d, geo::GeometryKind::Polygon, square(), "historic")));
  expectUndoable(s, moveVertex(d, "area-1", 2, {129.62, 41.62}));
  expectUndoable(s, insertVertex(d, "area-1", 1, {129.605, 41.59}));
  expectUndoable(s, deleteVertex(d, "area-1", 0));
  expectUndoable(s, moveShape(d, "area-1", {0.01, -0.01}));
  expectUndoable(s, addSite(d, drawing(d, geo::GeometryKind::Line, {{129.5, 41.5}, {129.52, 41.52}}, "historic")));
  expectUndoable(s, addSite(d, textNote(d, "The market moved here in 1990", "historic")));
  SiteProperties p = propertiesOf(*d.find("pin-1"));
  p.name = "Battery";
  p.category = "military";  // new: added to the categories in the same step
  p.description = "Placed where the brief says the battery stood.";
  expectUndoable(s, setProperties(d, "pin-1", p, {"Military", glm::vec4(0.2f, 0.4f, 0.8f, 1.0f)}));
  EXPECT_TRUE(d.categories.count("military"));
  expectUndoable(s, deleteSite(d, "castle"));
}

TEST(History, UndoAllRestoresTheOpenedDocumentAndRedoAllTheEdits) {
  Session s(smallScene());
  const auto& d = s.documents().sites;
  const std::string opened = sitesText(s);
  ASSERT_EQ(s.execute(addSite(d, clickedPin(d, {129.6, 41.6}, 30, "historic"))), "");
  ASSERT_EQ(s.execute(addSite(d, drawing(d, geo::GeometryKind::Polygon, square(), "historic"))), "");
  ASSERT_EQ(s.execute(deleteVertex(d, "area-1", 3)), "");
  ASSERT_EQ(s.execute(deleteSite(d, "castle")), "");
  const std::string edited = sitesText(s);
  EXPECT_EQ(s.history().undoLabel(), "delete Kyongsong Castle");
  while (s.undo()) {
  }
  EXPECT_EQ(sitesText(s), opened);
  EXPECT_EQ(s.history().redoLabel(), "place pin");
  while (s.redo()) {
  }
  EXPECT_EQ(sitesText(s), edited);
}

TEST(History, ANewEditDropsWhatCouldBeRedone) {
  Session s(smallScene());
  const auto& d = s.documents().sites;
  ASSERT_EQ(s.execute(addSite(d, clickedPin(d, {129.6, 41.6}, 30, "historic"))), "");
  ASSERT_TRUE(s.undo());
  ASSERT_EQ(s.execute(addSite(d, textNote(d, "a note", "historic"))), "");
  EXPECT_FALSE(s.history().canRedo());
  EXPECT_EQ(d.sites.size(), 2u);
}

TEST(History, DraggingAVertexIsOneUndoStep) {
  Session s(smallScene());
  const auto& d = s.documents().sites;
  ASSERT_EQ(s.execute(addSite(d, drawing(d, geo::GeometryKind::Polygon, square(), "historic"))), "");
  const std::string drawn = sitesText(s);
  for (int i = 1; i <= 20; ++i) ASSERT_EQ(s.execute(moveVertex(d, "area-1", 1, {129.61 + i * 1e-4, 41.6})), "");
  s.history().endGesture();
  ASSERT_EQ(s.execute(moveVertex(d, "area-1", 1, {129.7, 41.6})), "");  // a second drag
  EXPECT_EQ(s.history().size(), 3u);
  ASSERT_TRUE(s.undo());
  EXPECT_DOUBLE_EQ(vertices(*d.find("area-1"))[1].x, 129.61 + 20 * 1e-4);
  ASSERT_TRUE(s.undo());
  EXPECT_EQ(sitesText(s), drawn);
}

TEST(History, DraggingDifferentVerticesAreSeparateSteps) {
  Session s(smallScene());
  const auto& d = s.documents().sites;
  ASSERT_EQ(s.execute(addSite(d, drawing(d, geo::GeometryKind::Polygon, square(), "historic"))), "");
  ASSERT_EQ(s.execute(moveVertex(d, "area-1", 1, {129.62, 41.6})), "");
  ASSERT_EQ(s.execute(moveVertex(d, "area-1", 2, {129.62, 41.62})), "");
  EXPECT_EQ(s.history().size(), 3u);
}

TEST(History, DirtyStateFollowsTheSavePoint) {
  Session s(smallScene());
  const auto& d = s.documents().sites;
  EXPECT_FALSE(s.anyDirty());
  ASSERT_EQ(s.execute(addSite(d, clickedPin(d, {129.6, 41.6}, 30, "historic"))), "");
  EXPECT_TRUE(s.dirty(DocumentKind::Sites));
  EXPECT_FALSE(s.dirty(DocumentKind::Views));
  s.history().markSaved(DocumentKind::Sites);
  EXPECT_FALSE(s.dirty(DocumentKind::Sites));
  ASSERT_EQ(s.execute(movePin(d, "pin-1", {129.61, 41.6}, 30)), "");
  EXPECT_TRUE(s.dirty(DocumentKind::Sites));
  ASSERT_TRUE(s.undo());  // back at the save point
  EXPECT_FALSE(s.dirty(DocumentKind::Sites));
  ASSERT_TRUE(s.undo());  // before it
  EXPECT_TRUE(s.dirty(DocumentKind::Sites));
  ASSERT_TRUE(s.redo());
  EXPECT_FALSE(s.dirty(DocumentKind::Sites));
  // Undo past the save point and edit: the saved state cannot come back.
  ASSERT_TRUE(s.undo());
  ASSERT_EQ(s.execute(addSite(d, textNote(d, "x", "historic"))), "");
  EXPECT_TRUE(s.dirty(DocumentKind::Sites));
}

TEST(History, ASaveInTheMiddleOfADragIsNotTheMergedState) {
  Session s(smallScene());
  const auto& d = s.documents().sites;
  ASSERT_EQ(s.execute(addSite(d, clickedPin(d, {129.6, 41.6}, 30, "historic"))), "");
  ASSERT_EQ(s.execute(movePin(d, "pin-1", {129.61, 41.6}, 30)), "");
  s.history().markSaved(DocumentKind::Sites);
  ASSERT_EQ(s.execute(movePin(d, "pin-1", {129.62, 41.6}, 30)), "");  // merged into the move
  EXPECT_TRUE(s.dirty(DocumentKind::Sites));
}

TEST(History, ARefusedEditChangesNothing) {
  Session s(smallScene());
  const auto& d = s.documents().sites;
  ASSERT_EQ(s.execute(addSite(d, drawing(d, geo::GeometryKind::Line, {{129.5, 41.5}, {129.52, 41.52}}, "historic"))), "");
  const std::string before = sitesText(s);
  EXPECT_EQ(s.execute(deleteVertex(d, "path-1", 0)), "a path needs at least 2 points; \"Path 1\" would have 1");
  EXPECT_EQ(sitesText(s), before);
  EXPECT_EQ(s.history().size(), 1u);
}

TEST(History, ViewAndBriefingStepEditsUndo) {
  Session s(smallScene());
  briefing::Briefing b;
  b.path = "/nonexistent/b.json";
  b.title = "t";
  briefing::Step step;
  step.id = "step-1";
  b.steps.push_back(step);
  s.openBriefing(b);
  const std::string opened = serialize(s.documents(), DocumentKind::Briefing);
  briefing::Step changed = step;
  changed.title = "Harbour";
  s.execute(std::make_unique<ListEdit<briefing::Step>>("edit step", 0, step, changed));
  EXPECT_TRUE(s.dirty(DocumentKind::Briefing));
  EXPECT_FALSE(s.dirty(DocumentKind::Sites));
  scene::ViewSpec v;
  v.name = "harbour";
  s.execute(std::make_unique<ListEdit<scene::ViewSpec>>("save view", 1, std::nullopt, v));
  EXPECT_EQ(s.documents().views.views.size(), 2u);
  ASSERT_TRUE(s.undo());
  EXPECT_EQ(s.documents().views.views.size(), 1u);
  ASSERT_TRUE(s.undo());
  EXPECT_EQ(serialize(s.documents(), DocumentKind::Briefing), opened);
  EXPECT_FALSE(s.anyDirty());
}

TEST(History, OpeningABriefingKeepsOtherDocumentsDirty) {
  Session s(smallScene());
  const auto& d = s.documents().sites;
  ASSERT_EQ(s.execute(addSite(d, clickedPin(d, {129.6, 41.6}, 30, "historic"))), "");
  s.openBriefing(briefing::Briefing{});
  EXPECT_TRUE(s.dirty(DocumentKind::Sites));
  EXPECT_FALSE(s.dirty(DocumentKind::Briefing));
  EXPECT_FALSE(s.history().canUndo());
}
