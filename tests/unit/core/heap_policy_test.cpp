// keepLargeBlocksMapped: tile-sized blocks, once freed, go back to the system even after
// glibc would have raised its mmap threshold (a large mapped block freed first), instead of
// staying resident in a fragmented heap.
#include "core/HeapPolicy.h"

#include <gtest/gtest.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

namespace tb {
namespace {

double residentMiB() {
  std::ifstream statm("/proc/self/statm");
  long pages = 0, resident = 0;
  statm >> pages >> resident;
  return static_cast<double>(resident) * static_cast<double>(::sysconf(_SC_PAGESIZE)) / (1024.0 * 1024.0);
}

#if defined(__GLIBC__) && !defined(__SANITIZE_ADDRESS__)
TEST(HeapPolicy, FreedTileSizedBlocksLeaveTheResidentSet) {
  ASSERT_TRUE(keepLargeBlocksMapped());
  // glibc raises its threshold past a freed mapped block's size; with the policy it stays.
  char* large = static_cast<char*>(std::malloc(8 << 20));
  std::memset(large, 1, 8 << 20);
  asm volatile("" : : "r"(large) : "memory");  // used: the compiler may not drop the pair
  std::free(large);
  std::vector<char*> blocks;
  for (int i = 0; i < 200; ++i) {  // 200 decoded tiles of 384 KiB: 75 MiB
    char* b = static_cast<char*>(std::malloc(384 * 1024));
    std::memset(b, 1, 384 * 1024);
    blocks.push_back(b);
  }
  // Every 16th stays (a cache keeps some): in a heap, the freed ones between them could not be
  // given back from its top.
  const double held = residentMiB();
  for (std::size_t i = 0; i < blocks.size(); ++i)
    if (i % 16 != 15) std::free(blocks[i]);
  const double after = residentMiB();
  for (std::size_t i = 15; i < blocks.size(); i += 16) std::free(blocks[i]);
  EXPECT_GT(held - after, 60.0) << "resident " << held << " MiB with the tiles, " << after
                                << " after freeing 15 of every 16";
}

// glibc's malloc_info lists one <heap> per arena.
int heapsInUse() {
  char* text = nullptr;
  std::size_t size = 0;
  FILE* f = open_memstream(&text, &size);
  malloc_info(0, f);
  std::fclose(f);
  int heaps = 0;
  for (const char* p = text; (p = std::strstr(p, "<heap nr=")) != nullptr; ++p) ++heaps;
  std::free(text);
  return heaps;
}

TEST(HeapPolicy, BatchCommandsShareOneHeapAndKeepWhatTheyFree) {
  ASSERT_EQ(tuneHeapForBatchCommand(), 4);
  ASSERT_EQ(heapsInUse(), 1);
  // A tile worker's decoded block: without the policy glibc gives the thread an arena of its own.
  std::thread worker([] {
    char* block = static_cast<char*>(std::malloc(64 * 1024));
    std::memset(block, 1, 64 * 1024);
    asm volatile("" : : "r"(block) : "memory");
    std::free(block);
  });
  worker.join();
  EXPECT_EQ(heapsInUse(), 1);
  // A driver-sized buffer comes from the heap (not a fresh mapping), and stays there when freed.
  const std::size_t mappedBefore = mallinfo2().hblkhd;
  char* big = static_cast<char*>(std::malloc(16 << 20));
  std::memset(big, 1, 16 << 20);
  asm volatile("" : : "r"(big) : "memory");
  EXPECT_EQ(mallinfo2().hblkhd, mappedBefore);
  const std::size_t heapWithIt = mallinfo2().arena;
  std::free(big);
  EXPECT_EQ(mallinfo2().arena, heapWithIt);
}

TEST(HeapPolicy, BatchTuningLeavesTheUsersOwnSettings) {
  ASSERT_EQ(setenv("GLIBC_TUNABLES", "glibc.malloc.arena_max=4:glibc.malloc.top_pad=0", 1), 0);
  ASSERT_EQ(setenv("MALLOC_TRIM_THRESHOLD_", "131072", 1), 0);
  EXPECT_EQ(tuneHeapForBatchCommand(), 1);  // the mmap threshold only
}
#endif

}  // namespace
}  // namespace tb
