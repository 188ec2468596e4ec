// KeyInputQueue (see KeyInputQueue.h).
#include "ui/KeyInputQueue.h"

#include <imgui.h>
#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include <algorithm>
#include <vector>

namespace tb::ui {

void KeyInputQueue::key(int key, Action action) {
  if (key < 0 || key >= IM_ARRAYSIZE(ImGuiIO::KeysDown)) return;  // GLFW_KEY_UNKNOWN and the like
  if (action == Action::Repeat) {
    // One repeat of a key waits at a time: ImGui sees at most one per frame, so more would pile
    // up at a few frames per second and the key would go on repeating long after its release.
    const auto last = std::find_if(events_.rbegin(), events_.rend(),
                                   [key](const Event& e) { return e.kind == Kind::Key && e.key == key; });
    if (last != events_.rend() && last->action == Action::Repeat) return;
  }
  events_.push_back({Kind::Key, key, action, 0});
}

void KeyInputQueue::character(unsigned int codepoint) {
  events_.push_back({Kind::Character, 0, Action::Press, codepoint});
}

void KeyInputQueue::mouseButton(int button, bool pressed) {
  if (button < 0 || button >= kMouseButtons) return;  // ImGui tracks five buttons
  events_.push_back({Kind::Mouse, button, pressed ? Action::Press : Action::Release, 0});
}

void KeyInputQueue::holdBackTimedKeyRepeat(ImGuiIO& io) {
  // ImGui 1.86 repeats a key only once it has been down for more than KeyRepeatDelay.
  for (float& t : io.KeysDownDuration) t = std::min(t, io.KeyRepeatDelay);
}

void KeyInputQueue::feed(ImGuiIO& io) {
  std::vector<int> changed;  // keys (and buttons, as -1 - button) that already changed this frame
  while (!events_.empty()) {
    const Event e = events_.front();
    if (e.kind == Kind::Character) {
      io.AddInputCharacter(e.codepoint);
      events_.pop_front();
      continue;
    }
    const int id = e.kind == Kind::Mouse ? -1 - e.key : e.key;
    if (std::find(changed.begin(), changed.end(), id) != changed.end())
      break;  // the next frame shows it, so ImGui sees both states
    changed.push_back(id);
    events_.pop_front();
    if (e.kind == Kind::Mouse) {
      mouseDown_[e.key] = e.action == Action::Release ? 0 : 1;
      continue;
    }
    switch (e.action) {
      case Action::Release: io.KeysDown[e.key] = false; break;
      case Action::Press:
      case Action::Repeat:
        // A key already down (a repeat, or a press whose release was lost): a duration below zero
        // makes NewFrame count it as pressed this frame (it restarts the duration at 0).
        if (io.KeysDown[e.key]) io.KeysDownDuration[e.key] = -1.0f;
        io.KeysDown[e.key] = true;
        break;
    }
  }
  for (int b = 0; b < kMouseButtons; ++b)
    if (mouseDown_[b] >= 0) io.MouseDown[b] = mouseDown_[b] == 1;
  const bool* d = io.KeysDown;
  io.KeyCtrl = d[GLFW_KEY_LEFT_CONTROL] || d[GLFW_KEY_RIGHT_CONTROL];
  io.KeyShift = d[GLFW_KEY_LEFT_SHIFT] || d[GLFW_KEY_RIGHT_SHIFT];
  io.KeyAlt = d[GLFW_KEY_LEFT_ALT] || d[GLFW_KEY_RIGHT_ALT];
  io.KeySuper = d[GLFW_KEY_LEFT_SUPER] || d[GLFW_KEY_RIGHT_SUPER];
}

}  // namespace tb::ui
