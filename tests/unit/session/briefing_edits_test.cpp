// Views and briefing steps as commands: each edit undoes to the identical document (compared as
// the text that would be saved) and redoes; bad edits change nothing and say why; typing into
// one field or dragging one edge is one undo step; views the scene file defines stay there.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "session/BriefingEdits.h"
#include "session/Session.h"

using namespace tb;
using namespace tb::session;

namespace {

scene::ViewSpec view(const std::string& name, double lat) {
  scene::ViewSpec v;
  v.name = name;
  v.kind = scene::ViewSpec::Kind::Camera;
  v.lat = lat;
  v.lon = 129.6;
  v.rangeOrHeight = 2000;
  v.pitchDeg = -30;
  return v;
}

scene::Scene smallScene() {
  scene::Scene s;
  s.path = "/nonexistent/scene.json";
  s.extent = {129.4, 41.38, 129.85, 41.75};
  s.views.push_back(view("overview", 41.5));
  return s;
}

briefing::Step step(const std::string& id) {
  briefing::Step s;
  s.id = id;
  s.title = "Step " + id;
  s.view.kind = briefing::StepView::Kind::View;
  s.view.ref = "overview";
  return s;
}

void openThreeSteps(Session& s) {
  briefing::Briefing b;
  b.path = "/nonexistent/b.json";
  b.title = "t";
  b.steps = {step("a"), step("b"), step("c")};
  s.openBriefing(b);
}

std::string text(const Session& s, DocumentKind kind) { return serialize(s.documents(), kind); }

std::string order(const Session& s) {
  std::string o;
  for (const briefing::Step& st : s.documents().briefing.briefing.steps) o += st.id;
  return o;
}

// Runs `edit`: the document changes, undo restores the exact text and clean state, redo the edit.
void expectUndoable(Session& session, Edit edit, DocumentKind kind) {
  ASSERT_TRUE(edit) << edit.problem;
  const std::string before = text(session, kind);
  const bool dirtyBefore = session.dirty(kind);
  ASSERT_EQ(session.execute(std::move(edit)), "");
  const std::string after = text(session, kind);
  EXPECT_NE(after, before);
  EXPECT_TRUE(session.dirty(kind));
  ASSERT_TRUE(session.undo());
  EXPECT_EQ(text(session, kind), before);
  EXPECT_EQ(session.dirty(kind), dirtyBefore);
  ASSERT_TRUE(session.redo());
  EXPECT_EQ(text(session, kind), after);
}

}  // namespace

TEST(BriefingEdits, EveryStepEditUndoesToTheIdenticalBriefingAndRedoes) {
  Session s(smallScene());
  openThreeSteps(s);
  const auto& d = s.documents().briefing;
  expectUndoable(s, addStep(d, 1, step("new")), DocumentKind::Briefing);
  EXPECT_EQ(order(s), "anewbc");
  expectUndoable(s, moveStep(d, 0, 2), DocumentKind::Briefing);
  EXPECT_EQ(order(s), "newbac");
  expectUndoable(s, deleteStep(d, 3), DocumentKind::Briefing);
  EXPECT_EQ(order(s), "newba");

  // Each field the editor changes.
  const auto edited = [&](int i, auto change) {
    briefing::Step st = d.briefing.steps[static_cast<std::size_t>(i)];
    change(st);
    return editStep(d, i, st, "edit step");
  };
  expectUndoable(s, edited(0, [](briefing::Step& st) { st.title = "Harbour"; }), DocumentKind::Briefing);
  expectUndoable(s, edited(0, [](briefing::Step& st) { st.caption = "Two\nlines"; }), DocumentKind::Briefing);
  expectUndoable(s, edited(1, [](briefing::Step& st) {
    st.view.kind = briefing::StepView::Kind::Camera;
    st.view.spec = view("", 41.61);
  }), DocumentKind::Briefing);
  expectUndoable(s, edited(1, [](briefing::Step& st) { st.layers.push_back({"imagery", false, std::nullopt}); }),
                 DocumentKind::Briefing);
  expectUndoable(s, edited(1, [](briefing::Step& st) { st.highlight = {"castle"}; }), DocumentKind::Briefing);
  expectUndoable(s, edited(2, [](briefing::Step& st) { st.orbitDegPerSec = 3.0; }), DocumentKind::Briefing);
  expectUndoable(s, edited(2, [](briefing::Step& st) { st.sun = briefing::Sun{200, 12}; }), DocumentKind::Briefing);
  expectUndoable(s, edited(2, [](briefing::Step& st) { st.exaggeration = 2.5; }), DocumentKind::Briefing);
  expectUndoable(s, edited(2, [](briefing::Step& st) {
    st.transition.kind = briefing::TransitionKind::Fade;
    st.transition.durationSeconds = 2.0;
  }), DocumentKind::Briefing);
  expectUndoable(s, edited(2, [](briefing::Step& st) { st.holdSeconds = 9.5; }), DocumentKind::Briefing);

  // Undo all the way: the briefing as opened, clean.
  while (s.undo()) {}
  EXPECT_EQ(order(s), "abc");
  EXPECT_FALSE(s.dirty(DocumentKind::Briefing));
}

TEST(BriefingEdits, BadStepEditsChangeNothingAndSayWhy) {
  Session s(smallScene());
  openThreeSteps(s);
  const auto& d = s.documents().briefing;
  const std::string before = text(s, DocumentKind::Briefing);
  briefing::Step st = d.briefing.steps[0];
  st.id = "b";
  EXPECT_EQ(editStep(d, 0, st, "x").problem, "another step is called \"b\"");
  st = d.briefing.steps[0];
  st.holdSeconds = -1;
  EXPECT_NE(editStep(d, 0, st, "x").problem.find("outside 0..3600"), std::string::npos);
  st = d.briefing.steps[0];
  st.orbitDegPerSec = 120;
  EXPECT_NE(editStep(d, 0, st, "x").problem.find("faster than 90"), std::string::npos);
  st = d.briefing.steps[0];
  st.exaggeration = 0;
  EXPECT_FALSE(editStep(d, 0, st, "x"));
  EXPECT_EQ(editStep(d, 0, d.briefing.steps[0], "x").problem, "nothing changed");
  EXPECT_FALSE(editStep(d, 7, d.briefing.steps[0], "x"));
  EXPECT_FALSE(addStep(d, 1, step("a")));  // a taken id
  EXPECT_FALSE(addStep(d, 4, step("z")));
  EXPECT_FALSE(moveStep(d, 0, -1));
  EXPECT_FALSE(moveStep(d, 2, 1));
  EXPECT_FALSE(deleteStep(d, 3));
  EXPECT_EQ(text(s, DocumentKind::Briefing), before);
  EXPECT_FALSE(s.history().canUndo());
}

TEST(BriefingEdits, TypingIntoOneFieldIsOneUndoStepUntilTheGestureEnds) {
  Session s(smallScene());
  openThreeSteps(s);
  const auto& d = s.documents().briefing;
  const std::string opened = text(s, DocumentKind::Briefing);
  for (const char* title : {"H", "Ha", "Har"}) {
    briefing::Step st = d.briefing.steps[1];
    st.title = title;
    ASSERT_EQ(s.execute(editStep(d, 1, st, "edit step title", "title:b")), "");
  }
  s.history().endGesture();
  briefing::Step st = d.briefing.steps[1];
  st.holdSeconds = 8;
  ASSERT_EQ(s.execute(editStep(d, 1, st, "retime step", "hold:b")), "");
  EXPECT_EQ(s.history().size(), 2u);
  ASSERT_TRUE(s.undo());
  EXPECT_EQ(d.briefing.steps[1].title, "Har");
  ASSERT_TRUE(s.undo());
  EXPECT_EQ(text(s, DocumentKind::Briefing), opened);
}

TEST(BriefingEdits, ViewEditsUndoAndTheSceneFilesOwnViewsStayThere) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("tb-view-edits-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  scene::Scene sc = smallScene();
  sc.path = (dir / "scene.json").string();
  sc.viewsPath = (dir / "views.json").string();
  scene::saveViews(sc.viewsPath, {view("harbour", 41.6)});
  sc.views.push_back(view("harbour", 41.6));
  Session s(sc);
  const auto& d = s.documents().views;
  EXPECT_TRUE(d.inSceneFile("overview"));
  EXPECT_FALSE(d.inSceneFile("harbour"));

  expectUndoable(s, addView(d, view("castle", 41.67)), DocumentKind::Views);
  expectUndoable(s, addView(d, view("harbour", 41.65)), DocumentKind::Views);  // replaces
  EXPECT_EQ(d.views.size(), 3u);
  expectUndoable(s, renameView(d, 1, "old harbour"), DocumentKind::Views);
  expectUndoable(s, deleteView(d, 2), DocumentKind::Views);
  EXPECT_EQ(renameView(d, 1, "overview").problem, "there is already a view called \"overview\"");
  EXPECT_NE(deleteView(d, 0).problem.find("defined in the scene file"), std::string::npos);
  EXPECT_FALSE(renameView(d, 0, "x"));
  EXPECT_FALSE(addView(d, view("  ", 41.6)));

  s.saveViews();
  EXPECT_FALSE(s.dirty(DocumentKind::Views));
  const auto saved = scene::loadViews(sc.viewsPath);
  ASSERT_EQ(saved.size(), 1u);  // "old harbour"; the scene's own overview stays in the scene file
  EXPECT_EQ(saved[0].name, "old harbour");
  fs::remove_all(dir);
}

TEST(BriefingEdits, SaveAsWritesTheFullPathAndCleansTheBriefing) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("tb-save-as-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "mine");
  Session s(smallScene());
  briefing::Briefing b;
  b.path = (dir / "b.json").string();
  b.scene = "scene.json";
  b.scenePath = (dir / "scene.json").string();
  b.steps = {step("a")};
  s.openBriefing(b);
  const auto& d = s.documents().briefing;
  briefing::Step st = d.briefing.steps[0];
  st.title = "Edited";
  ASSERT_EQ(s.execute(editStep(d, 0, st, "edit step title")), "");
  ASSERT_TRUE(s.dirty(DocumentKind::Briefing));
  const std::string written = s.saveBriefingAs((dir / "mine" / "x.json").string());
  EXPECT_EQ(written, (dir / "mine" / "x.json").lexically_normal().string());
  EXPECT_FALSE(s.dirty(DocumentKind::Briefing));
  std::ifstream in(written);
  const std::string saved((std::istreambuf_iterator<char>(in)), {});
  EXPECT_NE(saved.find("\"scene\": \"../scene.json\""), std::string::npos) << saved;
  EXPECT_NE(saved.find("\"title\": \"Edited\""), std::string::npos) << saved;
  EXPECT_EQ(d.briefing.path, written);
  // Undo after saving: dirty again, and Save writes to the new file.
  ASSERT_TRUE(s.undo());
  EXPECT_TRUE(s.dirty(DocumentKind::Briefing));
  EXPECT_THROW(s.saveBriefingAs((dir / "no" / "such" / "dir.json").string()), std::exception);
  EXPECT_TRUE(s.dirty(DocumentKind::Briefing));
  fs::remove_all(dir);
}
