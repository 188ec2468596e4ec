// The viewer's frame-observer hook: something outside the viewer (the bench harness in bench/)
// watches each frame the viewer loop draws and steers the next one, without the viewer knowing
// what it measures. With an observer set, the loop draws continuously (no idle sleep, no vsync)
// and times the CPU phases of each frame; without one (the normal case) nothing of this runs.
#pragma once
#include <string>

#include "core/Camera.h"
#include "render/SceneRenderer.h"

namespace tb::viewer {

// What an observer sees of the frame just drawn, and the switches it may set for the next one.
class ViewerFrame {
 public:
  virtual ~ViewerFrame() = default;
  virtual const render::FrameStats& stats() const = 0;
  virtual double viewerCpuMs() const = 0;  // events, camera, pins, cursor pick, ImGui NewFrame
  virtual double panelsCpuMs() const = 0;  // building the panels and carrying out their requests
  // The 3D view's settings as the next frame would draw them, and the renderer that draws them
  // (so that the same frame can be drawn elsewhere, e.g. offscreen, for comparison).
  virtual render::FrameSettings viewSettings() const = 0;
  virtual render::SceneRenderer& renderer() = 0;
  virtual std::string glRenderer() const = 0;
  virtual std::string windowSizeText() const = 0;  // "WxH" in screen units
  virtual std::string panelDrawStats() const = 0;  // ImGui's last draw: calls and vertices
  // The ground under a local point (x east, y north, metres), in render space (exaggerated), from
  // the heights at hand: for a scripted flight that must stay above the terrain.
  virtual double groundZ(double x, double y) const = 0;

  virtual void setPanelsDrawn(bool drawn) = 0;      // false: panels built but not drawn
  virtual void setPresented(bool presented) = 0;    // false: no swap
  virtual void setCursorAtViewCentre() = 0;         // as a user's pointer resting on the view
  virtual void setCameraPose(const CameraPose& pose) = 0;  // for a scripted flight
  virtual void close() = 0;                         // the loop ends after this frame
};

class FrameObserver {
 public:
  virtual ~FrameObserver() = default;
  // After each frame of the viewer loop (drawn and presented, not yet finished by the GPU).
  virtual void afterFrame(ViewerFrame& frame) = 0;
};

}  // namespace tb::viewer
