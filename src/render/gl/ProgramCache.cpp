// Shader programs built once per (files, defines) (see ProgramCache.h).
#include "render/gl/ProgramCache.h"

#include <vector>

namespace tb::render::gl {

const Program& ProgramCache::get(std::initializer_list<std::string_view> files, std::string_view defines) {
  std::string key;
  for (std::string_view f : files) {
    key += f;
    key += '+';
  }
  key += '|';
  key += defines;
  auto it = programs_.find(key);
  if (it != programs_.end()) return *it->second;

  std::vector<Shader> shaders;
  std::vector<const Shader*> pointers;
  std::string name;
  for (std::string_view f : files) {
    std::string source = shaderSource(f);
    if (!defines.empty()) {
      // Right after the #version line (comments may precede it; everything else must follow it).
      const std::size_t version = source.find("#version");
      const std::size_t eol = source.find('\n', version == std::string::npos ? 0 : version);
      source.insert(eol == std::string::npos ? source.size() : eol + 1, std::string(defines));
    }
    shaders.push_back(Shader::compile(shaderStageOf(f), source, std::string(f)));
    if (!name.empty()) name += '+';
    name += f;
  }
  for (const Shader& s : shaders) pointers.push_back(&s);
  auto program = std::make_unique<Program>(Program::link(pointers, name));
  return *programs_.emplace(std::move(key), std::move(program)).first->second;
}

}  // namespace tb::render::gl
