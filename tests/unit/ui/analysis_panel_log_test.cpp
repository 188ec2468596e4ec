// The Analysis panel's tool buttons log their positions (debug; the window tests click by them)
// only when they move: each button keeps its own last position, so a still panel logs nothing
// after its first frame. With one shared key the six buttons overwrote each other's position and
// all six logged again every frame. Real ImGui context, no window, no GL.
#include <gtest/gtest.h>
#include <imgui.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <sstream>
#include <string>

#include "../HeadlessImGui.h"
#include "ui/AnalysisUi.h"
#include "ui/PanelParts.h"
#include "world/World.h"

namespace tb::ui {
namespace {

int countOf(const std::string& text, const std::string& what) {
  int n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST(AnalysisPanelLog, EachToolButtonLogsItsPositionOnceWhileThePanelStaysStill) {
  ImGuiIO& io = test::createHeadlessImGui(ImVec2(800, 600));

  std::ostringstream captured;
  auto previous = spdlog::default_logger();
  auto logger = std::make_shared<spdlog::logger>("capture", std::make_shared<spdlog::sinks::ostream_sink_mt>(captured));
  logger->set_level(spdlog::level::debug);
  spdlog::set_default_logger(logger);

  const world::World world{};
  AnalysisUiState state;
  std::string firstFrame;
  for (int frame = 0; frame < 4; ++frame) {
    io.DeltaTime = 1.0f / 60.0f;
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(10, 10));
    ImGui::SetNextWindowSize(ImVec2(420, 560));
    ImGui::Begin("Analysis");
    AnalysisRequests requests;
    drawAnalysisSection(world, state, requests);
    ImGui::End();
    ImGui::EndFrame();
    if (frame == 0) firstFrame = captured.str();
  }
  spdlog::set_default_logger(previous);
  ImGui::DestroyContext();

  const std::string all = captured.str();
  for (const char* tool : {"Measure", "Area", "Profile", "Line of sight", "Viewshed", "Rings"}) {
    const std::string line = std::string("analysis tool \"") + tool + "\" at ";
    EXPECT_EQ(countOf(firstFrame, line), 1) << tool << " in the first frame:\n" << firstFrame;
    EXPECT_EQ(countOf(all, line), 1) << tool << " logged again in a still panel:\n" << all;
  }
}

}  // namespace
}  // namespace tb::ui
