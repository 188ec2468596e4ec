// Texture storage, upload and sampling setup (direct state access).
#include "render/gl/Texture.h"

#include <algorithm>
#include <bit>

namespace tb::render::gl {

int Texture::mipLevelsFor(int width, int height) {
  const unsigned m = static_cast<unsigned>(std::max(1, std::max(width, height)));
  return std::bit_width(m);
}

Texture Texture::create2D(GLenum internalFormat, int width, int height, int levels) {
  Texture t = create(GL_TEXTURE_2D);
  if (levels <= 0) levels = mipLevelsFor(width, height);
  glTextureStorage2D(t.id(), levels, internalFormat, width, height);
  return t;
}

void Texture::setSubImage2D(int level, int x, int y, int width, int height, GLenum format, GLenum type,
                            const void* pixels) {
  TB_EXPECTS(id() != 0 && width >= 0 && height >= 0 && level >= 0);
  GLint alignment = 4;
  glGetIntegerv(GL_UNPACK_ALIGNMENT, &alignment);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
  glTextureSubImage2D(id(), level, x, y, width, height, format, type, pixels);
  glPixelStorei(GL_UNPACK_ALIGNMENT, alignment);
}

void Texture::setSampling(GLenum minFilter, GLenum magFilter, GLenum wrap) {
  glTextureParameteri(id(), GL_TEXTURE_MIN_FILTER, static_cast<GLint>(minFilter));
  glTextureParameteri(id(), GL_TEXTURE_MAG_FILTER, static_cast<GLint>(magFilter));
  glTextureParameteri(id(), GL_TEXTURE_WRAP_S, static_cast<GLint>(wrap));
  glTextureParameteri(id(), GL_TEXTURE_WRAP_T, static_cast<GLint>(wrap));
}

void Texture::setMaxAnisotropy(float wanted) {
  const bool available = epoxy_gl_version() >= 46 || epoxy_has_gl_extension("GL_ARB_texture_filter_anisotropic") ||
                         epoxy_has_gl_extension("GL_EXT_texture_filter_anisotropic");
  if (!available || wanted <= 1.0f) return;
  // GL_MAX_TEXTURE_MAX_ANISOTROPY and the _EXT enum share one value (0x84FF / 0x84FE).
  GLfloat maxSupported = 1.0f;
  glGetFloatv(GL_MAX_TEXTURE_MAX_ANISOTROPY_EXT, &maxSupported);
  glTextureParameterf(id(), GL_TEXTURE_MAX_ANISOTROPY_EXT, std::min(wanted, maxSupported));
}

}  // namespace tb::render::gl
