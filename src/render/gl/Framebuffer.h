// GL framebuffer and renderbuffer objects. Move-only RAII; default-constructed = no object yet.
#pragma once
#include <string>

#include "render/gl/ObjectName.h"
#include "render/gl/Texture.h"

namespace tb::render::gl {

class Renderbuffer {
 public:
  Renderbuffer() noexcept = default;  // empty: no GL object
  static Renderbuffer create(GLenum internalFormat, int width, int height, int samples = 0) {
    GLuint id = 0;
    glCreateRenderbuffers(1, &id);
    Renderbuffer rb(id);
    if (samples > 0)
      glNamedRenderbufferStorageMultisample(id, samples, internalFormat, width, height);
    else
      glNamedRenderbufferStorage(id, internalFormat, width, height);
    return rb;
  }

  GLuint id() const noexcept { return name_.id(); }
  explicit operator bool() const noexcept { return name_.id() != 0; }
  GLuint release() noexcept { return name_.release(); }

 private:
  explicit Renderbuffer(GLuint id) noexcept : name_(id) {}
  detail::ObjectName<detail::deleteRenderbuffer> name_;
};

class Framebuffer {
 public:
  Framebuffer() noexcept = default;  // empty: no GL object
  static Framebuffer create() {
    GLuint id = 0;
    glCreateFramebuffers(1, &id);
    return Framebuffer(id);
  }

  GLuint id() const noexcept { return name_.id(); }
  explicit operator bool() const noexcept { return name_.id() != 0; }
  GLuint release() noexcept { return name_.release(); }

  void attach(GLenum attachment, const Renderbuffer& rb) {
    glNamedFramebufferRenderbuffer(id(), attachment, GL_RENDERBUFFER, rb.id());
  }
  void attach(GLenum attachment, const Texture& texture, int level = 0) {
    glNamedFramebufferTexture(id(), attachment, texture.id(), level);
  }
  // Throws tb::internalError naming `what` and the GL status when the framebuffer is incomplete.
  void requireComplete(const std::string& what) const;

  void bind(GLenum target = GL_FRAMEBUFFER) const { glBindFramebuffer(target, id()); }

 private:
  explicit Framebuffer(GLuint id) noexcept : name_(id) {}
  detail::ObjectName<detail::deleteFramebuffer> name_;
};

}  // namespace tb::render::gl
