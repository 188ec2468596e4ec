// One place where a renderer's shader programs are built: each distinct (files, defines) pair is
// compiled and linked once, on first use, and shared by every pass that asks for it (three passes
// draw draped lines with one program). Owned by the renderer, so the programs die with its context.
#pragma once
#include <cstddef>
#include <initializer_list>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "render/gl/Program.h"

namespace tb::render::gl {

class ProgramCache {
 public:
  ProgramCache() = default;
  ProgramCache(const ProgramCache&) = delete;
  ProgramCache& operator=(const ProgramCache&) = delete;

  // The program linked from these embedded shader files, with `defines` ("#define X 1\n...")
  // inserted after each stage's #version line. The reference stays valid for the cache's life.
  // Throws tb::internalError (with the whole info log) when a shader does not build.
  const Program& get(std::initializer_list<std::string_view> files, std::string_view defines = {});

  std::size_t size() const { return programs_.size(); }  // distinct programs built so far

 private:
  std::map<std::string, std::unique_ptr<Program>> programs_;  // key: files + defines
};

}  // namespace tb::render::gl
