// The Briefing panel's structural edits through the session: add the current camera as a step,
// reorder, delete, the selection, undo, the unsaved-changes state, and an atomic save (and Save
// As) that loads back the same briefing.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "core/Error.h"
#include "session/BriefingEdits.h"
#include "viewer/PresenterEdits.h"

namespace tb::viewer {
namespace {

briefing::Step named(const std::string& id) {
  briefing::Step s;
  s.id = id;
  s.title = id;
  s.view.kind = briefing::StepView::Kind::View;
  s.view.ref = "overview";
  return s;
}

// A session with a briefing of steps a, b, c open, the first selected (as the viewer opens it).
struct Opened {
  tb::session::Session session;
  int selected = 0;
  explicit Opened(briefing::Briefing b) { session.openBriefing(std::move(b)); }
  bool dirty() const { return session.dirty(tb::session::DocumentKind::Briefing); }
  const briefing::Briefing& briefing() const { return session.documents().briefing.briefing; }
};

std::unique_ptr<Opened> threeSteps() {
  briefing::Briefing b;
  b.steps = {named("a"), named("b"), named("c")};
  return std::make_unique<Opened>(b);
}

std::string order(const Opened& e) {
  std::string s;
  for (const auto& step : e.briefing().steps) s += step.id + " ";
  return s;
}

TEST(PresenterEdits, AddsTheCameraAsAStepAfterTheSelection) {
  auto e = threeSteps();
  ui::CameraReadout cam;
  cam.latDeg = 41.6123456789;
  cam.lonDeg = 129.7;
  cam.heightM = 2345.67;
  cam.headingDeg = 301.23;
  cam.pitchDeg = -27.5;
  const briefing::Step s = stepFromCamera(cam, e->briefing());
  EXPECT_EQ(s.id, "step-1");
  EXPECT_EQ(s.view.kind, briefing::StepView::Kind::Camera);
  EXPECT_NEAR(s.view.spec.lat, 41.612346, 1e-9);
  EXPECT_DOUBLE_EQ(s.view.spec.rangeOrHeight, 2346.0);
  EXPECT_NEAR(s.view.spec.headingDeg, 301.2, 1e-9);
  EXPECT_NEAR(s.view.spec.pitchDeg, -27.5, 1e-9);
  EXPECT_GT(s.holdSeconds, 0.0);

  e->selected = 1;
  EXPECT_EQ(addStep(e->session, e->selected, s), "");
  EXPECT_EQ(order(*e), "a b step-1 c ");
  EXPECT_EQ(e->selected, 2);
  EXPECT_TRUE(e->dirty());
  EXPECT_EQ(unusedStepId(e->briefing()), "step-2");  // ids stay unique

  e->selected = -1;  // nothing selected: at the end
  addStep(e->session, e->selected, stepFromCamera(cam, e->briefing()));
  EXPECT_EQ(order(*e), "a b step-1 c step-2 ");
  EXPECT_EQ(e->selected, 4);
  // Undo takes both away; the selection stays on a step that exists.
  ASSERT_TRUE(e->session.undo());
  ASSERT_TRUE(e->session.undo());
  EXPECT_EQ(order(*e), "a b c ");
  EXPECT_EQ(keptSelection(e->session, e->selected), 2);
  EXPECT_FALSE(e->dirty());
}

TEST(PresenterEdits, ReordersAndStopsAtTheEnds) {
  auto e = threeSteps();
  EXPECT_NE(moveStep(e->session, e->selected, 0, -1), "");
  EXPECT_NE(moveStep(e->session, e->selected, 2, +1), "");
  EXPECT_NE(moveStep(e->session, e->selected, 5, -1), "");
  EXPECT_FALSE(e->dirty());
  EXPECT_EQ(order(*e), "a b c ");
  EXPECT_EQ(moveStep(e->session, e->selected, 0, +1), "");
  EXPECT_EQ(order(*e), "b a c ");
  EXPECT_EQ(e->selected, 1);  // the moved step stays selected
  EXPECT_TRUE(e->dirty());
  EXPECT_EQ(moveStep(e->session, e->selected, 2, -1), "");
  EXPECT_EQ(order(*e), "b c a ");
  EXPECT_EQ(e->selected, 1);
}

TEST(PresenterEdits, DeletesAndKeepsASensibleSelection) {
  auto e = threeSteps();
  e->selected = 2;
  EXPECT_NE(deleteStep(e->session, e->selected, 3), "");
  EXPECT_FALSE(e->dirty());
  EXPECT_EQ(deleteStep(e->session, e->selected, 2), "");  // the last, selected: the new last is selected
  EXPECT_EQ(order(*e), "a b ");
  EXPECT_EQ(e->selected, 1);
  EXPECT_TRUE(e->dirty());
  e->selected = 1;
  EXPECT_EQ(deleteStep(e->session, e->selected, 0), "");  // before the selection: the selection follows its step
  EXPECT_EQ(order(*e), "b ");
  EXPECT_EQ(e->selected, 0);
  EXPECT_EQ(deleteStep(e->session, e->selected, 0), "");
  EXPECT_EQ(e->selected, -1);
  EXPECT_NE(deleteStep(e->session, e->selected, 0), "");
}

TEST(PresenterEdits, SaveWritesAtomicallyAndClearsDirty) {
  const std::string source = std::string(TB_DATA_DIR) + "/kyongsong/kyongsong-briefing.json";
  if (!std::filesystem::exists(source)) GTEST_SKIP() << "default data not built: " << source;
  const std::string dir = std::string(TB_TEST_OUTPUT_DIR) + "/viewer/presenter-edits";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);

  briefing::Briefing b = briefing::loadBriefing(source);
  b.path = dir + "/edited.json";
  b.scene = b.scenePath;  // absolute, so the copy still finds its scene
  Opened e(b);
  const std::size_t n = e.briefing().steps.size();
  ui::CameraReadout cam;
  cam.latDeg = 41.6, cam.lonDeg = 129.7, cam.heightM = 3000, cam.headingDeg = 300, cam.pitchDeg = -25;
  ASSERT_EQ(addStep(e.session, e.selected, stepFromCamera(cam, e.briefing())), "");
  briefing::Step edited = e.briefing().steps[1];
  edited.title = "Added from the viewer";
  edited.caption = "Two lines\nof caption";
  ASSERT_EQ(e.session.execute(session::editStep(e.session.documents().briefing, 1, edited, "edit step")), "");
  moveStep(e.session, e.selected, static_cast<int>(n), -1);  // and some reordering at the end
  ASSERT_TRUE(e.dirty());
  e.session.saveBriefing();
  EXPECT_FALSE(e.dirty());

  const briefing::Briefing back = briefing::loadBriefing(e.briefing().path);
  ASSERT_EQ(back.steps.size(), n + 1);
  EXPECT_EQ(back.steps[1].title, "Added from the viewer");
  EXPECT_EQ(back.steps[1].caption, "Two lines\nof caption");
  EXPECT_EQ(back.steps[1].view.kind, briefing::StepView::Kind::Camera);
  EXPECT_NEAR(back.steps[1].view.spec.rangeOrHeight, 3000.0, 1e-9);
  EXPECT_EQ(back.steps[n].id, e.briefing().steps[n].id);
  EXPECT_EQ(back.steps[n - 1].id, e.briefing().steps[n - 1].id);
  // No temporary file is left beside it.
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) files += entry.is_regular_file();
  EXPECT_EQ(files, 1);

  Opened nowhere{briefing::Briefing{}};
  EXPECT_THROW(nowhere.session.saveBriefing(), Error);
}

}  // namespace
}  // namespace tb::viewer

namespace tb::viewer {
namespace {

TEST(SameScene, TheSourceCopyOfTheShownSceneIsTheSameScene) {
  // Issue 12, item 2: opening assets/kyongsong/kyongsong-briefing.json in the viewer (which shows
  // the data directory's copy of the scene) was refused as "a briefing of another scene".
  namespace fs = std::filesystem;
  const fs::path dir = fs::path(TB_TEST_OUTPUT_DIR) / "same-scene";
  fs::remove_all(dir);
  fs::create_directories(dir / "assets");
  fs::create_directories(dir / "share");
  for (const char* d : {"assets", "share"}) std::ofstream(dir / d / "scene.json") << R"({"name": "S"})";
  std::ofstream(dir / "other.json") << R"({"name": "T"})";
  EXPECT_TRUE(sameScene((dir / "assets" / "scene.json").string(), (dir / "share" / "scene.json").string()));
  EXPECT_TRUE(sameScene((dir / "assets" / "scene.json").string(), (dir / "assets" / ".." / "assets" / "scene.json").string()));
  EXPECT_FALSE(sameScene((dir / "assets" / "scene.json").string(), (dir / "other.json").string()));
  EXPECT_FALSE(sameScene((dir / "missing.json").string(), (dir / "also-missing.json").string()));
}

}  // namespace
}  // namespace tb::viewer

namespace tb::viewer {
namespace {

TEST(PresenterEdits, SaveAsWritesANewFileThatFindsItsSceneAndBecomesTheTarget) {
  // Issue 12, item 2: Save wrote into the install folder for the default briefing; Save As keeps
  // the edits elsewhere, with the scene reference rewritten for the new place.
  const std::string source = std::string(TB_DATA_DIR) + "/kyongsong/kyongsong-briefing.json";
  if (!std::filesystem::exists(source)) GTEST_SKIP() << "default data not built: " << source;
  const std::filesystem::path dir = std::filesystem::path(TB_TEST_OUTPUT_DIR) / "viewer" / "save-as";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir / "mine");
  const std::string before = [&] {
    std::ifstream in(source, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }();

  Opened e(briefing::loadBriefing(source));
  briefing::Step edited = e.briefing().steps[0];
  edited.title = "Edited";
  ASSERT_EQ(e.session.execute(session::editStep(e.session.documents().briefing, 0, edited, "edit step")), "");
  EXPECT_TRUE(e.dirty());
  const std::string written = e.session.saveBriefingAs((dir / "mine" / "edited.json").string());
  EXPECT_EQ(written, (dir / "mine" / "edited.json").string());
  EXPECT_TRUE(std::filesystem::path(written).is_absolute());
  EXPECT_FALSE(e.dirty());
  EXPECT_EQ(e.briefing().path, written);  // Save now writes here
  const briefing::Briefing back = briefing::loadBriefing(written);
  EXPECT_EQ(back.steps[0].title, "Edited");
  EXPECT_TRUE(std::filesystem::equivalent(back.scenePath, std::string(TB_DATA_DIR) + "/kyongsong/kyongsong.json"));
  const std::string after = [&] {
    std::ifstream in(source, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }();
  EXPECT_EQ(after, before);  // the installed briefing is untouched
  EXPECT_THROW(e.session.saveBriefingAs((dir / "no" / "such" / "dir.json").string()), Error);
}

}  // namespace
}  // namespace tb::viewer
