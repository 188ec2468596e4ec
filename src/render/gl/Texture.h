// A GL texture (2D, 2D array...). Move-only RAII; default-constructed = no object yet. Immutable
// storage (glTextureStorage*) and direct state access, so creating one disturbs no binding.
#pragma once
#include "render/gl/ObjectName.h"

namespace tb::render::gl {

class Texture {
 public:
  Texture() noexcept = default;  // empty: no GL object
  static Texture create(GLenum target = GL_TEXTURE_2D) {
    GLuint id = 0;
    glCreateTextures(target, 1, &id);
    return Texture(id);
  }
  // A 2D texture with `levels` mip levels (0 = a full chain) of `internalFormat` (GL_RGBA8...).
  static Texture create2D(GLenum internalFormat, int width, int height, int levels = 1);

  GLuint id() const noexcept { return name_.id(); }
  explicit operator bool() const noexcept { return name_.id() != 0; }
  GLuint release() noexcept { return name_.release(); }

  // Uploads rows bottom-to-top as GL expects them unless the caller flips its texcoords; rows are
  // tightly packed (unpack alignment 1 is set and restored).
  void setSubImage2D(int level, int x, int y, int width, int height, GLenum format, GLenum type,
                     const void* pixels);
  void generateMipmap() { glGenerateTextureMipmap(id()); }
  void setParameter(GLenum pname, GLint value) { glTextureParameteri(id(), pname, value); }
  void setParameter(GLenum pname, GLfloat value) { glTextureParameterf(id(), pname, value); }
  // Min/mag filters and wrap for both axes in one call.
  void setSampling(GLenum minFilter, GLenum magFilter, GLenum wrap = GL_CLAMP_TO_EDGE);
  // Anisotropic filtering where the driver offers it (GL 4.6 or the ARB/EXT extension).
  void setMaxAnisotropy(float wanted);

  void bind(GLuint unit) const { glBindTextureUnit(unit, id()); }

  static int mipLevelsFor(int width, int height);

 private:
  explicit Texture(GLuint id) noexcept : name_(id) {}
  detail::ObjectName<detail::deleteTexture> name_;
};

}  // namespace tb::render::gl
