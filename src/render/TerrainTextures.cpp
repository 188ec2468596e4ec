// Preparation and upload of the imagery and gradient textures. The CPU work (gradient,
// quantisation, every mip level) runs on two threads; each level is uploaded tightly packed in
// the texture's own format, so the driver converts nothing.
#include "render/TerrainTextures.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <cstdlib>
#include <memory>
#include <thread>

#include <sys/mman.h>

#include <spdlog/spdlog.h>

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

// Builds every level below `base` and uploads the whole chain into a new immutable texture.
template <typename T, int C>
gl::Texture uploadWithMips(LevelView<T> base, GLenum internalFormat, GLenum format, GLenum type, int& levelsOut,
                           double& mipMs, double& uploadMs) {
  const int levels = gl::Texture::mipLevelsFor(base.width, base.height);
  const auto t0 = Clock::now();
  std::vector<Level<T>> chain;  // levels 1..
  chain.reserve(levels);
  LevelView<T> finer = base;
  for (int l = 1; l < levels; ++l) {
    chain.push_back(downsample<T, C>(finer));
    finer = {chain.back().width, chain.back().height, chain.back().texels.data()};
  }
  mipMs += msSince(t0);
  const auto t1 = Clock::now();
  gl::Texture tex = gl::Texture::create2D(internalFormat, base.width, base.height, levels);
  tex.setSubImage2D(0, 0, 0, base.width, base.height, format, type, base.texels);
  for (int l = 1; l < levels; ++l)
    tex.setSubImage2D(l, 0, 0, chain[l - 1].width, chain[l - 1].height, format, type, chain[l - 1].texels.data());
  uploadMs += msSince(t1);
  spdlog::debug("render setup: {}x{} texture ({} levels) uploaded in {:.0f} ms", base.width, base.height, levels,
                msSince(t1));
  levelsOut = levels;
  return tex;
}

}  // namespace

TerrainTextures::TerrainTextures(const world::World& world) {
  double mipMs = 0, uploadMs = 0;
  const terrain::HeightField& field = world.heights;
  const int w = field.width(), h = field.height();
  if (w > 1 && h > 1) {
    const auto t0 = Clock::now();
    // Central differences straight into RG16_SNORM (see kGradientRange); one-sided at the border.
    Level<std::int16_t> g;
    g.width = w;
    g.height = h;
    g.texels = TexelBuffer<std::int16_t>(static_cast<std::size_t>(w) * h * 2);
    const float* z = field.data().data();
    const float scale = 32767.0f / kGradientRange;
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
    const double gradMs = msSince(t0);
    gradient_ = uploadWithMips<std::int16_t, 2>({w, h, g.texels.data()}, GL_RG16_SNORM, GL_RG, GL_SHORT, gradientLevels_, mipMs,
                                                uploadMs);
    gradient_.setSampling(GL_LINEAR_MIPMAP_LINEAR, GL_LINEAR);
    // Sample (c,r) sits at origin + (c, -r) * cell; texel centres are half a texel in.
    const double cell = field.cellSize();
    gradientTexel_ = static_cast<float>(cell);
    gradientUv_.xf = glm::vec4(static_cast<float>(field.originNW().x - 0.5 * cell),
                               static_cast<float>(field.originNW().y + 0.5 * cell),
                               static_cast<float>(1.0 / (cell * w)), static_cast<float>(1.0 / (cell * h)));
    spdlog::debug("render setup: gradient {}x{} computed in {:.0f} ms", w, h, gradMs);
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
      t.texture = uploadWithMips<std::uint8_t, 4>(base, GL_RGBA8, GL_RGBA, GL_UNSIGNED_BYTE, t.levels,
                                                  mipMs, uploadMs);
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
