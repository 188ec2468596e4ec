// The sky: one full-viewport triangle at the far plane, drawn after the terrain with depth test
// LEQUAL so only the pixels no geometry covered are shaded (llvmpipe pays per shaded pixel).
#pragma once
#include "render/FrameContext.h"
#include "render/gl/Program.h"
#include "render/gl/VertexArray.h"

namespace tb::render {

class SkyPass {
 public:
  SkyPass();
  void draw(const FrameContext& ctx);

 private:
  gl::Program program_;
  gl::VertexArray vao_;  // empty: the vertex shader makes its positions from gl_VertexID
};

}  // namespace tb::render
