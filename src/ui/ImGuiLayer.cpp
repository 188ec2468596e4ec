// ImGui context and backends (see ImGuiLayer.h). The backends issue the GL calls; this file
// issues none.
#include "ui/ImGuiLayer.h"

#include <imgui.h>
#include <imgui_freetype.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include <cfloat>
#include <string_view>

#include "core/Error.h"
#include "ui/KeyInputQueue.h"
#include "ui/ViewerPanels.h"

namespace tb::embedded {
std::string_view fonts(std::string_view fileName);  // tb_render's embedded fonts
}

namespace tb::ui {
namespace {

// ImGui's GLFW backend serves one window, so one set of key routes is enough.
struct KeyRoute {
  GLFWwindow* window = nullptr;
  GLFWkeyfun userKey = nullptr;    // the application's callbacks, installed before ImGui's
  GLFWcharfun userChar = nullptr;
  GLFWmousebuttonfun backendMouse = nullptr;  // ImGui's, which chains to the application's
  KeyInputQueue queue;
};
KeyRoute gKeys;

void onKey(GLFWwindow* w, int key, int scancode, int action, int mods) {
  if (gKeys.userKey) gKeys.userKey(w, key, scancode, action, mods);
  if (w != gKeys.window) return;
  const auto a = action == GLFW_RELEASE ? KeyInputQueue::Action::Release
                 : action == GLFW_REPEAT ? KeyInputQueue::Action::Repeat
                                         : KeyInputQueue::Action::Press;
  gKeys.queue.key(key, a);
}

void onChar(GLFWwindow* w, unsigned int c) {
  if (gKeys.userChar) gKeys.userChar(w, c);
  if (w == gKeys.window) gKeys.queue.character(c);
}

void onMouseButton(GLFWwindow* w, int button, int action, int mods) {
  if (gKeys.backendMouse) gKeys.backendMouse(w, button, action, mods);
  if (w == gKeys.window) gKeys.queue.mouseButton(button, action == GLFW_PRESS);
}

void applyStyle(float scale) {
  ImGui::StyleColorsDark();
  ImGuiStyle& style = ImGui::GetStyle();
  style.WindowRounding = 0;
  style.FrameRounding = 3;
  style.GrabRounding = 3;
  style.WindowBorderSize = 0;
  style.ItemSpacing = ImVec2(8, 5);
  style.FramePadding = ImVec2(6, 4);
  style.Colors[ImGuiCol_WindowBg] = ImVec4(kPanelBackground[0], kPanelBackground[1], kPanelBackground[2], 0.97f);
  style.Colors[ImGuiCol_Header] = ImVec4(0.20f, 0.32f, 0.48f, 0.80f);
  style.ScaleAllSizes(scale);
}

}  // namespace

ImGuiLayer::ImGuiLayer(GLFWwindow* window, float contentScale) {
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.LogFilename = nullptr;
  applyStyle(contentScale);

  // Latin-1 covers ° and ×; General Punctuation ′ ″ — · …; Geometric Shapes ▲ ▼ ◀ ▶.
  static const ImWchar kRanges[] = {0x0020, 0x00FF, 0x2010, 0x2044, 0x2190, 0x2193, 0x25A0, 0x25CF, 0};
  const std::string_view ttf = embedded::fonts("DejaVuSans.ttf");
  if (ttf.empty()) throw internalError("DejaVuSans.ttf", "font is not embedded in this binary");
  ImFontConfig config;
  config.FontDataOwnedByAtlas = false;  // the bytes live in the binary's read-only data
  io.Fonts->FontBuilderIO = ImGuiFreeType::GetBuilderForFreeType();
  io.Fonts->AddFontFromMemoryTTF(const_cast<char*>(ttf.data()), static_cast<int>(ttf.size()),
                                 15.0f * contentScale, &config, kRanges);

  // The backend's key and char callbacks set ImGui's per-frame key state at once, which loses
  // quick taps at low frame rates: ours queue them instead (KeyInputQueue) and still chain to
  // the application's callbacks, as the backend's did. Mouse buttons join the same queue, so a
  // click never overtakes the characters typed before it.
  gKeys.userKey = glfwSetKeyCallback(window, nullptr);
  gKeys.userChar = glfwSetCharCallback(window, nullptr);
  glfwSetKeyCallback(window, gKeys.userKey);
  glfwSetCharCallback(window, gKeys.userChar);
  ImGui_ImplGlfw_InitForOpenGL(window, true);
  gKeys.window = window;
  gKeys.queue = KeyInputQueue();
  glfwSetKeyCallback(window, onKey);
  glfwSetCharCallback(window, onChar);
  gKeys.backendMouse = glfwSetMouseButtonCallback(window, onMouseButton);
  if (!ImGui_ImplOpenGL3_Init("#version 450 core"))
    throw internalError("ImGui", "the OpenGL 3 backend cannot start on this context");
}

ImGuiLayer::~ImGuiLayer() {
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();  // puts back the application's callbacks, found at InitForOpenGL
  gKeys = KeyRoute();
  ImGui::DestroyContext();
}

void ImGuiLayer::newFrame(double cursorX, double cursorY) {
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  gKeys.queue.feed(ImGui::GetIO());
  // Negative: the pointer is outside the window.
  ImGui::GetIO().MousePos = cursorX >= 0 && cursorY >= 0
                                ? ImVec2(static_cast<float>(cursorX), static_cast<float>(cursorY))
                                : ImVec2(-FLT_MAX, -FLT_MAX);
  ImGui::NewFrame();
  KeyInputQueue::holdBackTimedKeyRepeat(ImGui::GetIO());
}

void ImGuiLayer::render() {
  ImGui::Render();
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

void ImGuiLayer::endFrameWithoutDrawing() { ImGui::EndFrame(); }

ImGuiLayer::DrawStats ImGuiLayer::lastDrawStats() const {
  DrawStats st;
  const ImDrawData* d = ImGui::GetDrawData();
  if (!d) return st;
  st.vertices = d->TotalVtxCount;
  st.indices = d->TotalIdxCount;
  for (int i = 0; i < d->CmdListsCount; ++i) st.drawCalls += d->CmdLists[i]->CmdBuffer.Size;
  return st;
}

bool ImGuiLayer::wantsMouse() const { return ImGui::GetIO().WantCaptureMouse; }
bool ImGuiLayer::wantsKeyboard() const { return ImGui::GetIO().WantCaptureKeyboard; }
bool ImGuiLayer::hasQueuedKeys() const { return gKeys.queue.pending(); }
bool ImGuiLayer::holdsWidget() const { return ImGui::IsAnyItemActive() && ImGui::IsAnyMouseDown(); }

}  // namespace tb::ui
