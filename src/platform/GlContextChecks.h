// What every GL context of the process gets from platform/ (EGL and GLFW alike): KHR_debug
// messages routed to our log, and the live-object check when the last context goes.
#pragma once

namespace tb::platform {

// Routes the current context's KHR_debug messages to the log (errors as errors, performance and
// portability warnings as warnings, notifications as debug). Contexts call it on creation in
// debug builds or with TB_GL_DEBUG=1; false when the context offers no debug output.
bool routeGlDebugOutput();
void contextCreated();
// Call while the context is still current. When it was the last one, every GL object of
// render/gl/ must be gone: a leak is logged as an error, and aborts in debug builds.
// Returns the number of objects still alive (0 unless this was the last context).
int contextDestroying(const char* which);

}  // namespace tb::platform
