// Preparation and upload of the imagery and gradient textures. The CPU work (gradient,
// quantisation, every mip level) runs on two threads; each level is uploaded tightly packed in
// the texture's own format, so the driver converts nothing. What is derived from the scene's
// files (the gradient pyramid, the imagery's mip levels) is kept in the derived-data cache
// (core/DiskCache.h) and used from there, mapped, when the files have not changed.
#include "render/TerrainTextures.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <cstdlib>
#include <memory>
#include <thread>

#include <sys/mman.h>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "core/DiskCache.h"

namespace tb::render {

namespace {

using Clock = std::chrono::steady_clock;
double msSince(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }

// Runs body(r0, r1) over [0, rows) split between this thread and one more (the machines this
// targets have two cores; more threads would only contend with the GL driver's own).
template <typename F>
void forRowsOnTwoThreads(int rows, F&& body) {
  if (rows < 64) {
    body(0, rows);
    return;
  }
  const int half = rows / 2;
  std::thread other([&] { body(half, rows); });
  body(0, half);
  other.join();
}

// Uninitialised storage for texels in transparent huge pages where the kernel offers them
// (madvise mode): first touches of fresh 4 KB pages dominated texture preparation in VMs.
template <typename T>
class TexelBuffer {
 public:
  TexelBuffer() = default;
  explicit TexelBuffer(std::size_t count) : size_(count) {
    constexpr std::size_t kHuge = std::size_t(2) << 20;
    const std::size_t bytes = std::max<std::size_t>((count * sizeof(T) + kHuge - 1) / kHuge * kHuge, kHuge);
    data_.reset(static_cast<T*>(std::aligned_alloc(kHuge, bytes)));
    if (!data_) throw std::bad_alloc();
    madvise(data_.get(), bytes, MADV_HUGEPAGE);
  }
  T* data() { return data_.get(); }
  const T* data() const { return data_.get(); }
  std::size_t size() const { return size_; }

 private:
  struct Free {
    void operator()(T* p) const { std::free(p); }
  };
  std::unique_ptr<T, Free> data_;
  std::size_t size_ = 0;
};

// One mip level of T[channels] texels, rows top to bottom, tightly packed.
template <typename T>
struct Level {
  int width = 0, height = 0;
  TexelBuffer<T> texels;
};

// Next level down, the way GL's linear blit-based generateMipmap does it: each texel is the
// bilinear sample at its centre's position in the finer level, i.e. a 2x2 box for even sizes,
// and odd sizes shift nothing.
template <typename T>
struct LevelView {
  int width = 0, height = 0;
  const T* texels = nullptr;
};

template <typename T, int C>
Level<T> downsample(LevelView<T> src) {
  Level<T> dst;
  dst.width = std::max(1, src.width / 2);
  dst.height = std::max(1, src.height / 2);
  dst.texels = TexelBuffer<T>(static_cast<std::size_t>(dst.width) * dst.height * C);
  struct Tap {
    int i0, i1;
    float w1;
  };
  auto taps = [](int dstN, int srcN) {
    std::vector<Tap> t(dstN);
    const double ratio = double(srcN) / dstN;
    for (int i = 0; i < dstN; ++i) {
      const double s = std::clamp((i + 0.5) * ratio - 0.5, 0.0, double(srcN - 1));
      const int i0 = static_cast<int>(s);
      t[i] = {i0, std::min(i0 + 1, srcN - 1), static_cast<float>(s - i0)};
    }
    return t;
  };
  const std::vector<Tap> tx = taps(dst.width, src.width), ty = taps(dst.height, src.height);
  forRowsOnTwoThreads(dst.height, [&](int r0, int r1) {
    for (int r = r0; r < r1; ++r) {
      const T* a = src.texels + static_cast<std::size_t>(ty[r].i0) * src.width * C;
      const T* b = src.texels + static_cast<std::size_t>(ty[r].i1) * src.width * C;
      const float wy = ty[r].w1;
      T* out = dst.texels.data() + static_cast<std::size_t>(r) * dst.width * C;
      for (int c = 0; c < dst.width; ++c) {
        const Tap& t = tx[c];
        for (int k = 0; k < C; ++k) {
          const float top = float(a[t.i0 * C + k]) + (float(a[t.i1 * C + k]) - float(a[t.i0 * C + k])) * t.w1;
          const float bottom = float(b[t.i0 * C + k]) + (float(b[t.i1 * C + k]) - float(b[t.i0 * C + k])) * t.w1;
          const float v = top + (bottom - top) * wy;
          out[c * C + k] = static_cast<T>(v + (v >= 0.0f ? 0.5f : -0.5f));  // lround is a libm call
        }
      }
    }
  });
  return dst;
}

// The level sizes GL gives a w x h texture, level 0 first.
std::vector<glm::ivec2> levelSizes(int w, int h) {
  std::vector<glm::ivec2> sizes;
  for (int l = 0, n = gl::Texture::mipLevelsFor(w, h); l < n; ++l) sizes.push_back({std::max(1, w >> l), std::max(1, h >> l)});
  return sizes;
}

template <typename T, int C>
std::size_t levelBytes(glm::ivec2 size) {
  return static_cast<std::size_t>(size.x) * size.y * C * sizeof(T);
}

// Levels `first`.. of a pyramid, carved out of a cache entry holding exactly them, tightly packed.
template <typename T, int C>
bool levelsFromCache(const cache::Entry& entry, const std::vector<glm::ivec2>& sizes, std::size_t first,
                     std::vector<LevelView<T>>& views) {
  std::size_t total = 0;
  for (std::size_t l = first; l < sizes.size(); ++l) total += levelBytes<T, C>(sizes[l]);
  if (!entry || entry.size() != total) return false;
  const std::uint8_t* p = entry.data();
  for (std::size_t l = first; l < sizes.size(); ++l) {
    views.push_back({sizes[l].x, sizes[l].y, reinterpret_cast<const T*>(p)});
    p += levelBytes<T, C>(sizes[l]);
  }
  return true;
}

// Uploads a whole pyramid into a new immutable texture.
template <typename T, int C>
gl::Texture uploadLevels(const std::vector<LevelView<T>>& views, GLenum internalFormat, GLenum format, GLenum type,
                         double& uploadMs) {
  const auto t0 = Clock::now();
  gl::Texture tex = gl::Texture::create2D(internalFormat, views[0].width, views[0].height, static_cast<int>(views.size()));
  for (std::size_t l = 0; l < views.size(); ++l)
    tex.setSubImage2D(static_cast<int>(l), 0, 0, views[l].width, views[l].height, format, type, views[l].texels);
  uploadMs += msSince(t0);
  spdlog::debug("render setup: {}x{} texture ({} levels) uploaded in {:.0f} ms", views[0].width, views[0].height,
                views.size(), msSince(t0));
  return tex;
}

// Every level below `base`: from the derived-data cache when entry `cacheName` holds them,
// otherwise built here and stored there. An empty name neither reads nor writes the cache.
template <typename T, int C>
gl::Texture uploadWithMips(LevelView<T> base, const std::string& cacheName, GLenum internalFormat, GLenum format,
                           GLenum type, int& levelsOut, double& mipMs, double& uploadMs) {
  const std::vector<glm::ivec2> sizes = levelSizes(base.width, base.height);
  std::vector<LevelView<T>> views{base};
  const cache::Entry entry = cacheName.empty() ? cache::Entry() : cache::open(cacheName);
  std::vector<Level<T>> chain;  // levels 1.., when built here
  if (!levelsFromCache<T, C>(entry, sizes, 1, views)) {
    const auto t0 = Clock::now();
    chain.reserve(sizes.size());
    for (std::size_t l = 1; l < sizes.size(); ++l) {
      chain.push_back(downsample<T, C>(views.back()));
      views.push_back({chain.back().width, chain.back().height, chain.back().texels.data()});
    }
    mipMs += msSince(t0);
    if (!cacheName.empty()) {
      std::vector<cache::Part> parts;
      for (std::size_t l = 1; l < views.size(); ++l) parts.push_back({views[l].texels, levelBytes<T, C>(sizes[l])});
      cache::store(cacheName, parts);
    }
  } else {
    spdlog::debug("render setup: mip levels from the cache ({})", cacheName);
  }
  levelsOut = static_cast<int>(views.size());
  return uploadLevels<T, C>(views, internalFormat, format, type, uploadMs);
}

// Central differences of the heights into RG16_SNORM (linear, for filtering), its mip levels,
// then every level companded to RG8_SNORM (see kGradientRange), uploaded, and kept in the cache.
gl::Texture computeAndUploadGradient(const terrain::HeightField& field, const std::string& cacheName, int& levelsOut,
                                     double& mipMs, double& uploadMs) {
  const auto t0 = Clock::now();
  const int w = field.width(), h = field.height();
  Level<std::int16_t> g;
  g.width = w;
  g.height = h;
  g.texels = TexelBuffer<std::int16_t>(static_cast<std::size_t>(w) * h * 2);
  const float* z = field.data().data();
  const float scale = 32767.0f / TerrainTextures::kGradientRange;
  const float inv2Cell = static_cast<float>(0.5 / field.cellSize()), invCell = static_cast<float>(1.0 / field.cellSize());
  auto quantise = [scale](float v) {
    const float q = std::clamp(v * scale, -32767.0f, 32767.0f);
    return static_cast<std::int16_t>(q + (q >= 0.0f ? 0.5f : -0.5f));  // lround is a libm call
  };
  forRowsOnTwoThreads(h, [&](int r0, int r1) {
    for (int r = r0; r < r1; ++r) {
      const int rn = std::max(r - 1, 0), rs = std::min(r + 1, h - 1);
      const float dyScale = (rs - rn == 2) ? inv2Cell : invCell;
      const float* row = z + static_cast<std::size_t>(r) * w;
      const float* north = z + static_cast<std::size_t>(rn) * w;
      const float* south = z + static_cast<std::size_t>(rs) * w;
      std::int16_t* out = g.texels.data() + static_cast<std::size_t>(r) * w * 2;
      out[0] = quantise((row[1] - row[0]) * invCell);
      out[1] = quantise((north[0] - south[0]) * dyScale);
      for (int c = 1; c < w - 1; ++c) {
        out[c * 2] = quantise((row[c + 1] - row[c - 1]) * inv2Cell);
        out[c * 2 + 1] = quantise((north[c] - south[c]) * dyScale);  // rows run south: +y is north
      }
      out[(w - 1) * 2] = quantise((row[w - 1] - row[w - 2]) * invCell);
      out[(w - 1) * 2 + 1] = quantise((north[w - 1] - south[w - 1]) * dyScale);
    }
  });
  spdlog::debug("render setup: gradient {}x{} computed in {:.0f} ms", w, h, msSince(t0));

  const auto t1 = Clock::now();
  std::vector<Level<std::int16_t>> linear;  // levels 1..
  std::vector<LevelView<std::int16_t>> linearViews{{w, h, g.texels.data()}};
  for (std::size_t l = 1, n = levelSizes(w, h).size(); l < n; ++l) {
    linear.push_back(downsample<std::int16_t, 2>(linearViews.back()));
    linearViews.push_back({linear.back().width, linear.back().height, linear.back().texels.data()});
  }
  // 8-bit companding table over the 16-bit values: e = sqrt(|q| / 32767), rounded to 1/127.
  std::vector<std::int8_t> compand(65536);
  for (int q = -32768; q <= 32767; ++q) {
    const float e = std::sqrt(std::min(std::fabs(float(q)) / 32767.0f, 1.0f)) * 127.0f;
    compand[q + 32768] = static_cast<std::int8_t>((q < 0 ? -1 : 1) * static_cast<int>(e + 0.5f));
  }
  std::vector<Level<std::int8_t>> packed;
  std::vector<LevelView<std::int8_t>> views;
  for (const LevelView<std::int16_t>& v : linearViews) {
    Level<std::int8_t>& p = packed.emplace_back();
    p.width = v.width;
    p.height = v.height;
    const std::size_t n = static_cast<std::size_t>(v.width) * v.height * 2;
    p.texels = TexelBuffer<std::int8_t>(n);
    forRowsOnTwoThreads(v.height, [&](int r0, int r1) {
      const std::size_t i1 = static_cast<std::size_t>(r1) * v.width * 2;
      for (std::size_t i = static_cast<std::size_t>(r0) * v.width * 2; i < i1; ++i)
        p.texels.data()[i] = compand[v.texels[i] + 32768];
    });
    views.push_back({p.width, p.height, p.texels.data()});
  }
  mipMs += msSince(t1);
  if (!cacheName.empty()) {
    std::vector<cache::Part> parts;
    for (const LevelView<std::int8_t>& v : views) parts.push_back({v.texels, static_cast<std::size_t>(v.width) * v.height * 2});
    cache::store(cacheName, parts);
  }
  levelsOut = static_cast<int>(views.size());
  return uploadLevels<std::int8_t, 2>(views, GL_RG8_SNORM, GL_RG, GL_BYTE, uploadMs);
}

}  // namespace

TerrainTextures::TerrainTextures(const world::World& world) {
  double mipMs = 0, uploadMs = 0;
  const terrain::HeightField& field = world.heights;
  const int w = field.width(), h = field.height();
  if (w > 1 && h > 1) {
    // The whole pyramid is derived from the heights: the cache entry holds level 0 too.
    const std::string cacheName = world.heightsKey.empty()
                                      ? std::string()
                                      : cache::entryName("gradient", fmt::format("{}|RG8 snorm sqrt, range {}|v2",
                                                                                 world.heightsKey, kGradientRange));
    const std::vector<glm::ivec2> sizes = levelSizes(w, h);
    const cache::Entry cached = cacheName.empty() ? cache::Entry() : cache::open(cacheName);
    std::vector<LevelView<std::int8_t>> views;
    if (levelsFromCache<std::int8_t, 2>(cached, sizes, 0, views)) {
      spdlog::debug("render setup: gradient {}x{} from the cache ({})", w, h, cacheName);
      gradientLevels_ = static_cast<int>(views.size());
      gradient_ = uploadLevels<std::int8_t, 2>(views, GL_RG8_SNORM, GL_RG, GL_BYTE, uploadMs);
    } else {
      gradient_ = computeAndUploadGradient(field, cacheName, gradientLevels_, mipMs, uploadMs);
    }
    gradient_.setSampling(GL_LINEAR_MIPMAP_LINEAR, GL_LINEAR);
    // Sample (c,r) sits at origin + (c, -r) * cell; texel centres are half a texel in.
    const double cell = field.cellSize();
    gradientTexel_ = static_cast<float>(cell);
    gradientUv_.xf = glm::vec4(static_cast<float>(field.originNW().x - 0.5 * cell),
                               static_cast<float>(field.originNW().y + 0.5 * cell),
                               static_cast<float>(1.0 / (cell * w)), static_cast<float>(1.0 / (cell * h)));
  }

  // No anisotropic filtering: the shading pass picks each pixel's level itself (textureLod).
  GLint maxSize = 0;
  glGetIntegerv(GL_MAX_TEXTURE_SIZE, &maxSize);
  for (const world::ImageryLayer& layer : world.imagery) {
    if (static_cast<int>(imagery_.size()) == kMaxLayers) {
      spdlog::warn("render: only the first {} imagery layers are drawn; '{}' is skipped", kMaxLayers,
                   layer.spec.name);
      continue;
    }
    const geo::GridSpec& gs = layer.raster.grid;
    ImageryTexture t;
    if (gs.width > 0 && gs.height > 0 && gs.width <= maxSize && gs.height <= maxSize &&
        layer.raster.rgba.size() == static_cast<std::size_t>(gs.width) * gs.height * 4) {
      const LevelView<std::uint8_t> base{gs.width, gs.height, layer.raster.rgba.data()};
      const std::string cacheName =
          layer.raster.contentKey.empty() ? std::string()
                                          : cache::entryName("mips", layer.raster.contentKey + "|RGBA8 levels 1..|v1");
      t.texture = uploadWithMips<std::uint8_t, 4>(base, cacheName, GL_RGBA8, GL_RGBA, GL_UNSIGNED_BYTE, t.levels, mipMs,
                                                  uploadMs);
      t.texture.setSampling(GL_LINEAR_MIPMAP_LINEAR, GL_LINEAR);
      const double cell = layer.cellSize > 0 ? layer.cellSize : gs.cellSize;
      t.texelMetres = static_cast<float>(cell);
      t.uv.xf = glm::vec4(static_cast<float>(layer.originNW.x), static_cast<float>(layer.originNW.y),
                          static_cast<float>(1.0 / (cell * gs.width)), static_cast<float>(1.0 / (cell * gs.height)));
    } else {
      spdlog::warn("render: imagery layer '{}' ({}x{}) cannot be uploaded (GL limit {})", layer.spec.name, gs.width,
                   gs.height, maxSize);
    }
    imagery_.push_back(std::move(t));
  }
  spdlog::debug("render setup: texture mip chains built in {:.0f} ms, uploaded in {:.0f} ms", mipMs, uploadMs);
}

}  // namespace tb::render
