// KeyInputQueue with a real ImGui context (no window, no GL): at 5 frames per second a Return
// tap between two frames still submits a text field, a held Backspace deletes one character per
// repeat event up to one a frame and stops as soon as it is released, typed characters keep their
// order around queued keys, a +/- button held down with the mouse still repeats, and a click waits
// for the keys typed before it.
#include "ui/KeyInputQueue.h"

#include <gtest/gtest.h>
#include <imgui.h>
#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include <cfloat>
#include <cstdio>
#include <cstring>
#include <string>

#include "../HeadlessImGui.h"
namespace tb::ui {
namespace {

using Action = KeyInputQueue::Action;

class KeyInputQueueTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ImGuiIO& io = test::createHeadlessImGui(ImVec2(400, 300));
    // The mapping ImGui's GLFW backend installs.
    io.KeyMap[ImGuiKey_LeftArrow] = GLFW_KEY_LEFT;
    io.KeyMap[ImGuiKey_RightArrow] = GLFW_KEY_RIGHT;
    io.KeyMap[ImGuiKey_Home] = GLFW_KEY_HOME;
    io.KeyMap[ImGuiKey_End] = GLFW_KEY_END;
    io.KeyMap[ImGuiKey_Backspace] = GLFW_KEY_BACKSPACE;
    io.KeyMap[ImGuiKey_Enter] = GLFW_KEY_ENTER;
    io.KeyMap[ImGuiKey_A] = GLFW_KEY_A;
  }
  void TearDown() override { ImGui::DestroyContext(); }

  // One frame at 5 fps with a focused single-line text field; true when it reported Return.
  bool frame() {
    ImGuiIO& io = ImGui::GetIO();
    io.DeltaTime = 0.2f;
    queue.feed(io);
    ImGui::NewFrame();
    KeyInputQueue::holdBackTimedKeyRepeat(io);
    ImGui::Begin("form");
    if (frames++ == 0) ImGui::SetKeyboardFocusHere();
    const bool entered = ImGui::InputText("##field", buffer, sizeof buffer, ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::End();
    ImGui::EndFrame();
    return entered;
  }
  // Frames until the queue is empty (plus one for the last transition to act); Returns seen.
  int drain() {
    int returns = 0;
    for (int i = 0; i < 100 && (queue.pending() || i == 0); ++i) returns += frame();
    returns += frame();
    return returns;
  }
  void tap(int key) {
    queue.key(key, Action::Press);
    queue.key(key, Action::Release);
  }
  void type(const std::string& s) {
    for (char c : s) queue.character(static_cast<unsigned char>(c));
  }
  // Focus the field and put the cursor at the end (focus by code selects all).
  void focusAtEnd() {
    frame();
    frame();
    tap(GLFW_KEY_END);
    drain();
  }

  KeyInputQueue queue;
  char buffer[64] = "";
  int frames = 0;
};

TEST_F(KeyInputQueueTest, AReturnTapBetweenTwoFramesSubmitsTheField) {
  focusAtEnd();
  type("Saddle");
  tap(GLFW_KEY_ENTER);  // press and release before the next frame, as at a software renderer's rate
  EXPECT_EQ(drain(), 1);
  EXPECT_STREQ(buffer, "Saddle");
}

TEST_F(KeyInputQueueTest, AHeldBackspaceDeletesOneCharacterPerRepeatUpToOneAFrame) {
  std::snprintf(buffer, sizeof buffer, "%s", "abcdefghij");
  focusAtEnd();
  // Press, a repeat and the release, all within one slow frame: two characters.
  queue.key(GLFW_KEY_BACKSPACE, Action::Press);
  queue.key(GLFW_KEY_BACKSPACE, Action::Repeat);
  queue.key(GLFW_KEY_BACKSPACE, Action::Release);
  drain();
  EXPECT_STREQ(buffer, "abcdefgh");
  // One repeat event between each of three frames: one character each.
  queue.key(GLFW_KEY_BACKSPACE, Action::Press);
  frame();
  for (int i = 0; i < 3; ++i) {
    queue.key(GLFW_KEY_BACKSPACE, Action::Repeat);
    frame();
  }
  queue.key(GLFW_KEY_BACKSPACE, Action::Release);
  drain();
  EXPECT_STREQ(buffer, "abcd");
  // Held across many slow frames without repeat events: ImGui's own timed repeat is held back.
  queue.key(GLFW_KEY_BACKSPACE, Action::Press);
  for (int i = 0; i < 10; ++i) frame();
  queue.key(GLFW_KEY_BACKSPACE, Action::Release);
  drain();
  EXPECT_STREQ(buffer, "abc");
}

// At 5 frames per second the system repeats a held key six times a frame (30 Hz). ImGui can take
// one a frame; the others must not pile up and go on deleting after the key is let go.
TEST_F(KeyInputQueueTest, AReleasedKeyStopsRepeatingAtOnceAtAFewFramesPerSecond) {
  std::snprintf(buffer, sizeof buffer, "%s", std::string(60, 'x').c_str());
  focusAtEnd();
  queue.key(GLFW_KEY_BACKSPACE, Action::Press);
  for (int f = 0; f < 5; ++f) {  // held for a second
    for (int r = 0; r < 6; ++r) queue.key(GLFW_KEY_BACKSPACE, Action::Repeat);
    frame();
  }
  queue.key(GLFW_KEY_BACKSPACE, Action::Release);
  const std::size_t atRelease = std::strlen(buffer);
  EXPECT_GE(atRelease, 60u - 6u) << "at most one deletion a frame while held";
  EXPECT_LE(atRelease, 60u - 5u) << "one deletion a frame while held";
  frame();
  frame();
  EXPECT_FALSE(queue.pending()) << "nothing left to replay after the release";
  EXPECT_GE(std::strlen(buffer) + 1, atRelease) << "at most the one repeat already waiting acts after the release";
}

// ImGui repeats a held +/- button by time, with the delay its key repeat uses: holding back the
// keys' timed repeat must leave the mouse's alone, at a software renderer's 5 fps as at 60.
TEST_F(KeyInputQueueTest, AHeldPlusButtonRepeatsAtAnyFrameRate) {
  ImGuiIO& io = ImGui::GetIO();
  for (const float fps : {5.0f, 60.0f}) {
    int value = 0;
    ImVec2 plus(-FLT_MAX, -FLT_MAX);
    auto frame = [&](bool mouseDown) {
      io.DeltaTime = 1.0f / fps;
      io.MousePos = plus;
      io.MouseDown[0] = mouseDown;
      queue.feed(io);
      ImGui::NewFrame();
      KeyInputQueue::holdBackTimedKeyRepeat(io);
      ImGui::SetNextWindowPos(ImVec2(0, 0));
      ImGui::SetNextWindowSize(ImVec2(400, 300));
      ImGui::Begin("numbers");
      ImGui::InputInt("##n", &value);
      // The "+" is the last square button of the group, one frame height wide.
      const ImVec2 lo = ImGui::GetItemRectMin(), hi = ImGui::GetItemRectMax();
      plus = ImVec2(hi.x - 0.5f * ImGui::GetFrameHeight(), 0.5f * (lo.y + hi.y));
      ImGui::End();
      ImGui::EndFrame();
    };
    frame(false);
    frame(false);  // the pointer rests on "+"
    for (int i = 0; i < static_cast<int>(fps); ++i) frame(true);  // held for one second
    frame(false);
    // The click, then repeats after 0.275 s: one a frame at 5 fps, one every 25 ms at 60 fps.
    EXPECT_GE(value, fps < 10 ? 3 : 20) << "a held + at " << fps << " fps";
  }
}

TEST_F(KeyInputQueueTest, CharactersKeepTheirOrderAroundQueuedKeys) {
  focusAtEnd();
  type("ab");
  tap(GLFW_KEY_BACKSPACE);
  tap(GLFW_KEY_BACKSPACE);  // the second waits for a frame after the first
  type("cd");               // typed after both: must not be deleted by them
  drain();
  EXPECT_STREQ(buffer, "cd");
}

// Typing "battery" then clicking Apply within one slow frame: the click must act on the whole
// name, although the repeated T and the taps hold keys back over several frames.
TEST_F(KeyInputQueueTest, AClickWaitsForTheKeysTypedBeforeIt) {
  ImGuiIO& io = ImGui::GetIO();
  ImVec2 apply(-FLT_MAX, -FLT_MAX);
  std::string applied;
  auto formFrame = [&] {
    io.DeltaTime = 0.3f;
    io.MousePos = apply;
    io.MouseDown[0] = false;  // what the backend would read from the window after the release
    queue.feed(io);
    ImGui::NewFrame();
    KeyInputQueue::holdBackTimedKeyRepeat(io);
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(400, 300));
    ImGui::Begin("form");
    if (frames++ == 0) ImGui::SetKeyboardFocusHere();
    ImGui::InputText("##name", buffer, sizeof buffer);
    if (ImGui::Button("Apply")) applied = buffer;
    const ImVec2 lo = ImGui::GetItemRectMin(), hi = ImGui::GetItemRectMax();
    apply = ImVec2(0.5f * (lo.x + hi.x), 0.5f * (lo.y + hi.y));
    ImGui::End();
    ImGui::EndFrame();
  };
  formFrame();
  formFrame();
  for (const char* word : {"batt", "ery"}) {
    for (const char* c = word; *c; ++c) {
      tap(GLFW_KEY_A + (*c - 'a'));  // each letter's key press and release, then its character
      type(std::string(1, *c));
    }
  }
  queue.mouseButton(0, true);
  queue.mouseButton(0, false);
  for (int i = 0; i < 40 && applied.empty(); ++i) formFrame();
  EXPECT_EQ(applied, "battery");
}

TEST_F(KeyInputQueueTest, ModifiersFollowTheKeysFedSoFar) {
  ImGuiIO& io = ImGui::GetIO();
  queue.key(GLFW_KEY_LEFT_CONTROL, Action::Press);
  queue.feed(io);
  EXPECT_TRUE(io.KeyCtrl);
  EXPECT_FALSE(io.KeyShift);
  queue.key(GLFW_KEY_LEFT_CONTROL, Action::Release);
  queue.key(GLFW_KEY_RIGHT_SHIFT, Action::Press);
  queue.feed(io);
  EXPECT_FALSE(io.KeyCtrl);
  EXPECT_TRUE(io.KeyShift);
  queue.key(-1, Action::Press);  // GLFW_KEY_UNKNOWN is ignored, not an index
  EXPECT_FALSE(queue.pending());
}

}  // namespace
}  // namespace tb::ui
