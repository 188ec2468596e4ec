// A Dear ImGui context for unit tests that draw real panels without a window or GL: no ini file,
// the given display size, the default font built (ImGui refuses a frame without one).
#pragma once
#include <imgui.h>

namespace tb::test {

inline ImGuiIO& createHeadlessImGui(ImVec2 displaySize) {
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.DisplaySize = displaySize;
  unsigned char* pixels = nullptr;
  int w = 0, h = 0;
  io.Fonts->GetTexDataAsAlpha8(&pixels, &w, &h);
  return io;
}

}  // namespace tb::test
