// SoakSamples (see SoakSamples.h).
#include "harness/SoakSamples.h"

#include <fmt/format.h>
#include <gdal.h>
#include <malloc.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>

#include "core/Log.h"
#include "harness/BenchTable.h"
#include "render/gl/LiveObjects.h"

namespace tb::bench {

double residentMiB() {
  std::ifstream statm("/proc/self/statm");
  long pages = 0, resident = 0;
  statm >> pages >> resident;
  return static_cast<double>(resident) * static_cast<double>(::sysconf(_SC_PAGESIZE)) / (1024.0 * 1024.0);
}

void SoakSamples::sample(double t) {
  ++samples_;
  const double rss = residentMiB();
  const int gl = render::gl::liveGlObjects();
  // Where growth would come from: the heap in use (against RSS: memory freed but not returned) and
  // GDAL's block cache (bounded by GDAL_CACHEMAX).
  const struct mallinfo2 heap = mallinfo2();
  log::info("soak: sample {} at {:.0f} s, RSS {:.1f} MiB, {} GL objects, heap in use {:.1f} MiB, GDAL cache {:.1f} MiB",
            samples_, t, rss, gl, (heap.uordblks + heap.hblkhd) / 1048576.0, GDALGetCacheUsed64() / 1048576.0);
  if (warmSample_ == 0) {
    if (t < 0.25 * seconds_) return;  // callers take the first sample after one whole repeat
    warmSample_ = samples_;
    warmRss_ = maxRss_ = rss;
    warmGl_ = maxGl_ = gl;
    return;
  }
  maxRss_ = std::max(maxRss_, rss);
  maxGl_ = std::max(maxGl_, gl);
}

bool soakVerdictRows(double warmRssMiB, double maxRssMiB, double warmGl, double maxGl) {
  const double growth = (maxRssMiB - warmRssMiB) / warmRssMiB;
  benchRow("soak: RSS growth after warm-up",
           fmt::format("{:+.2f}% ({:.1f} -> {:.1f} MiB)", 100 * growth, warmRssMiB, maxRssMiB), "< 2%", growth / 0.02,
           1.0);
  benchRow("soak: live GL objects after warm-up", fmt::format("{:.0f} -> {:.0f} (max)", warmGl, maxGl), "no growth",
           maxGl > warmGl ? 2.0 : 0.0, 1.0);
  return growth < 0.02 && maxGl <= warmGl;
}

}  // namespace tb::bench
