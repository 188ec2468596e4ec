// A GL buffer object (vertex, index, uniform data). Move-only RAII; default-constructed = no
// object yet; create() makes one (GL 4.5 direct state access, so nothing gets bound).
#pragma once
#include <cstddef>
#include <span>

#include "render/gl/ObjectName.h"

namespace tb::render::gl {

class Buffer {
 public:
  Buffer() noexcept = default;  // empty: no GL object
  static Buffer create() {
    GLuint id = 0;
    glCreateBuffers(1, &id);
    return Buffer(id);
  }

  GLuint id() const noexcept { return name_.id(); }
  explicit operator bool() const noexcept { return name_.id() != 0; }
  GLuint release() noexcept { return name_.release(); }

  // (Re)allocates and fills; usage e.g. GL_STATIC_DRAW, GL_DYNAMIC_DRAW.
  void setData(const void* data, std::size_t bytes, GLenum usage = GL_STATIC_DRAW) {
    TB_EXPECTS(id() != 0);  // GL would only record GL_INVALID_OPERATION and draw nothing
    glNamedBufferData(id(), static_cast<GLsizeiptr>(bytes), data, usage);
  }
  template <class T>
  void setData(std::span<const T> data, GLenum usage = GL_STATIC_DRAW) {
    setData(data.data(), data.size_bytes(), usage);
  }
  void setSubData(std::size_t offset, const void* data, std::size_t bytes) {
    TB_EXPECTS(id() != 0);
    glNamedBufferSubData(id(), static_cast<GLintptr>(offset), static_cast<GLsizeiptr>(bytes), data);
  }
  std::size_t size() const {
    GLint64 s = 0;
    glGetNamedBufferParameteri64v(id(), GL_BUFFER_SIZE, &s);
    return static_cast<std::size_t>(s);
  }

 private:
  explicit Buffer(GLuint id) noexcept : name_(id) {}
  detail::ObjectName<detail::deleteBuffer> name_;
};

}  // namespace tb::render::gl
