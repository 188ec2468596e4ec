// Counts the GL objects the RAII classes of render/gl/ currently own, so a test (or the end of a
// headless run) can check that nothing leaked: the count must be zero once every renderer and
// pass is gone (the habit of maplibre-native's test/gl/object.test.cpp).
#pragma once
#include <atomic>

namespace tb::render::gl {

namespace detail {
inline std::atomic<int> liveObjectCount{0};
inline void objectCreated() noexcept { liveObjectCount.fetch_add(1, std::memory_order_relaxed); }
inline void objectDestroyed() noexcept { liveObjectCount.fetch_sub(1, std::memory_order_relaxed); }
}  // namespace detail

// Buffers, vertex arrays, textures, framebuffers, renderbuffers, shaders and programs alive now.
inline int liveGlObjects() noexcept { return detail::liveObjectCount.load(std::memory_order_relaxed); }

}  // namespace tb::render::gl
