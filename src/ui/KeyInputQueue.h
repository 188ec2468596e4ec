// Keyboard input for Dear ImGui 1.86 that no frame rate can lose. ImGui 1.86 samples the keys
// once per frame (io.KeysDown), so a key pressed and released between two frames is never
// seen (a Return tap at 5 frames per second), and its own key repeat fires at most once per
// frame (a held Backspace deletes one character per frame). This queue keeps every key
// transition and typed character in order and hands ImGui at most one transition per key per
// frame; the rest wait for the next frames. Each repeat event of the system becomes one fresh
// press, and ImGui's own timed repeat is held back for keys (not for the mouse: a +/- button held
// down still repeats), so a held key repeats at the system's rate, up to one repeat per frame:
// repeats beyond that are dropped rather than queued, so a key stops as soon as it is released
// (a backlog of repeats would go on deleting text for seconds at a few frames per second). Mouse buttons go through the same queue, so a click acts only after the keys
// and characters that came before it (typing a name, then clicking Apply at 3 frames per second,
// applies the whole name), and a quick click between two frames is still seen.
#pragma once
#include <deque>

struct ImGuiIO;

namespace tb::ui {

class KeyInputQueue {
 public:
  enum class Action { Release, Press, Repeat };  // GLFW_RELEASE, GLFW_PRESS, GLFW_REPEAT in that order
  // key: a GLFW key code (the index ImGui's GLFW backend uses in io.KeysDown).
  void key(int key, Action action);
  void character(unsigned int codepoint);
  // button: a GLFW mouse button (ImGui's io.MouseDown index); pressed: GLFW_PRESS.
  void mouseButton(int button, bool pressed);
  // Before ImGui::NewFrame: applies what this frame may see, in arrival order, up to the first
  // event of a key or button that already changed this frame. Also keeps io's modifier flags in
  // step, and sets io.MouseDown for every button it has had an event for (overriding the state
  // the backend read from the window).
  void feed(ImGuiIO& io);
  bool pending() const { return !events_.empty(); }
  // After ImGui::NewFrame: no key has been down longer than io.KeyRepeatDelay as far as ImGui
  // can tell, so its timed repeat never fires for keys (their repeats are the system's events,
  // fed as presses). The mouse keeps ImGui's timed repeat, which shares that delay.
  static void holdBackTimedKeyRepeat(ImGuiIO& io);

 private:
  enum class Kind { Key, Character, Mouse };
  struct Event {
    Kind kind = Kind::Key;
    int key = 0;  // the key, or the mouse button
    Action action = Action::Press;
    unsigned int codepoint = 0;
  };
  std::deque<Event> events_;
  static constexpr int kMouseButtons = 5;  // IM_ARRAYSIZE(ImGuiIO::MouseDown)
  int mouseDown_[kMouseButtons] = {-1, -1, -1, -1, -1};  // -1: no event yet, the backend's state stands
};

}  // namespace tb::ui
