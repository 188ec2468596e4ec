// A GL vertex array object: which buffers feed which attributes. Move-only RAII; default-
// constructed = no object yet. Set up with direct state access (no binding needed).
#pragma once
#include <cstddef>

#include "render/gl/Buffer.h"

namespace tb::render::gl {

class VertexArray {
 public:
  VertexArray() noexcept = default;  // empty: no GL object
  static VertexArray create() {
    GLuint id = 0;
    glCreateVertexArrays(1, &id);
    return VertexArray(id);
  }

  GLuint id() const noexcept { return name_.id(); }
  explicit operator bool() const noexcept { return name_.id() != 0; }
  GLuint release() noexcept { return name_.release(); }

  // Float attribute `location` read from binding point `binding`: `components` values of `type`
  // at `relativeOffset` bytes into each vertex (normalized: integer types map to 0..1).
  void setAttribute(GLuint location, GLuint binding, GLint components, GLenum type = GL_FLOAT,
                    GLuint relativeOffset = 0, bool normalized = false) {
    TB_EXPECTS(id() != 0);
    glEnableVertexArrayAttrib(id(), location);
    glVertexArrayAttribFormat(id(), location, components, type, normalized ? GL_TRUE : GL_FALSE,
                              relativeOffset);
    glVertexArrayAttribBinding(id(), location, binding);
  }
  // Integer attribute (ivec/uvec in the shader).
  void setIntegerAttribute(GLuint location, GLuint binding, GLint components, GLenum type,
                           GLuint relativeOffset = 0) {
    glEnableVertexArrayAttrib(id(), location);
    glVertexArrayAttribIFormat(id(), location, components, type, relativeOffset);
    glVertexArrayAttribBinding(id(), location, binding);
  }
  void setVertexBuffer(GLuint binding, const Buffer& buffer, std::size_t offset, GLsizei stride) {
    TB_EXPECTS(id() != 0 && buffer.id() != 0);
    glVertexArrayVertexBuffer(id(), binding, buffer.id(), static_cast<GLintptr>(offset), stride);
  }
  // divisor 1 = one value per instance.
  void setBindingDivisor(GLuint binding, GLuint divisor) { glVertexArrayBindingDivisor(id(), binding, divisor); }
  void setIndexBuffer(const Buffer& buffer) {
    TB_EXPECTS(id() != 0 && buffer.id() != 0);
    glVertexArrayElementBuffer(id(), buffer.id());
  }

  void bind() const { glBindVertexArray(id()); }

 private:
  explicit VertexArray(GLuint id) noexcept : name_(id) {}
  detail::ObjectName<detail::deleteVertexArray> name_;
};

}  // namespace tb::render::gl
