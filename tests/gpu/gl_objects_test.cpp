// render/gl/: RAII ownership and the live-object count, shader diagnostics, the state guard,
// and the headless context's clean failure when EGL has no display at all.
#include <cstdio>
#include <functional>
#include <cstdlib>
#include <string>

#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <sstream>

#include "GlStateSentinel.h"
#include "GpuTestSupport.h"
#include "platform/GlContextChecks.h"
#include "render/gl/Buffer.h"
#include "render/gl/Framebuffer.h"
#include "render/gl/GlStateGuard.h"
#include "render/gl/LiveObjects.h"
#include "render/gl/Program.h"
#include "render/gl/Texture.h"
#include "render/gl/VertexArray.h"

namespace tb::render {
namespace {

TEST(GlObjects, MoveTransfersOwnershipAndCountTracksLiveObjects) {
  TB_REQUIRE_GPU();
  const int before = gl::liveGlObjects();
  {
    gl::Buffer empty;
    EXPECT_FALSE(empty);
    EXPECT_EQ(gl::liveGlObjects(), before);  // an empty object owns nothing

    gl::Buffer a = gl::Buffer::create();
    ASSERT_TRUE(a);
    const GLuint id = a.id();
    EXPECT_TRUE(glIsBuffer(id));
    EXPECT_EQ(gl::liveGlObjects(), before + 1);

    gl::Buffer b = std::move(a);
    EXPECT_FALSE(a);  // NOLINT(bugprone-use-after-move): the moved-from state is what we test
    EXPECT_EQ(b.id(), id);
    EXPECT_EQ(gl::liveGlObjects(), before + 1);

    gl::Texture t = gl::Texture::create2D(GL_RGBA8, 4, 4);
    gl::VertexArray v = gl::VertexArray::create();
    gl::Framebuffer f = gl::Framebuffer::create();
    gl::Renderbuffer r = gl::Renderbuffer::create(GL_RGBA8, 4, 4);
    EXPECT_EQ(gl::liveGlObjects(), before + 5);

    b = gl::Buffer::create();  // move-assign deletes the old buffer
    EXPECT_FALSE(glIsBuffer(id));
    EXPECT_EQ(gl::liveGlObjects(), before + 5);

    const GLuint released = t.release();
    EXPECT_FALSE(t);
    EXPECT_EQ(gl::liveGlObjects(), before + 4);  // the caller owns it now
    glDeleteTextures(1, &released);
  }
  EXPECT_EQ(gl::liveGlObjects(), before);
  EXPECT_EQ(glGetError(), static_cast<GLenum>(GL_NO_ERROR));
}

TEST(GlProgram, EmbeddedShadersCompile) {
  TB_REQUIRE_GPU();
  EXPECT_NO_THROW(gl::Program::fromEmbedded({"terrain_depth.vert"}));
  EXPECT_NO_THROW(gl::Program::fromEmbedded({"terrain_shade.vert", "terrain_shade.frag"}));
}

TEST(GlProgram, CompileFailureNamesShaderVersionAndLog) {
  TB_REQUIRE_GPU();
  const std::string source = "#version 450 core\nout vec4 c;\nvoid main() { c = undefinedThing; }\n";
  try {
    gl::Shader::compile(GL_FRAGMENT_SHADER, source, "broken.frag");
    FAIL() << "a broken shader compiled";
  } catch (const Error& e) {
    const std::string what = e.what();
    EXPECT_EQ(e.exitCode(), kExitInternal);
    EXPECT_NE(what.find("broken.frag"), std::string::npos) << what;
    EXPECT_NE(what.find("#version 450 core"), std::string::npos) << what;
    EXPECT_NE(what.find("undefinedThing"), std::string::npos) << what;  // the driver's log
    EXPECT_EQ(what.find('\n'), std::string::npos) << "errors are one line: " << what;
  }
}

TEST(GlProgram, MissingEmbeddedFileIsAnInternalError) {
  TB_REQUIRE_GPU();
  EXPECT_THROW(gl::Shader::fromEmbedded("no-such-shader.frag"), Error);
}

TEST(GlStateGuard, RestoresWhatItSaved) {
  TB_REQUIRE_GPU();
  gl::VertexArray vao = gl::VertexArray::create();
  glEnable(GL_BLEND);
  glBlendFunc(GL_ONE, GL_ONE);
  glDisable(GL_DEPTH_TEST);
  glViewport(3, 4, 50, 60);
  vao.bind();
  const gl::GlStateSnapshot before = gl::GlStateSnapshot::capture();
  {
    gl::GlStateGuard guard;
    glDisable(GL_BLEND);
    glBlendFunc(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA);
    glEnable(GL_DEPTH_TEST);
    glDepthMask(GL_FALSE);
    glViewport(0, 0, 10, 10);
    glBindVertexArray(0);
    EXPECT_FALSE(gl::GlStateSnapshot::capture() == before);
  }
  EXPECT_TRUE(gl::GlStateSnapshot::capture() == before);
  glBindVertexArray(0);
  glDisable(GL_BLEND);
  glBlendFunc(GL_ONE, GL_ZERO);
}

// The sentinel is only worth something if a pass that leaves any one thing changed is caught.
TEST(GlStateSentinel, NoticesEachKindOfLeftoverState) {
  TB_REQUIRE_GPU();
  gl::Framebuffer target = gl::Framebuffer::create();
  gl::Texture other = gl::Texture::create2D(GL_RGBA8, 1, 1);
  const std::pair<const char*, std::function<void()>> leftovers[] = {
      {"program", [] { glUseProgram(0); }},
      {"vertex array", [] { glBindVertexArray(0); }},
      {"array buffer", [] { glBindBuffer(GL_ARRAY_BUFFER, 0); }},
      {"draw framebuffer", [] { glBindFramebuffer(GL_DRAW_FRAMEBUFFER, 0); }},
      {"read framebuffer", [] { glBindFramebuffer(GL_READ_FRAMEBUFFER, 0); }},
      {"active texture", [] { glActiveTexture(GL_TEXTURE0); }},
      {"texture on unit 7", [&] { glBindTextureUnit(7, other.id()); }},
      {"sampler on unit 2", [] { glBindSampler(2, 0); }},
      {"viewport", [] { glViewport(0, 0, 64, 48); }},
      {"scissor box", [] { glScissor(0, 0, 64, 48); }},
      {"blend off", [] { glDisable(GL_BLEND); }},
      {"depth test off", [] { glDisable(GL_DEPTH_TEST); }},
      {"depth writes on", [] { glDepthMask(GL_TRUE); }},
      {"colour mask", [] { glColorMask(GL_TRUE, GL_TRUE, GL_TRUE, GL_TRUE); }},
      {"blend function", [] { glBlendFunc(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA); }},
      {"blend equation", [] { glBlendEquation(GL_FUNC_ADD); }},
      {"depth function", [] { glDepthFunc(GL_LESS); }},
      {"cull mode", [] { glCullFace(GL_BACK); }},
      {"front face", [] { glFrontFace(GL_CCW); }},
      {"polygon mode", [] { glPolygonMode(GL_FRONT_AND_BACK, GL_FILL); }},
      {"polygon offset", [] { glPolygonOffset(0, 0); }},
      {"primitive restart off", [] { glDisable(GL_PRIMITIVE_RESTART); }},
  };
  test::GlStateSentinel sentinel(target.id());
  for (const auto& [what, leave] : leftovers) {
    ASSERT_TRUE(sentinel.set()) << "the context did not take the sentinel state";
    EXPECT_TRUE(sentinel.intact());
    leave();
    EXPECT_FALSE(sentinel.intact()) << what << " left changed went unnoticed";
  }
  EXPECT_EQ(glGetError(), static_cast<GLenum>(GL_NO_ERROR));
}

// Output of `self --gtest_filter=<test>` with `env` set, and its exit status.
std::pair<std::string, int> runSelf(const std::string& env, const std::string& test) {
  const std::string self = std::filesystem::read_symlink("/proc/self/exe").string();
  FILE* pipe = popen((env + " '" + self + "' --gtest_filter=" + test + " 2>&1").c_str(), "r");
  if (!pipe) return {"popen failed", -1};
  std::string output;
  char buf[512];
  while (fgets(buf, sizeof buf, pipe)) output += buf;
  return {output, pclose(pipe)};
}

TEST(GlDebugOutput, DriverErrorsReachTheLog) {
  TB_REQUIRE_GPU();
  std::ostringstream captured;
  auto previous = spdlog::default_logger();
  spdlog::set_default_logger(
      std::make_shared<spdlog::logger>("capture", std::make_shared<spdlog::sinks::ostream_sink_mt>(captured)));
  const bool wasOn = glIsEnabled(GL_DEBUG_OUTPUT);
  const bool routed = platform::routeGlDebugOutput();
  glBindBuffer(0x1234, 0);  // not a buffer target: GL_INVALID_ENUM
  const GLenum error = glGetError();
  if (!wasOn) glDisable(GL_DEBUG_OUTPUT);
  spdlog::set_default_logger(previous);
  ASSERT_TRUE(routed) << "this GL 4.5 context has no KHR_debug";
  EXPECT_EQ(error, static_cast<GLenum>(GL_INVALID_ENUM));
  EXPECT_NE(captured.str().find("GL error"), std::string::npos) << "log saw: " << captured.str();
}

// The process's last context going while a GL object is alive is a leak: logged always, fatal in
// debug builds. In a child, so that this process's shared context stays untouched.
TEST(GlContextChecks, ObjectAliveAtLastContextEndIsReported) {
  if (std::getenv("TB_GL_LEAK_CHILD")) {
    auto ctx = platform::HeadlessContext::create();
    [[maybe_unused]] auto* leaked = new gl::Buffer(gl::Buffer::create());
    ctx.reset();
    std::printf("child survived\n");
    return;
  }
  if (!test::gpuContext()) GTEST_SKIP() << "no headless OpenGL 4.5 context: " << test::gpuContextError();
  const auto [output, status] =
      runSelf("TB_GL_LEAK_CHILD=1 ASAN_OPTIONS=detect_leaks=0", "GlContextChecks.ObjectAliveAtLastContextEndIsReported");
  EXPECT_NE(output.find("1 GL object(s) still alive when the last context was destroyed"), std::string::npos)
      << output;
#ifdef NDEBUG
  EXPECT_EQ(status, 0) << output;
#else
  EXPECT_EQ(output.find("child survived"), std::string::npos) << "debug builds abort: " << output;
  EXPECT_NE(status, 0) << output;
#endif
}

// EGL reads __EGL_VENDOR_LIBRARY_FILENAMES once per process, so the no-display case runs in a
// child: the same executable, only this test, with glvnd pointed at no vendor at all.
TEST(HeadlessContext, NoEglDisplayThrowsOneLineError) {
  if (std::getenv("TB_EGL_NO_VENDOR_CHILD")) {
    try {
      auto ctx = platform::HeadlessContext::create();
      FAIL() << "created a context without any EGL vendor: " << ctx->renderer();
    } catch (const Error& e) {
      const std::string what = e.what();
      EXPECT_EQ(e.file(), "EGL");
      EXPECT_NE(what.find("no EGL display available"), std::string::npos) << what;
      EXPECT_EQ(what.find('\n'), std::string::npos) << what;
      std::printf("child saw: %s\n", what.c_str());
    }
    return;
  }
  const std::string self = std::filesystem::read_symlink("/proc/self/exe").string();
  const std::string cmd = "TB_EGL_NO_VENDOR_CHILD=1 __EGL_VENDOR_LIBRARY_FILENAMES=/nonexistent '" + self +
                          "' --gtest_filter=HeadlessContext.NoEglDisplayThrowsOneLineError 2>&1";
  FILE* pipe = popen(cmd.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string output;
  char buf[512];
  while (fgets(buf, sizeof buf, pipe)) output += buf;
  const int status = pclose(pipe);
  EXPECT_EQ(status, 0) << output;
  EXPECT_NE(output.find("child saw: EGL: no EGL display available"), std::string::npos) << output;
  EXPECT_NE(output.find("[  PASSED  ] 1 test"), std::string::npos) << output;
}

}  // namespace
}  // namespace tb::render
