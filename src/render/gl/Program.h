// GL shader and program objects, built from GLSL embedded in the binary at build time
// (shaders/*.vert|frag|geom|glsl via cmake/EmbedFiles.cmake). A failed compile or link throws
// tb::internalError naming the shader, the GLSL version and the whole info log: a broken shader
// is the program's fault, never the user's input.
#pragma once
#include <initializer_list>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <glm/glm.hpp>

#include "render/gl/ObjectName.h"

namespace tb::render::gl {

// The embedded source of a shader file ("terrain.vert") with `#include "name.glsl"` lines
// replaced by that embedded file (one level deep is all we need, but nesting works).
// Throws tb::internalError when the file (or an include) was not embedded.
std::string shaderSource(std::string_view fileName);
// GL_VERTEX_SHADER, GL_FRAGMENT_SHADER or GL_GEOMETRY_SHADER from a file's extension.
GLenum shaderStageOf(std::string_view fileName);

class Shader {
 public:
  Shader() noexcept = default;  // empty: no GL object
  // stage: GL_VERTEX_SHADER, GL_FRAGMENT_SHADER, GL_GEOMETRY_SHADER. `name` is for messages.
  static Shader compile(GLenum stage, const std::string& source, const std::string& name);
  // Compiles an embedded file; the stage follows its extension (.vert, .frag, .geom).
  static Shader fromEmbedded(std::string_view fileName);

  GLuint id() const noexcept { return name_.id(); }
  explicit operator bool() const noexcept { return name_.id() != 0; }
  GLuint release() noexcept { return name_.release(); }
  const std::string& name() const noexcept { return label_; }

 private:
  explicit Shader(GLuint id) noexcept : name_(id) {}
  detail::ObjectName<detail::deleteShader> name_;
  std::string label_;
};

class Program {
 public:
  Program() noexcept = default;  // empty: no GL object
  // Links already compiled shaders; `name` is for messages.
  static Program link(std::initializer_list<const Shader*> shaders, const std::string& name);
  static Program link(const std::vector<const Shader*>& shaders, const std::string& name);
  // Compiles and links embedded files: Program::fromEmbedded({"terrain.vert", "terrain.frag"}).
  static Program fromEmbedded(std::initializer_list<std::string_view> fileNames);

  GLuint id() const noexcept { return name_.id(); }
  explicit operator bool() const noexcept { return name_.id() != 0; }
  GLuint release() noexcept {
    locations_.clear();
    return name_.release();
  }
  const std::string& name() const noexcept { return label_; }

  void use() const { glUseProgram(id()); }

  // Uniform location, cached; -1 when the uniform does not exist or was optimised away (setting
  // it is then a silent no-op, as in GL).
  GLint location(const char* uniform) const;
  // Setters work without use() (glProgramUniform*).
  void set(const char* u, int v) const { glProgramUniform1i(id(), location(u), v); }
  void set(const char* u, float v) const { glProgramUniform1f(id(), location(u), v); }
  void set(const char* u, const glm::vec2& v) const { glProgramUniform2f(id(), location(u), v.x, v.y); }
  void set(const char* u, const glm::vec3& v) const { glProgramUniform3f(id(), location(u), v.x, v.y, v.z); }
  void set(const char* u, const glm::vec4& v) const {
    glProgramUniform4f(id(), location(u), v.x, v.y, v.z, v.w);
  }
  void set(const char* u, const glm::mat3& m) const {
    glProgramUniformMatrix3fv(id(), location(u), 1, GL_FALSE, &m[0][0]);
  }
  void set(const char* u, const glm::mat4& m) const {
    glProgramUniformMatrix4fv(id(), location(u), 1, GL_FALSE, &m[0][0]);
  }
  // Arrays: uniform "name[0]" with `count` elements.
  void setArray(const char* u, const int* v, int count) const { glProgramUniform1iv(id(), location(u), count, v); }
  void setArray(const char* u, const float* v, int count) const {
    glProgramUniform1fv(id(), location(u), count, v);
  }
  void setArray(const char* u, const glm::vec4* v, int count) const {
    glProgramUniform4fv(id(), location(u), count, &v[0].x);
  }

 private:
  explicit Program(GLuint id) noexcept : name_(id) {}
  detail::ObjectName<detail::deleteProgram> name_;
  std::string label_;
  mutable std::unordered_map<std::string, GLint> locations_;
};

}  // namespace tb::render::gl
