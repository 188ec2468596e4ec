// Screenshots from the window: the current view rendered offscreen by the same path as
// `terrabrief render` (SceneRenderer::renderImage + an atomic PNG with text chunks), without the
// ImGui panels, into a folder with a timestamped name.
#pragma once
#include <ctime>
#include <string>

#include "render/SceneRenderer.h"
#include "world/World.h"

namespace tb::viewer {

// dir/terrabrief-YYYYmmdd-HHMMSS.png, with -2, -3... appended if that name is taken.
std::string timestampedScreenshotPath(const std::string& dir, std::time_t when);

struct ScreenshotRequest {
  render::FrameSettings settings;  // camera and layers as in the window; width/height = output size
  std::string directory = "screenshots";
  std::string rendererName;        // GL_RENDERER, recorded in the PNG
};

// Creates the folder, renders and writes atomically; returns the absolute path. Throws
// tb::Error with a one-line reason (unwritable folder, impossible size, out of memory).
std::string saveScreenshot(render::SceneRenderer& renderer, const world::World& world, const ScreenshotRequest& request);

}  // namespace tb::viewer
