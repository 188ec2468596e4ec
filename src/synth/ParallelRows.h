// Splits a row range across a few std::threads. Each row's result depends only on its inputs,
// so the output is identical whatever the thread count (the generator must be deterministic).
#pragma once
#include <algorithm>
#include <thread>
#include <vector>

namespace tb::synth {

template <class RowRangeFn>
void parallelRows(int rows, int threads, RowRangeFn&& fn) {
  threads = std::clamp(threads, 1, 16);
  if (threads == 1 || rows < 64) {
    fn(0, rows);
    return;
  }
  // Interleaved chunks balance work when cost varies by region (sea rows are cheaper than mountains).
  const int chunk = std::max(16, rows / (threads * 8));
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      for (int r0 = t * chunk; r0 < rows; r0 += threads * chunk) fn(r0, std::min(rows, r0 + chunk));
    });
  }
  for (auto& th : pool) th.join();
}

}  // namespace tb::synth
