// The Briefing panel's step editor with a real ImGui context (no window, no GL), its requests
// carried out as the viewer does (applyStepEdit): how many undo steps clicks of the −/+ buttons,
// typing and drags make (a click's change comes in the frame its button is let go, so a click
// must not leave its undo step open for the next edit of the same field), and what a layer's
// opacity writes. The mouse is moved to the positions the panel logs
// for the window tests ("ui: ... at x,y").
#include <gtest/gtest.h>
#include <imgui.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <regex>
#include <sstream>

#include "../HeadlessImGui.h"
#include "session/Session.h"
#include "ui/PanelParts.h"
#include "viewer/PresenterEdits.h"

namespace tb::viewer {
namespace {

class StepEditorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ImGuiIO& io = test::createHeadlessImGui(ImVec2(520, 1000));
    io.DeltaTime = 0.2f;  // llvmpipe's 5 frames a second
    // The panel's debug lines go to a string only (the test reads positions from it).
    previousLogger_ = spdlog::default_logger();
    auto logger = std::make_shared<spdlog::logger>(
        "step-editor-test", std::make_shared<spdlog::sinks::ostream_sink_mt>(logText_));
    logger->set_pattern("%v");
    logger->set_level(spdlog::level::debug);
    spdlog::set_default_logger(logger);

    world_.scene.imagery.push_back({"photo", "", true, 0.8f});
    world_.scene.overlays.push_back({"roads", "", glm::vec4(1.0f)});
    briefing::Step a;
    a.id = "a";
    a.title = "First";
    a.view.kind = briefing::StepView::Kind::View;
    a.view.ref = "overview";
    a.holdSeconds = 6.0;
    a.transition.durationSeconds = 5.0;
    briefing::Briefing b;
    b.steps = {a};
    session_.openBriefing(b);
    state_.documents = &session_.documents();
    state_.editor.selectedStep = 0;
    state_.editor.strip = {{0.0, 6.0}};  // the viewer sets it from the planned timeline
    frame();
  }
  void TearDown() override {
    spdlog::set_default_logger(previousLogger_);
    ImGui::DestroyContext();
  }

  // One frame of the panel with the mouse at `mouse`, button 1 `down`; then the viewer's part.
  void frame(ImVec2 mouse = ImVec2(510, 990), bool down = false) {
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = mouse;
    io.MouseDown[0] = down;
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    ImGui::Begin("Briefing", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove);
    ui::UiRequests requests;
    ui::drawBriefingSection(world_, state_, requests);
    ImGui::End();
    ImGui::EndFrame();
    const std::string problem = applyStepEdit(session_, requests);
    EXPECT_TRUE(problem.empty() || problem == "nothing changed") << problem;
  }
  // Where the panel last said the item is.
  ImVec2 at(const std::string& what, const std::string& name) {
    const std::regex re("ui: " + what + " \"" + std::regex_replace(name, std::regex(R"([()+])"), R"(\$&)") +
                        R"(" at (\d+),(\d+))");
    const std::string text = logText_.str();
    ImVec2 found(-1, -1);
    for (std::sregex_iterator m(text.begin(), text.end(), re), end; m != end; ++m)
      found = ImVec2(std::stof((*m)[1]), std::stof((*m)[2]));
    EXPECT_GE(found.x, 0) << what << " " << name << " not logged:\n" << text;
    return found;
  }
  void click(ImVec2 p) {
    frame(p, false);
    frame(p, true);
    frame(p, false);
    frame();
  }
  int undoSteps() const { return static_cast<int>(session_.history().size()); }
  const briefing::Step& step() const { return session_.documents().briefing.briefing.steps.at(0); }
  std::string saved() const { return briefing::briefingToJson(session_.documents().briefing.briefing); }

  world::World world_;
  session::Session session_;
  ui::ViewerUiState state_;
  std::ostringstream logText_;
  std::shared_ptr<spdlog::logger> previousLogger_;
};

TEST_F(StepEditorTest, EachClickOfHoldAndLengthButtonsIsItsOwnUndoStep) {
  const ImVec2 plus = at("step field button", "Hold (s) +");
  for (int i = 0; i < 3; ++i) click(plus);
  EXPECT_DOUBLE_EQ(step().holdSeconds, 7.5);
  EXPECT_EQ(undoSteps(), 3);
  click(at("step field button", "Length (s) -"));
  click(at("step field button", "Length (s) -"));
  EXPECT_DOUBLE_EQ(*step().transition.durationSeconds, 4.0);
  EXPECT_EQ(undoSteps(), 5);
  ASSERT_TRUE(session_.undo());
  EXPECT_DOUBLE_EQ(*step().transition.durationSeconds, 4.5);
  ASSERT_TRUE(session_.undo());
  ASSERT_TRUE(session_.undo());
  EXPECT_DOUBLE_EQ(*step().transition.durationSeconds, 5.0);
  EXPECT_DOUBLE_EQ(step().holdSeconds, 7.0);
}

TEST_F(StepEditorTest, AButtonHeldDownRepeatsAsOneUndoStep) {
  const ImVec2 plus = at("step field button", "Hold (s) +");
  frame(plus, false);
  for (int i = 0; i < 5; ++i) frame(plus, true);  // a second: past ImGui's repeat delay
  frame(plus, false);
  frame();
  EXPECT_GT(step().holdSeconds, 7.0);  // several repeats
  EXPECT_EQ(undoSteps(), 1);
  ASSERT_TRUE(session_.undo());
  EXPECT_DOUBLE_EQ(step().holdSeconds, 6.0);
}

TEST_F(StepEditorTest, TypingIsOneUndoStepAndAClickBeforeOrAfterItAnother) {
  const ImVec2 plus = at("step field button", "Hold (s) +");
  const ImVec2 field(plus.x - 80, plus.y);  // the number itself, left of its buttons
  click(plus);
  EXPECT_DOUBLE_EQ(step().holdSeconds, 6.5);
  click(field);  // takes focus and selects the text
  for (const char c : {'1', '2'}) {
    ImGui::GetIO().AddInputCharacter(c);
    frame(field, false);
  }
  EXPECT_DOUBLE_EQ(step().holdSeconds, 12.0);
  click(plus);  // lets the field go, then steps
  EXPECT_DOUBLE_EQ(step().holdSeconds, 12.5);
  EXPECT_EQ(undoSteps(), 3);
  ASSERT_TRUE(session_.undo());
  EXPECT_DOUBLE_EQ(step().holdSeconds, 12.0);
  ASSERT_TRUE(session_.undo());
  EXPECT_DOUBLE_EQ(step().holdSeconds, 6.5);
  ASSERT_TRUE(session_.undo());
  EXPECT_DOUBLE_EQ(step().holdSeconds, 6.0);
}

TEST_F(StepEditorTest, ADragOfTheTimelineEdgeAfterAClickIsItsOwnUndoStep) {
  click(at("step field button", "Hold (s) +"));
  EXPECT_DOUBLE_EQ(step().holdSeconds, 6.5);
  // Step 1's right edge is the strip's right end: grab it just inside.
  const std::regex edgeAt(R"(ui: timeline edge of step 1 at (\d+),(\d+))");
  std::smatch m;
  const std::string text = logText_.str();
  ASSERT_TRUE(std::regex_search(text, m, edgeAt)) << text;
  const ImVec2 edge(std::stof(m[1]) - 2, std::stof(m[2]));
  frame(edge, false);
  frame(edge, true);
  for (int dx = 40; dx <= 160; dx += 40) frame(ImVec2(edge.x - dx, edge.y), true);
  frame(ImVec2(edge.x - 160, edge.y), false);
  frame();
  EXPECT_LT(step().holdSeconds, 5.5);
  EXPECT_EQ(undoSteps(), 2);
  ASSERT_TRUE(session_.undo());
  EXPECT_DOUBLE_EQ(step().holdSeconds, 6.5);
}

TEST_F(StepEditorTest, LayerOpacityIsUnchangedUntilSetAndOneDragIsOneUndoStep) {
  const std::string before = saved();
  click(at("step section", "Layers shown"));
  // Unset: the file has no entry for the layer, and no slider shows.
  EXPECT_TRUE(step().layers.empty());
  EXPECT_EQ(logText_.str().find("ui: step layer opacity \"photo\""), std::string::npos);
  EXPECT_EQ(logText_.str().find("ui: step layer opacity check \"roads\""), std::string::npos);  // lines: on/off only

  click(at("step layer opacity check", "photo"));
  ASSERT_EQ(step().layers.size(), 1u);
  EXPECT_EQ(step().layers[0].name, "photo");
  EXPECT_FALSE(step().layers[0].visible);  // visibility stays "as before"
  ASSERT_TRUE(step().layers[0].opacity);
  EXPECT_NEAR(*step().layers[0].opacity, 0.8, 1e-6);  // starts at the scene's own
  EXPECT_EQ(undoSteps(), 1);

  frame();
  const ImVec2 slider = at("step layer opacity", "photo");
  frame(slider, false);
  frame(slider, true);
  for (int dx = 5; dx <= 60; dx += 5) frame(ImVec2(slider.x - dx, slider.y), true);
  frame(ImVec2(slider.x - 60, slider.y), false);
  frame();
  ASSERT_TRUE(step().layers[0].opacity);
  const double dragged = *step().layers[0].opacity;
  EXPECT_LT(dragged, 0.45);
  EXPECT_EQ(undoSteps(), 2);
  EXPECT_NE(saved().find("\"opacity\""), std::string::npos);

  ASSERT_TRUE(session_.undo());  // the whole drag
  EXPECT_NEAR(*step().layers[0].opacity, 0.8, 1e-6);
  ASSERT_TRUE(session_.redo());
  EXPECT_DOUBLE_EQ(*step().layers[0].opacity, dragged);

  click(at("step layer opacity check", "photo"));  // back to "as before"
  EXPECT_TRUE(step().layers.empty());
  EXPECT_EQ(saved(), before);
  ASSERT_TRUE(session_.undo());
  ASSERT_TRUE(session_.undo());
  ASSERT_TRUE(session_.undo());
  EXPECT_EQ(saved(), before);  // byte-identical
}

}  // namespace
}  // namespace tb::viewer
