// Headless OpenGL 4.5 core through EGL (libepoxy resolves the EGL and GL entry points).
// Display order: Mesa's surfaceless platform (no X, no GPU needed: llvmpipe), then the EGL device
// platform (NVIDIA's EGL on GPU servers has no surfaceless platform), then the default display
// (works only where a native display exists; plain eglGetDisplay fails on headless Mesa).
#include "platform/egl/HeadlessContext.h"

#include <map>
#include <mutex>
#include <string>
#include <vector>

#include <epoxy/egl.h>
#include <epoxy/gl.h>
#include <fmt/format.h>

#include "core/Error.h"
#include "platform/GlContextChecks.h"

namespace tb::platform {

namespace {

// eglTerminate tears down every context on a display, so two HeadlessContexts on the same
// display (tests, a viewer plus a thumbnailer) must share it: terminate when the last one goes.
std::mutex gDisplayMutex;
std::map<EGLDisplay, int> gDisplayUsers;

std::string eglErrorName(EGLint e) {
  switch (e) {
    case EGL_SUCCESS: return "EGL_SUCCESS";
    case EGL_NOT_INITIALIZED: return "EGL_NOT_INITIALIZED";
    case EGL_BAD_ACCESS: return "EGL_BAD_ACCESS";
    case EGL_BAD_ALLOC: return "EGL_BAD_ALLOC";
    case EGL_BAD_ATTRIBUTE: return "EGL_BAD_ATTRIBUTE";
    case EGL_BAD_CONFIG: return "EGL_BAD_CONFIG";
    case EGL_BAD_CONTEXT: return "EGL_BAD_CONTEXT";
    case EGL_BAD_DISPLAY: return "EGL_BAD_DISPLAY";
    case EGL_BAD_MATCH: return "EGL_BAD_MATCH";
    case EGL_BAD_PARAMETER: return "EGL_BAD_PARAMETER";
    case EGL_BAD_SURFACE: return "EGL_BAD_SURFACE";
    default: return fmt::format("EGL error 0x{:04x}", e);
  }
}

bool hasClientExtension(const char* name) {
  // Without any vendor library (glvnd finds none) the client extension string may be null.
  const char* ext = eglQueryString(EGL_NO_DISPLAY, EGL_EXTENSIONS);
  if (!ext) return false;
  const std::string all = std::string(" ") + ext + " ";
  return all.find(std::string(" ") + name + " ") != std::string::npos;
}

struct Candidate {
  EGLDisplay display;
  std::string label;
};

// Displays to try, in order; `tried` collects why each failed for the one-line error.
std::vector<Candidate> candidateDisplays(std::vector<std::string>& tried) {
  std::vector<Candidate> out;
  const bool platformBase = hasClientExtension("EGL_EXT_platform_base");
  if (platformBase && hasClientExtension("EGL_MESA_platform_surfaceless")) {
    EGLDisplay d = eglGetPlatformDisplayEXT(EGL_PLATFORM_SURFACELESS_MESA, EGL_DEFAULT_DISPLAY, nullptr);
    if (d != EGL_NO_DISPLAY)
      out.push_back({d, "surfaceless"});
    else
      tried.push_back("surfaceless: " + eglErrorName(eglGetError()));
  } else {
    tried.push_back("surfaceless: not offered");
  }
  if (platformBase && hasClientExtension("EGL_EXT_platform_device") &&
      (hasClientExtension("EGL_EXT_device_enumeration") || hasClientExtension("EGL_EXT_device_base"))) {
    EGLint count = 0;
    EGLDeviceEXT devices[16];
    if (eglQueryDevicesEXT(16, devices, &count) && count > 0) {
      for (EGLint i = 0; i < count; ++i) {
        EGLDisplay d = eglGetPlatformDisplayEXT(EGL_PLATFORM_DEVICE_EXT, devices[i], nullptr);
        if (d != EGL_NO_DISPLAY) out.push_back({d, fmt::format("device {}", i)});
      }
    } else {
      tried.push_back("device: no EGL devices");
    }
  } else {
    tried.push_back("device: not offered");
  }
  if (EGLDisplay d = eglGetDisplay(EGL_DEFAULT_DISPLAY); d != EGL_NO_DISPLAY)
    out.push_back({d, "default"});
  else
    tried.push_back("default: no display");
  return out;
}

EGLConfig chooseConfig(EGLDisplay display, bool wantPbuffer) {
  const EGLint attribs[] = {EGL_SURFACE_TYPE, wantPbuffer ? EGL_PBUFFER_BIT : 0,
                            EGL_RENDERABLE_TYPE, EGL_OPENGL_BIT,
                            EGL_RED_SIZE, 8, EGL_GREEN_SIZE, 8, EGL_BLUE_SIZE, 8, EGL_ALPHA_SIZE, 8,
                            EGL_DEPTH_SIZE, 24,
                            EGL_NONE};
  EGLConfig config = nullptr;
  EGLint n = 0;
  if (!eglChooseConfig(display, attribs, &config, 1, &n) || n < 1) return nullptr;
  return config;
}

}  // namespace

struct HeadlessContext::Impl {
  EGLDisplay display = EGL_NO_DISPLAY;
  EGLContext context = EGL_NO_CONTEXT;
  EGLSurface surface = EGL_NO_SURFACE;  // only the 1x1 pbuffer fallback
  std::string platform;
  bool counted = false;  // told GlContextChecks (a context was made current)

  ~Impl() {
    if (display == EGL_NO_DISPLAY) return;
    if (counted) contextDestroying("EGL context");
    if (eglGetCurrentContext() == context) eglMakeCurrent(display, EGL_NO_SURFACE, EGL_NO_SURFACE, EGL_NO_CONTEXT);
    if (surface != EGL_NO_SURFACE) eglDestroySurface(display, surface);
    if (context != EGL_NO_CONTEXT) eglDestroyContext(display, context);
    std::lock_guard lock(gDisplayMutex);
    if (--gDisplayUsers[display] <= 0) {
      gDisplayUsers.erase(display);
      eglTerminate(display);
    }
  }

  // Creates a 4.5 core context on an initialised display and makes it current; returns why not.
  std::string tryCreate(EGLDisplay d) {
    if (!eglBindAPI(EGL_OPENGL_API)) return "eglBindAPI(OpenGL) failed: " + eglErrorName(eglGetError());
    const char* dispExt = eglQueryString(d, EGL_EXTENSIONS);
    const bool surfaceless =
        dispExt && std::string(" ").append(dispExt).append(" ").find(" EGL_KHR_surfaceless_context ") !=
                       std::string::npos;
    EGLConfig config = chooseConfig(d, !surfaceless);
    if (!config && surfaceless) config = chooseConfig(d, true);
    if (!config) return "no RGBA8/depth24 OpenGL config";
    const EGLint ctxAttribs[] = {EGL_CONTEXT_MAJOR_VERSION, 4, EGL_CONTEXT_MINOR_VERSION, 5,
                                 EGL_CONTEXT_OPENGL_PROFILE_MASK, EGL_CONTEXT_OPENGL_CORE_PROFILE_BIT, EGL_NONE};
    EGLContext ctx = eglCreateContext(d, config, EGL_NO_CONTEXT, ctxAttribs);
    if (ctx == EGL_NO_CONTEXT) return "no OpenGL 4.5 core context: " + eglErrorName(eglGetError());
    EGLSurface surf = EGL_NO_SURFACE;
    bool current = surfaceless && eglMakeCurrent(d, EGL_NO_SURFACE, EGL_NO_SURFACE, ctx);
    if (!current) {
      const EGLint pbAttribs[] = {EGL_WIDTH, 1, EGL_HEIGHT, 1, EGL_NONE};
      surf = eglCreatePbufferSurface(d, config, pbAttribs);
      current = surf != EGL_NO_SURFACE && eglMakeCurrent(d, surf, surf, ctx);
    }
    if (!current) {
      const std::string why = "eglMakeCurrent failed: " + eglErrorName(eglGetError());
      if (surf != EGL_NO_SURFACE) eglDestroySurface(d, surf);
      eglDestroyContext(d, ctx);
      return why;
    }
    context = ctx;
    surface = surf;
    counted = true;
    contextCreated();
    return {};
  }
};

std::unique_ptr<HeadlessContext> HeadlessContext::create() {
  std::vector<std::string> tried;
  for (const Candidate& c : candidateDisplays(tried)) {
    EGLint major = 0, minor = 0;
    if (!eglInitialize(c.display, &major, &minor)) {
      tried.push_back(c.label + ": " + eglErrorName(eglGetError()));
      continue;
    }
    {
      std::lock_guard lock(gDisplayMutex);
      ++gDisplayUsers[c.display];
    }
    auto impl = std::make_unique<Impl>();
    impl->display = c.display;  // from here ~Impl releases the display on failure
    impl->platform = c.label;
    if (std::string why = impl->tryCreate(c.display); !why.empty()) {
      tried.push_back(c.label + ": " + why);
      continue;
    }
    std::unique_ptr<HeadlessContext> out(new HeadlessContext());
    out->impl_ = std::move(impl);
    return out;
  }
  std::string reasons;
  for (const auto& t : tried) reasons += (reasons.empty() ? "" : "; ") + t;
  throw Error("EGL", fmt::format("no EGL display available ({})", reasons));
}

HeadlessContext::~HeadlessContext() = default;

void HeadlessContext::makeCurrent() {
  if (!eglMakeCurrent(impl_->display, impl_->surface, impl_->surface, impl_->context))
    throw internalError("EGL", "eglMakeCurrent failed: " + eglErrorName(eglGetError()));
}

std::string HeadlessContext::renderer() const {
  const auto* r = reinterpret_cast<const char*>(glGetString(GL_RENDERER));
  return r ? r : "unknown";
}

}  // namespace tb::platform
