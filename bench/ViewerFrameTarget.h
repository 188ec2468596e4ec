// What the viewer-frame benches (rubber band, drawing drag) measure on: a current headless GL
// context with a bound framebuffer of the viewer's size, once the default scene's rasters are
// known to be built.
#pragma once
#include <filesystem>
#include <memory>
#include <optional>

#include <benchmark/benchmark.h>

#include "platform/egl/HeadlessContext.h"
#include "render/gl/Framebuffer.h"

namespace tb::bench {

struct ViewerFrameTarget {
  std::unique_ptr<platform::HeadlessContext> context;  // first: outlives the GL objects below
  render::gl::Framebuffer fbo;
  render::gl::Renderbuffer color, depth;
};

// Nothing, with the benchmark marked skipped and why, without a context or the default scene.
inline std::optional<ViewerFrameTarget> viewerFrameTargetOrSkip(benchmark::State& state, int width, int height) {
  ViewerFrameTarget t;
  try {
    t.context = platform::HeadlessContext::create();
    t.context->makeCurrent();
  } catch (const std::exception& e) {
    state.SkipWithError(e.what());
    return std::nullopt;
  }
  if (!std::filesystem::exists(TB_DATA_DIR "/kyongsong/dem.tif")) {
    state.SkipWithError("the default scene's rasters are not built");
    return std::nullopt;
  }
  namespace gl = render::gl;
  t.fbo = gl::Framebuffer::create();
  t.color = gl::Renderbuffer::create(GL_RGBA8, width, height);
  t.depth = gl::Renderbuffer::create(GL_DEPTH_COMPONENT24, width, height);
  t.fbo.attach(GL_COLOR_ATTACHMENT0, t.color);
  t.fbo.attach(GL_DEPTH_ATTACHMENT, t.depth);
  t.fbo.bind();
  return t;
}

}  // namespace tb::bench
