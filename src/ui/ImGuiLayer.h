// Dear ImGui on a GLFW window: context, GLFW and OpenGL 3 backends, and a legible font (DejaVu
// Sans, sized by the display's content scale). No imgui.ini is ever written: the layout is fixed
// by the viewer, and tests must leave nothing behind.
#pragma once

struct GLFWwindow;

namespace tb::ui {

class ImGuiLayer {
 public:
  // installCallbacks: let the GLFW backend chain its callbacks after ones already installed.
  ImGuiLayer(GLFWwindow* window, float contentScale);
  ~ImGuiLayer();
  ImGuiLayer(const ImGuiLayer&) = delete;
  ImGuiLayer& operator=(const ImGuiLayer&) = delete;

  // cursorX/Y: the pointer in window units, as the viewer last saw it. The GLFW backend of ImGui
  // 1.86 reads the pointer only while the window has keyboard focus; without this an unfocused
  // window under the pointer would judge hovering from a stale position.
  void newFrame(double cursorX, double cursorY);
  void render();  // draws the frame's panels into the bound framebuffer (the window's)
  void endFrameWithoutDrawing();  // ends the frame like render() but draws nothing (the bench)
  // What the last render() drew (for `terrabrief bench --viewer`).
  struct DrawStats {
    int drawCalls = 0, vertices = 0, indices = 0;
  };
  DrawStats lastDrawStats() const;
  bool wantsMouse() const;     // the cursor is over a panel
  bool wantsKeyboard() const;  // a text field has focus
  // Key events still waiting for a frame (ImGui sees one transition per key per frame; see
  // KeyInputQueue): the caller keeps drawing frames until none are left.
  bool hasQueuedKeys() const;
  // A widget is held down with the mouse: ImGui repeats a held +/- button by time, so the caller
  // keeps drawing frames while nothing else happens.
  bool holdsWidget() const;
};

}  // namespace tb::ui
