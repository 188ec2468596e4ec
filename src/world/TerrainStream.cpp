// Worker threads, the want queue, the RAM budget and the tile build for the streamed terrain.
#include "world/TerrainStream.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>

#include <pthread.h>
#include <sys/resource.h>
#include <unistd.h>

#include "core/Error.h"
#include "core/Log.h"

namespace tb::world {

namespace {

constexpr int kKeepDepth = 2;  // nodes this coarse are never evicted: a fallback for any view
constexpr int kChunkQuads = 16;

std::size_t envMegabytes(const char* name, std::size_t fallback) {
  const char* v = std::getenv(name);
  if (!v || !*v) return fallback;
  char* end = nullptr;
  const double mb = std::strtod(v, &end);
  if (end == v || *end != '\0' || !(mb >= 16.0) || mb > 1e7) {
    log::warn("{}={} is not a size in MB (16 or more); using {} MB", name, v, fallback >> 20);
    return fallback;
  }
  return static_cast<std::size_t>(mb * 1048576.0);
}

// Fills NaN nodes from the nearest valid node along the row, then along the column, so that the
// LOD tables see no invented cliffs where the mesh is clipped away anyway.
void fillNoData(std::vector<float>& h, int n) {
  for (int r = 0; r < n; ++r) {
    float* row = h.data() + static_cast<std::size_t>(r) * n;
    int last = -1;
    for (int c = 0; c < n; ++c) {
      if (std::isnan(row[c])) continue;
      for (int k = last + 1; k < c; ++k) row[k] = (last < 0 || c - k < k - last) ? row[c] : row[last];
      last = c;
    }
    if (last >= 0)
      for (int k = last + 1; k < n; ++k) row[k] = row[last];
  }
  for (int c = 0; c < n; ++c) {
    int last = -1;
    for (int r = 0; r < n; ++r) {
      float& v = h[static_cast<std::size_t>(r) * n + c];
      if (std::isnan(v)) continue;
      for (int k = last + 1; k < r; ++k)
        h[static_cast<std::size_t>(k) * n + c] = (last < 0 || r - k < k - last) ? v : h[static_cast<std::size_t>(last) * n + c];
      last = r;
    }
    if (last >= 0)
      for (int k = last + 1; k < n; ++k) h[static_cast<std::size_t>(k) * n + c] = h[static_cast<std::size_t>(last) * n + c];
  }
}

template <typename T, int C>
void appendMips(std::vector<T>& chain, int side) {
  std::size_t offset = 0;
  for (int s = side; s > 1; s /= 2) {
    const std::size_t level = chain.size();
    const int d = s / 2;
    chain.resize(level + static_cast<std::size_t>(d) * d * C);
    const T* src = chain.data() + offset;
    T* dst = chain.data() + level;
    for (int r = 0; r < d; ++r)
      for (int c = 0; c < d; ++c)
        for (int k = 0; k < C; ++k) {
          const int sum = src[((2 * r) * s + 2 * c) * C + k] + src[((2 * r) * s + 2 * c + 1) * C + k] +
                          src[((2 * r + 1) * s + 2 * c) * C + k] + src[((2 * r + 1) * s + 2 * c + 1) * C + k];
          dst[(r * d + c) * C + k] = static_cast<T>((sum + (sum >= 0 ? 2 : -2)) / 4);
        }
    offset = level;
  }
}

std::int8_t compand(float g) {
  const float e = std::sqrt(std::min(std::fabs(g) / StreamTile::kGradientRange, 1.0f)) * 127.0f;
  return static_cast<std::int8_t>((g < 0 ? -1 : 1) * static_cast<int>(e + 0.5f));
}

// Gradient at cell centres (the bilinear patch's slope there), linear mips, then companded.
std::vector<std::int8_t> gradientChain(const std::vector<float>& h, int cells, double cell) {
  const int n = cells + 1;
  std::vector<float> level(static_cast<std::size_t>(cells) * cells * 2);
  const float inv = static_cast<float>(0.5 / cell);
  for (int r = 0; r < cells; ++r)
    for (int c = 0; c < cells; ++c) {
      const float z00 = h[r * n + c], z10 = h[r * n + c + 1], z01 = h[(r + 1) * n + c], z11 = h[(r + 1) * n + c + 1];
      level[(r * cells + c) * 2] = ((z10 - z00) + (z11 - z01)) * inv;
      level[(r * cells + c) * 2 + 1] = ((z00 - z01) + (z10 - z11)) * inv;  // rows run south; +y is north
    }
  std::vector<std::int8_t> out;
  out.reserve(mipChainTexels(cells) * 2);
  for (int s = cells;; s /= 2) {
    for (float g : level) out.push_back(compand(g));
    if (s == 1) break;
    const int d = s / 2;
    std::vector<float> next(static_cast<std::size_t>(d) * d * 2);
    for (int r = 0; r < d; ++r)
      for (int c = 0; c < d; ++c)
        for (int k = 0; k < 2; ++k)
          next[(r * d + c) * 2 + k] = 0.25f * (level[((2 * r) * s + 2 * c) * 2 + k] + level[((2 * r) * s + 2 * c + 1) * 2 + k] +
                                               level[((2 * r + 1) * s + 2 * c) * 2 + k] +
                                               level[((2 * r + 1) * s + 2 * c + 1) * 2 + k]);
    level = std::move(next);
  }
  return out;
}

}  // namespace

int mipLevels(int side) {
  int n = 1;
  while (side > 1) side /= 2, ++n;
  return n;
}

std::size_t mipChainTexels(int side) {
  std::size_t n = 0;
  for (int s = side;; s /= 2) {
    n += static_cast<std::size_t>(s) * s;
    if (s == 1) break;
  }
  return n;
}

std::size_t StreamTile::bytes() const {
  std::size_t b = sizeof(StreamTile) + heights.size() * sizeof(float) * 2 + noData.size() + gradient.size();
  for (const auto& l : imagery) b += l.size();
  if (lod) b += lod->tables().size();
  return b;
}

StreamBudgets StreamBudgets::fromEnvironment() { return fromEnvironment(StreamBudgets{}); }

StreamBudgets StreamBudgets::fromEnvironment(StreamBudgets base) {
  base.ramBytes = envMegabytes("TERRABRIEF_RAM_BUDGET_MB", base.ramBytes);
  base.gpuBytes = envMegabytes("TERRABRIEF_GPU_BUDGET_MB", base.gpuBytes);
  if (const char* w = std::getenv("TERRABRIEF_TILE_WORKERS"); w && *w) base.workers = std::clamp(std::atoi(w), 1, 64);
  return base;
}

std::shared_ptr<StreamTile> TerrainStream::buildTile(const TileSources& sources, const terrain::QuadTreeLayout& layout,
                                                     const terrain::QuadKey& key, int demDepth) {
  auto t = std::make_shared<StreamTile>();
  t->key = key;
  t->cells = layout.cells;
  const int n = layout.cells + 1;
  const double cell = layout.cellSize(key.depth);
  const glm::dvec2 nw = layout.nw(key);
  t->heights.resize(static_cast<std::size_t>(n) * n);
  sources.readHeights({nw.x - 0.5 * cell, nw.y + 0.5 * cell, cell, n, n}, t->heights.data());

  std::vector<float> filled = t->heights;
  float lo = std::numeric_limits<float>::infinity(), hi = -lo;
  std::size_t missing = 0;
  for (float v : filled) {
    if (std::isnan(v)) { ++missing; continue; }
    lo = std::min(lo, v);
    hi = std::max(hi, v);
  }
  t->anyData = missing < filled.size();
  if (!t->anyData) return t;
  t->minZ = lo;
  t->maxZ = hi;
  if (missing) {
    t->noData.resize(filled.size());
    for (std::size_t i = 0; i < filled.size(); ++i) t->noData[i] = std::isnan(filled[i]) ? 1 : 0;
    fillNoData(filled, n);
  }
  t->gradient = gradientChain(filled, layout.cells, cell);
  t->field = std::make_unique<terrain::HeightField>(n, n, cell, nw, filled);
  t->lod = std::make_unique<terrain::TerrainLod>(*t->field, kChunkQuads);
  t->lod->setBorderSkirts(true);  // a node's border meets its neighbours
  if (key.depth < demDepth && t->lod->levelCount() > 1) {
    for (int ty = 0; ty < t->lod->tilesY(1); ++ty)
      for (int tx = 0; tx < t->lod->tilesX(1); ++tx)
        t->dataError = std::max(t->dataError, t->lod->geometricError({1, tx, ty}));
  }

  t->imagery.resize(static_cast<std::size_t>(sources.imageryCount()));
  for (int i = 0; i < sources.imageryCount(); ++i) {
    std::vector<std::uint8_t>& img = t->imagery[static_cast<std::size_t>(i)];
    img.resize(static_cast<std::size_t>(layout.cells) * layout.cells * 4);
    sources.readRgba(i, {nw.x, nw.y, cell, layout.cells, layout.cells}, img.data());
    bool any = false;
    for (std::size_t p = 3; p < img.size() && !any; p += 4) any = img[p] != 0;
    if (!any) {
      img.clear();
      continue;
    }
    img.reserve(mipChainTexels(layout.cells) * 4);
    appendMips<std::uint8_t, 4>(img, layout.cells);
  }
  return t;
}

TerrainStream::TerrainStream(std::shared_ptr<const TileSources> sources, terrain::QuadTreeLayout layout,
                             glm::dvec2 dataLo, glm::dvec2 dataHi, StreamBudgets budgets)
    : sources_(std::move(sources)), layout_(layout), dataLo_(dataLo), dataHi_(dataHi), budgets_(budgets) {
  demDepth_ = 0;
  while (demDepth_ < layout_.maxDepth && layout_.cellSize(demDepth_) > sources_->demCellSize() * 1.001) ++demDepth_;
  int workers = budgets_.workers;
  if (workers <= 0) workers = std::max(2u, std::thread::hardware_concurrency());
  for (int i = 0; i < workers; ++i) workers_.emplace_back([this] { workerLoop(); });
}

TerrainStream::~TerrainStream() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    queue_.clear();
  }
  work_.notify_all();
  for (auto& w : workers_) w.join();
}

void TerrainStream::want(const std::vector<terrain::QuadKey>& keys) {
  {
    std::lock_guard lock(mutex_);
    queue_.clear();
    for (const auto& k : keys)
      if (!resident_.count(k) && !inFlight_.count(k) && !failed_.count(k) && hasData(k)) queue_.push_back(k);
  }
  work_.notify_all();
}

void TerrainStream::setBackground() {
  {
    std::lock_guard lock(mutex_);
    if (background_) return;
    background_ = true;
  }
  work_.notify_all();
}

void TerrainStream::workerLoop() {
  pthread_setname_np(pthread_self(), "tb-tiles");
  bool niced = false;
  for (;;) {
    terrain::QuadKey key;
    {
      std::unique_lock lock(mutex_);
      work_.wait(lock, [&] { return stopping_ || !queue_.empty() || (background_ && !niced); });
      if (stopping_) return;
      if (background_ && !niced) {
        niced = true;  // this thread only (Linux: a thread id names one thread here)
        if (setpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()), kBackgroundNice) != 0)
          log::debug("tile reads stay at normal priority: setpriority failed");
      }
      if (queue_.empty()) continue;
      key = queue_.front();
      queue_.pop_front();
      if (resident_.count(key) || inFlight_.count(key)) continue;
      inFlight_.insert(key);
    }
    std::shared_ptr<const StreamTile> tile;
    std::optional<Error> problem;
    try {
      tile = buildTile(*sources_, layout_, key, demDepth_);
      ++reads_;
    } catch (const Error& e) {
      problem = e;
    } catch (const std::exception& e) {
      problem = Error(sources_->demName(), e.what());
    }
    {
      std::lock_guard lock(mutex_);
      inFlight_.erase(key);
      if (tile) {
        bytes_ += tile->bytes();
        resident_[key] = {tile, ++useClock_};
        arrived_.push_back(tile);
        evictLocked();
      } else {
        failed_.insert(key);
        if (!failure_) failure_ = problem;
        log::warn("{}", problem->what());
      }
    }
    progress_.notify_all();
  }
}

void TerrainStream::evictLocked() {
  while (bytes_ > budgets_.ramBytes) {
    auto victim = resident_.end();
    for (auto it = resident_.begin(); it != resident_.end(); ++it)
      if (it->first.depth > kKeepDepth && (victim == resident_.end() || it->second.lastUse < victim->second.lastUse))
        victim = it;
    if (victim == resident_.end()) return;
    bytes_ -= victim->second.tile->bytes();
    resident_.erase(victim);
  }
}

std::shared_ptr<const StreamTile> TerrainStream::find(const terrain::QuadKey& key) {
  std::lock_guard lock(mutex_);
  auto it = resident_.find(key);
  if (it == resident_.end()) return nullptr;
  it->second.lastUse = ++useClock_;
  return it->second.tile;
}

std::vector<std::shared_ptr<const StreamTile>> TerrainStream::takeArrived() {
  std::lock_guard lock(mutex_);
  return std::exchange(arrived_, {});
}

bool TerrainStream::busy() const {
  std::lock_guard lock(mutex_);
  return !queue_.empty() || !inFlight_.empty();
}

void TerrainStream::waitForProgress(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  progress_.wait_for(lock, timeout, [this] { return !arrived_.empty() || (queue_.empty() && inFlight_.empty()); });
}

std::optional<Error> TerrainStream::failure() const {
  std::lock_guard lock(mutex_);
  return failure_;
}

glm::dvec2 TerrainStream::zRange() {
  const auto root = find({0, 0, 0});
  if (!root || !root->anyData) return {-500.0, 9000.0};
  const double margin = 0.1 * (root->maxZ - root->minZ) + 50.0;
  return {root->minZ - margin, root->maxZ + margin};
}

std::size_t TerrainStream::ramBytes() const {
  std::lock_guard lock(mutex_);
  return bytes_;
}

std::optional<double> TerrainStream::residentHeight(glm::dvec2 local) {
  if (std::isnan(local.x) || std::isnan(local.y)) return std::nullopt;
  for (int d = layout_.maxDepth; d >= 0; --d) {
    const auto tile = find(layout_.keyAt(local, d));
    if (!tile || !tile->anyData) continue;
    const glm::dvec2 g = tile->field->toGrid(local);
    const int n = tile->cells + 1;
    if (g.x < 0 || g.y < 0 || g.x > n - 1 || g.y > n - 1) continue;
    if (!tile->noData.empty()) {
      const int c = std::clamp(static_cast<int>(std::lround(g.x)), 0, n - 1);
      const int r = std::clamp(static_cast<int>(std::lround(g.y)), 0, n - 1);
      if (tile->noData[static_cast<std::size_t>(r) * n + c]) return std::nullopt;
    }
    return tile->field->sample(local);
  }
  return std::nullopt;
}

std::optional<double> TerrainStream::nativeHeight(glm::dvec2 local) const {
  if (std::isnan(local.x) || std::isnan(local.y)) return std::nullopt;  // the box test below passes NaN
  if (local.x < dataLo_.x || local.x > dataHi_.x || local.y < dataLo_.y || local.y > dataHi_.y) return std::nullopt;
  // The 2x2 DEM-resolution samples around the point, on the quadtree's finest DEM grid.
  const double c0 = layout_.cellSize(demDepth_);
  const double gx = std::floor((local.x - layout_.rootNW.x) / c0), gy = std::floor((layout_.rootNW.y - local.y) / c0);
  const glm::dvec2 nw = layout_.rootNW + glm::dvec2(gx, -gy) * c0;
  float h[4];
  sources_->readHeights({nw.x - 0.5 * c0, nw.y + 0.5 * c0, c0, 2, 2}, h);
  for (float v : h)
    if (std::isnan(v)) return std::nullopt;
  const double fx = (local.x - nw.x) / c0, fy = (nw.y - local.y) / c0;
  return (h[0] * (1 - fx) + h[1] * fx) * (1 - fy) + (h[2] * (1 - fx) + h[3] * fx) * fy;
}

std::shared_ptr<TerrainStream> openTerrainStream(std::shared_ptr<const TileSources> sources, glm::dvec2 lo,
                                                 glm::dvec2 hi, glm::dvec2 anchorNW, StreamBudgets budgets, int cells,
                                                 bool prefetchTop) {
  const double dem = sources->demCellSize();
  double finest = dem;
  for (int i = 0; i < sources->imageryCount(); ++i)
    finest = std::min(finest, std::max(sources->imageryCellSize(i), dem / 16.0));
  const auto layout = terrain::QuadTreeLayout::covering(lo, hi, finest, cells, anchorNW);
  auto stream = std::make_shared<TerrainStream>(std::move(sources), layout, lo, hi, budgets);
  // Every view starts from the top: its reads begin now, beside whatever the caller does next
  // (the GL context, the window).
  if (prefetchTop) stream->want({{0, 0, 0}, {1, 0, 0}, {1, 1, 0}, {1, 0, 1}, {1, 1, 1}});
  return stream;
}

}  // namespace tb::world
