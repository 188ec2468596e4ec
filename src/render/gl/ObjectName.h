// The ownership core shared by every RAII GL class: one GL name, move-only, with an empty
// ("no object yet") state and release(). Each GL object type (Buffer, Texture...) wraps one of
// these with its own deleter, as magnum's GL classes do; this file only keeps the five special
// members and the live-object count in one place.
#pragma once
#include <utility>

#include <epoxy/gl.h>

#include "core/Contract.h"
#include "render/gl/LiveObjects.h"

namespace tb::render::gl::detail {

template <void (*Delete)(GLuint)>
class ObjectName {
 public:
  ObjectName() noexcept = default;
  // Takes ownership of a freshly created name (0 stays empty).
  explicit ObjectName(GLuint id) noexcept : id_(id) {
    if (id_) objectCreated();
  }
  ~ObjectName() { reset(); }
  ObjectName(const ObjectName&) = delete;
  ObjectName& operator=(const ObjectName&) = delete;
  ObjectName(ObjectName&& other) noexcept : id_(std::exchange(other.id_, 0)) {}
  ObjectName& operator=(ObjectName&& other) noexcept {
    if (this != &other) {
      reset();
      id_ = std::exchange(other.id_, 0);
    }
    return *this;
  }

  GLuint id() const noexcept { return id_; }
  // Gives up ownership: the caller deletes the returned name; it no longer counts as ours.
  GLuint release() noexcept {
    if (id_) objectDestroyed();
    return std::exchange(id_, 0);
  }
  void reset() noexcept {
    if (id_) {
      Delete(id_);
      objectDestroyed();
      id_ = 0;
    }
  }

 private:
  GLuint id_ = 0;
};

inline void deleteBuffer(GLuint id) { glDeleteBuffers(1, &id); }
inline void deleteVertexArray(GLuint id) { glDeleteVertexArrays(1, &id); }
inline void deleteTexture(GLuint id) { glDeleteTextures(1, &id); }
inline void deleteFramebuffer(GLuint id) { glDeleteFramebuffers(1, &id); }
inline void deleteRenderbuffer(GLuint id) { glDeleteRenderbuffers(1, &id); }
inline void deleteShader(GLuint id) { glDeleteShader(id); }
inline void deleteProgram(GLuint id) { glDeleteProgram(id); }

}  // namespace tb::render::gl::detail
