#include "platform/GlContextChecks.h"

#include <atomic>
#include <cstdlib>
#include <string_view>

#include <epoxy/gl.h>

#include "core/Log.h"
// Only the counter (header-only, no link dependency): render/gl/ counts, platform/ checks.
#include "render/gl/LiveObjects.h"

namespace tb::platform {

namespace {

std::atomic<int> gLiveContexts{0};

const char* typeName(GLenum type) {
  switch (type) {
    case GL_DEBUG_TYPE_ERROR: return "error";
    case GL_DEBUG_TYPE_DEPRECATED_BEHAVIOR: return "deprecated";
    case GL_DEBUG_TYPE_UNDEFINED_BEHAVIOR: return "undefined behaviour";
    case GL_DEBUG_TYPE_PORTABILITY: return "portability";
    case GL_DEBUG_TYPE_PERFORMANCE: return "performance";
    default: return "other";
  }
}

void GLAPIENTRY onGlDebugMessage(GLenum source, GLenum type, GLuint id, GLenum severity, GLsizei length,
                                 const GLchar* message, const void*) {
  const std::string_view text(message, length >= 0 ? size_t(length) : std::char_traits<char>::length(message));
  if (type == GL_DEBUG_TYPE_ERROR || severity == GL_DEBUG_SEVERITY_HIGH)
    log::error("GL {} {}: {}", typeName(type), id, text);
  else if (severity == GL_DEBUG_SEVERITY_MEDIUM || type == GL_DEBUG_TYPE_UNDEFINED_BEHAVIOR)
    log::warn("GL {} {}: {}", typeName(type), id, text);
  else if (severity == GL_DEBUG_SEVERITY_LOW)
    log::info("GL {} {}: {}", typeName(type), id, text);
  else
    log::debug("GL {} {}: {}", typeName(type), id, text);
}

bool wantDebugOutput() {
#ifndef NDEBUG
  return true;
#else
  const char* env = std::getenv("TB_GL_DEBUG");
  return env && std::string_view(env) == "1";
#endif
}

}  // namespace

bool routeGlDebugOutput() {
  if (epoxy_gl_version() < 43 && !epoxy_has_gl_extension("GL_KHR_debug")) return false;
  glEnable(GL_DEBUG_OUTPUT);
  // Synchronous: the message arrives inside the call that caused it, so a breakpoint shows who.
  glEnable(GL_DEBUG_OUTPUT_SYNCHRONOUS);
  glDebugMessageCallback(onGlDebugMessage, nullptr);
  glDebugMessageControl(GL_DONT_CARE, GL_DONT_CARE, GL_DONT_CARE, 0, nullptr, GL_TRUE);
  return true;
}

void contextCreated() {
  gLiveContexts.fetch_add(1);
  if (wantDebugOutput()) routeGlDebugOutput();
}

int contextDestroying(const char* which) {
  if (gLiveContexts.fetch_sub(1) != 1) return 0;
  const int alive = render::gl::liveGlObjects();
  if (alive == 0) return 0;
  log::error("{}: {} GL object(s) still alive when the last context was destroyed (leaked by their owner)", which,
             alive);
#ifndef NDEBUG
  std::abort();
#endif
  return alive;
}

}  // namespace tb::platform
