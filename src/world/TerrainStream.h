// The streamed terrain's data side: nodes of a quadtree read from their sources on worker threads,
// most needed first, kept in RAM within a byte budget (least recently used dropped first; the top
// levels stay, so there is always an ancestor to draw). The renderer says each frame what it wants;
// nothing here waits on I/O unless asked to. No GL.
#pragma once
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/Error.h"
#include "terrain/QuadTree.h"
#include "world/StreamTile.h"
#include "world/TileSources.h"

namespace tb::world {

struct StreamBudgets {
  std::size_t ramBytes = std::size_t(384) << 20;  // tiles kept in RAM
  std::size_t gpuBytes = std::size_t(256) << 20;  // tiles kept on the GPU (the renderer's)
  int workers = 0;                                // 0: one per core, at least two
  // `base` (the defaults, or the scene's), then TERRABRIEF_RAM_BUDGET_MB / TERRABRIEF_GPU_BUDGET_MB /
  // TERRABRIEF_TILE_WORKERS where set.
  static StreamBudgets fromEnvironment(StreamBudgets base);
  static StreamBudgets fromEnvironment();  // over the defaults
};

class TerrainStream {
 public:
  // dataLo/dataHi: the data's box (local xy); nodes outside it are never read.
  TerrainStream(std::shared_ptr<const TileSources> sources, terrain::QuadTreeLayout layout, glm::dvec2 dataLo,
                glm::dvec2 dataHi, StreamBudgets budgets);
  ~TerrainStream();
  TerrainStream(const TerrainStream&) = delete;
  TerrainStream& operator=(const TerrainStream&) = delete;

  const terrain::QuadTreeLayout& layout() const { return layout_; }
  const StreamBudgets& budgets() const { return budgets_; }
  const TileSources& sources() const { return *sources_; }
  glm::dvec2 dataLo() const { return dataLo_; }
  glm::dvec2 dataHi() const { return dataHi_; }
  bool hasData(const terrain::QuadKey& key) const { return layout_.overlaps(key, dataLo_, dataHi_); }
  // The depth whose cells reach the DEM's own resolution: deeper nodes only refine imagery.
  int demDepth() const { return demDepth_; }

  // The nodes wanted now, most needed first (replaces earlier wants that have not started).
  void want(const std::vector<terrain::QuadKey>& keys);
  // A resident node (marks it used), or null.
  std::shared_ptr<const StreamTile> find(const terrain::QuadKey& key);
  // Nodes that arrived since the last call, for the GPU.
  std::vector<std::shared_ptr<const StreamTile>> takeArrived();
  bool busy() const;  // reads queued or running
  // Blocks until a node arrives, a read fails, or `timeout` passes.
  void waitForProgress(std::chrono::milliseconds timeout);
  // The first failed read, once there was one (file = the source, problem = what went wrong).
  std::optional<Error> failure() const;

  // Best height at a local point from the deepest resident node (no I/O); nothing where no
  // resident node has data there (nor at a NaN point).
  std::optional<double> residentHeight(glm::dvec2 local);
  // The height at the DEM's own resolution, read now if needed (bilinear of the four samples
  // around the point); nothing outside the data, on nodata or at a NaN point. Throws tb::Error on a read failure.
  std::optional<double> nativeHeight(glm::dvec2 local) const;

  // Height range (real metres) of the data: the root node's once it has arrived (its samples
  // are coarse, so with a margin), else a range that holds any terrain on Earth.
  glm::dvec2 zRange();

  std::size_t ramBytes() const;
  std::size_t reads() const { return reads_.load(); }
  // While an interactive view draws, tile reads run at a lower CPU priority (nice kBackgroundNice)
  // so that they take what the frames leave; offline renders keep them at the caller's priority.
  // One way: an unprivileged process cannot raise a thread's priority again.
  static constexpr int kBackgroundNice = 10;
  void setBackground();

  // Builds one node from the sources (what the workers run; public for tests).
  static std::shared_ptr<StreamTile> buildTile(const TileSources& sources, const terrain::QuadTreeLayout& layout,
                                               const terrain::QuadKey& key, int demDepth);

 private:
  void workerLoop();
  void evictLocked();

  std::shared_ptr<const TileSources> sources_;
  terrain::QuadTreeLayout layout_;
  glm::dvec2 dataLo_, dataHi_;
  StreamBudgets budgets_;
  int demDepth_ = 0;

  mutable std::mutex mutex_;
  std::condition_variable work_, progress_;
  bool stopping_ = false;
  std::deque<terrain::QuadKey> queue_;  // front = most needed
  std::unordered_set<terrain::QuadKey, terrain::QuadKeyHash> inFlight_;
  struct Entry {
    std::shared_ptr<const StreamTile> tile;
    std::uint64_t lastUse = 0;
  };
  std::unordered_map<terrain::QuadKey, Entry, terrain::QuadKeyHash> resident_;
  std::vector<std::shared_ptr<const StreamTile>> arrived_;
  std::uint64_t useClock_ = 0;
  std::size_t bytes_ = 0;
  std::optional<Error> failure_;
  std::unordered_set<terrain::QuadKey, terrain::QuadKeyHash> failed_;
  std::atomic<std::size_t> reads_{0};
  bool background_ = false;
  std::vector<std::thread> workers_;
};

// A stream over `sources` for the data box [lo, hi] (local xy): its quadtree reaches the finest
// source's resolution (imagery at most 16 times finer than the DEM), anchored at `anchorNW`.
// prefetchTop: start reading the top two levels now (every view needs them; `info` none).
std::shared_ptr<TerrainStream> openTerrainStream(std::shared_ptr<const TileSources> sources, glm::dvec2 lo,
                                                 glm::dvec2 hi, glm::dvec2 anchorNW, StreamBudgets budgets,
                                                 int cells = 128, bool prefetchTop = true);

}  // namespace tb::world
