// The briefing file: a good file parses into the model; each listed error names the file, the
// line:col and the JSON pointer; saving writes atomically and round-trips; the default
// Kyongsong briefing parses and validates against the default scene.
#include <gtest/gtest.h>

#include <filesystem>

#include "BriefingFixtures.h"
#include "briefing/Briefing.h"
#include "core/Error.h"

namespace tb::briefing {
namespace {

using test::lineColOf;

const char* kGood = R"({
  "format": "terrabrief-briefing/1",
  "title": "Test briefing",
  "scene": "scene.json",
  "steps": [
    {"id": "start", "title": "Overview", "caption": "Line one\nLine two", "view": {"view": "overview"}, "hold": 3},
    {"id": "west", "title": "West", "view": {"site": "west"}, "hold": 2,
     "transition": {"kind": "flight", "duration": 4, "easing": "smoothstep"},
     "orbit": {"degreesPerSecond": 3}, "layers": [{"name": "Coast", "visible": false}, {"name": "Cover", "opacity": 0.5}],
     "exaggeration": 2.5, "sun": {"azimuth": 200, "elevation": 20}, "highlight": ["west", "far-note"]},
    {"id": "look", "title": "Look", "view": {"lookAt": {"lat": 41.6, "lon": 129.6}, "range": 5000, "heading": 45, "pitch": -40},
     "hold": 0, "transition": {"kind": "fade", "duration": 2}},
    {"id": "cam", "title": "Camera", "view": {"camera": {"lat": 41.5, "lon": 129.7, "height": 2500}, "heading": 300, "pitch": 5},
     "transition": {"kind": "cut"}}
  ]
})";

struct BriefingFile : ::testing::Test {
  std::string dir = test::scratchDir(::testing::UnitTest::GetInstance()->current_test_info()->name());
  std::string path = dir + "/b.json";
  scene::Scene scene = test::testScene();

  void SetUp() override { test::writeText(dir + "/scene.json", "{}"); }

  // Parses and validates `text`; returns the error message ("" when none).
  std::string errorOf(const std::string& text) {
    test::writeText(path, text);
    try {
      validateAgainst(loadBriefing(path), scene);
    } catch (const Error& e) {
      return e.what();
    }
    return "";
  }
  // kGood with one substring replaced.
  static std::string goodWith(const std::string& from, const std::string& to) {
    std::string s = kGood;
    const size_t at = s.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    return s.replace(at, from.size(), to);
  }
};

TEST_F(BriefingFile, ParsesEveryField) {
  test::writeText(path, kGood);
  const Briefing b = loadBriefing(path);
  validateAgainst(b, scene);
  EXPECT_EQ(b.title, "Test briefing");
  EXPECT_EQ(std::filesystem::path(b.scenePath), std::filesystem::path(dir) / "scene.json");
  ASSERT_EQ(b.steps.size(), 4u);
  EXPECT_EQ(b.steps[0].caption, "Line one\nLine two");
  EXPECT_EQ(b.steps[0].view.kind, StepView::Kind::View);
  EXPECT_FALSE(b.steps[0].transition.durationSeconds);
  const Step& w = b.steps[1];
  EXPECT_EQ(w.view.kind, StepView::Kind::Site);
  EXPECT_EQ(w.view.ref, "west");
  EXPECT_EQ(w.transition.kind, TransitionKind::Flight);
  EXPECT_EQ(*w.transition.durationSeconds, 4.0);
  EXPECT_EQ(w.transition.easing, camera::Easing::Smoothstep);
  EXPECT_EQ(*w.orbitDegPerSec, 3.0);
  ASSERT_EQ(w.layers.size(), 2u);
  EXPECT_EQ(*w.layers[0].visible, false);
  EXPECT_FALSE(w.layers[0].opacity);
  EXPECT_EQ(*w.layers[1].opacity, 0.5);
  EXPECT_EQ(*w.exaggeration, 2.5);
  EXPECT_EQ(w.sun->azimuthDeg, 200.0);
  EXPECT_EQ(w.highlight, (std::vector<std::string>{"west", "far-note"}));
  EXPECT_EQ(b.steps[2].view.spec.kind, scene::ViewSpec::Kind::LookAt);
  EXPECT_EQ(b.steps[2].view.spec.rangeOrHeight, 5000.0);
  EXPECT_EQ(b.steps[2].holdSeconds, 0.0);
  EXPECT_EQ(b.steps[2].transition.kind, TransitionKind::Fade);
  EXPECT_EQ(b.steps[3].view.spec.kind, scene::ViewSpec::Kind::Camera);
  EXPECT_EQ(b.steps[3].view.spec.pitchDeg, 5.0);
  EXPECT_EQ(b.steps[3].transition.kind, TransitionKind::Cut);
}

TEST_F(BriefingFile, UnknownSiteIdNamesPlaceAndPointer) {
  const std::string text = goodWith(R"({"site": "west"})", R"({"site": "wset"})");
  EXPECT_EQ(errorOf(text).rfind(path + ":" + lineColOf(text, "\"wset\"") + ": /steps/1/view/site: unknown site id \"wset\"", 0), 0u)
      << errorOf(text);
}

TEST_F(BriefingFile, UnknownHighlightAndLayerAreErrors) {
  std::string text = goodWith(R"("far-note"])", R"("nowhere"])");
  EXPECT_EQ(errorOf(text).rfind(path + ":" + lineColOf(text, "\"nowhere\"") + ": /steps/1/highlight/1: unknown site id", 0), 0u)
      << errorOf(text);
  text = goodWith(R"("name": "Coast")", R"("name": "Coastline")");
  EXPECT_EQ(errorOf(text).rfind(path + ":" + lineColOf(text, "\"Coastline\"") + ": /steps/1/layers/0/name: unknown layer", 0), 0u)
      << errorOf(text);
}

TEST_F(BriefingFile, NoteSiteCannotBeAView) {
  const std::string text = goodWith(R"({"site": "west"})", R"({"site": "far-note"})");
  EXPECT_NE(errorOf(text).find("/steps/1/view/site: site \"far-note\" is a note without a position"), std::string::npos)
      << errorOf(text);
}

TEST_F(BriefingFile, UnknownViewName) {
  const std::string text = goodWith(R"({"view": "overview"})", R"({"view": "overveiw"})");
  EXPECT_EQ(errorOf(text).rfind(path + ":" + lineColOf(text, "\"overveiw\"") + ": /steps/0/view/view: unknown view name \"overveiw\"", 0), 0u)
      << errorOf(text);
}

TEST_F(BriefingFile, NegativeDurations) {
  std::string text = goodWith(R"("hold": 2,)", R"("hold": -2,)");
  EXPECT_EQ(errorOf(text), path + ":" + lineColOf(text, "-2") + ": /steps/1/hold: a duration must not be negative (found -2 s)");
  text = goodWith(R"("duration": 2)", R"("duration": -0.5)");
  EXPECT_EQ(errorOf(text), path + ":" + lineColOf(text, "-0.5") +
                               ": /steps/2/transition/duration: a duration must not be negative (found -0.5 s)");
}

TEST_F(BriefingFile, PitchOutOfRange) {
  std::string text = goodWith(R"("pitch": -40)", R"("pitch": -95)");
  EXPECT_EQ(errorOf(text).rfind(path + ":" + lineColOf(text, "-95") + ": /steps/2/view/pitch: pitch -95 is out of range -90..0", 0), 0u)
      << errorOf(text);
  text = goodWith(R"("pitch": 5)", R"("pitch": 91)");
  EXPECT_EQ(errorOf(text).rfind(path + ":" + lineColOf(text, "91") + ": /steps/3/view/pitch: pitch 91 is out of range -90..90", 0), 0u)
      << errorOf(text);
}

TEST_F(BriefingFile, MissingScene) {
  const std::string text = goodWith(R"("scene.json")", R"("no-such-scene.json")");
  EXPECT_EQ(errorOf(text).rfind(path + ":" + lineColOf(text, "\"no-such-scene.json\"") + ": /scene: the scene file", 0), 0u)
      << errorOf(text);
  EXPECT_NE(errorOf(text).find("does not exist"), std::string::npos);
}

TEST_F(BriefingFile, ShapeErrors) {
  std::string text = goodWith(R"("hold": 3})", R"("hold": 3, "hodl": 1})");
  EXPECT_EQ(errorOf(text).rfind(path + ":" + lineColOf(text, "\"hodl\"") + ": /steps/0: unknown key \"hodl\"", 0), 0u)
      << errorOf(text);
  text = goodWith(R"({"view": "overview"})", R"({"view": "overview", "site": "west"})");
  EXPECT_NE(errorOf(text).find("/steps/0/view: a view needs exactly one of"), std::string::npos) << errorOf(text);
  text = goodWith(R"("kind": "cut")", R"("kind": "wipe")");
  EXPECT_NE(errorOf(text).find("/steps/3/transition/kind: unknown transition \"wipe\""), std::string::npos);
  text = goodWith(R"("id": "look")", R"("id": "west")");
  EXPECT_NE(errorOf(text).find("/steps/2/id: duplicate step id \"west\""), std::string::npos);
  text = goodWith(R"("terrabrief-briefing/1")", R"("terrabrief-briefing/9")");
  EXPECT_NE(errorOf(text).find("/format: unsupported format"), std::string::npos);
  // Syntax errors come from scene/JsonDocument: the file and the line of the bad token.
  const std::string syntax = errorOf("{\n  \"format\": ,\n}");
  EXPECT_EQ(syntax.rfind(path + ":2:", 0), 0u) << syntax;
  EXPECT_NE(syntax.find("JSON syntax error"), std::string::npos) << syntax;
}

TEST_F(BriefingFile, SaveRoundTripsAndIsAtomic) {
  test::writeText(path, kGood);
  const Briefing a = loadBriefing(path);
  const std::string out = dir + "/saved.json";
  saveBriefing(out, a);
  const Briefing b = loadBriefing(out);
  EXPECT_EQ(briefingToJson(a), briefingToJson(b));
  ASSERT_EQ(b.steps.size(), a.steps.size());
  EXPECT_EQ(b.steps[1].layers[1].opacity, a.steps[1].layers[1].opacity);
  EXPECT_EQ(b.steps[3].view.spec.rangeOrHeight, 2500.0);
  // No temporary files are left beside it.
  int files = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir)) files += e.is_regular_file();
  EXPECT_EQ(files, 3);  // scene.json, b.json, saved.json
  EXPECT_THROW(saveBriefing(dir + "/no-such-dir/x.json", a), Error);
}

TEST(DefaultBriefing, ParsesAndValidatesAgainstTheDefaultScene) {
  const scene::Scene s = scene::loadScene(TB_SOURCE_DIR "/assets/kyongsong/kyongsong.json");
  const Briefing b = loadBriefing(TB_SOURCE_DIR "/assets/kyongsong/kyongsong-briefing.json");
  EXPECT_NO_THROW(validateAgainst(b, s));
  EXPECT_GE(b.steps.size(), 8u);
  EXPECT_LE(b.steps.size(), 10u);
  EXPECT_EQ(std::filesystem::canonical(b.scenePath), std::filesystem::canonical(s.path));
  for (const Step& step : b.steps) {
    EXPECT_NE(step.caption.find("Source: city brief, \xC2\xB6"), std::string::npos) << step.id << " cites no paragraph";
    EXPECT_GT(step.holdSeconds, 0.0) << step.id;
  }
}

}  // namespace
}  // namespace tb::briefing
