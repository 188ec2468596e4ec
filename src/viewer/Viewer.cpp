// runViewer: the scene loads on another thread while the window and its GL context come up
// (each ~0.1-0.3 s), then the frame loop. A missing display is still the error reported.
#include "viewer/Viewer.h"

#include <epoxy/gl.h>

#include <chrono>
#include <future>

#include "core/HeapPolicy.h"
#include "core/Log.h"
#include "platform/glfw/GlfwWindow.h"
#include "viewer/ViewerSession.h"
#include "world/World.h"

namespace tb::viewer {

int runViewer(const ViewerOptions& options) {
  keepLargeBlocksMapped();  // a session streams tiles for hours: its resident set must not drift
  platform::WindowOptions wo;
  wo.width = options.width;
  wo.height = options.height;
  wo.title = "terrabrief";
  wo.vsync = options.observer == nullptr;  // an observer times frames, not the display's refresh
  auto sinceLaunch = [&] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - options.launchTime).count();
  };
  log::debug("viewer: starting {:.2f} s after launch", sinceLaunch());
  std::future<world::World> loading =
      std::async(std::launch::async, [path = options.scenePath] { return world::loadWorld(path); });
  auto window = platform::GlfwWindow::create(wo);
  // Something other than garbage while the DEM loads.
  glClearColor(0.74f, 0.81f, 0.88f, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  window->swapBuffers();
  platform::pollWindowEvents();

  log::debug("viewer: window open {:.2f} s after launch", sinceLaunch());
  // Keep the window responsive (moved, resized, closed) while the scene loads.
  while (loading.wait_for(std::chrono::milliseconds(30)) != std::future_status::ready) platform::pollWindowEvents();
  world::World world = loading.get();
  window->setTitle("terrabrief — " + world.scene.name);
  log::info("viewer: loaded {} ({} sites) {:.2f} s after launch", options.scenePath, world.sites.size(),
            sinceLaunch());
  // File > Open or a dropped scene ends a session with the next one to run in the same window.
  ViewerOptions current = options;
  for (;;) {
    std::optional<ViewerSession::NextScene> next;
    {
      ViewerSession session(current, std::move(window), std::move(world));
      const int code = session.run();
      next = session.takeNextScene();
      if (!next) return code;
      window = session.releaseWindow();
    }
    current = std::move(next->options);
    current.testDrop.clear();
    world = std::move(next->world);
    window->setTitle("terrabrief — " + world.scene.name);
    log::info("viewer: switched to {} ({} sites)", current.scenePath, world.sites.size());
  }
}

}  // namespace tb::viewer
