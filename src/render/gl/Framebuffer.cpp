// Framebuffer completeness check with a message that says which framebuffer and why.
#include "render/gl/Framebuffer.h"

#include <fmt/format.h>

#include "core/Error.h"

namespace tb::render::gl {

namespace {
const char* statusName(GLenum s) {
  switch (s) {
    case GL_FRAMEBUFFER_UNDEFINED: return "undefined";
    case GL_FRAMEBUFFER_INCOMPLETE_ATTACHMENT: return "incomplete attachment";
    case GL_FRAMEBUFFER_INCOMPLETE_MISSING_ATTACHMENT: return "missing attachment";
    case GL_FRAMEBUFFER_INCOMPLETE_DRAW_BUFFER: return "incomplete draw buffer";
    case GL_FRAMEBUFFER_INCOMPLETE_READ_BUFFER: return "incomplete read buffer";
    case GL_FRAMEBUFFER_UNSUPPORTED: return "unsupported format combination";
    case GL_FRAMEBUFFER_INCOMPLETE_MULTISAMPLE: return "inconsistent multisampling";
    case GL_FRAMEBUFFER_INCOMPLETE_LAYER_TARGETS: return "incomplete layer targets";
    default: return "unknown status";
  }
}
}  // namespace

void Framebuffer::requireComplete(const std::string& what) const {
  const GLenum status = glCheckNamedFramebufferStatus(id(), GL_FRAMEBUFFER);
  if (status != GL_FRAMEBUFFER_COMPLETE)
    throw internalError(what, fmt::format("framebuffer incomplete: {} (0x{:04x})", statusName(status), status));
}

}  // namespace tb::render::gl
