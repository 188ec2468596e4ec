#include "core/DiskCache.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <mutex>

#include <fmt/format.h>

#include "core/AtomicFile.h"
#include "core/Log.h"

namespace tb::cache {

std::string directory() {
  if (const char* own = std::getenv("TERRABRIEF_CACHE_DIR"); own && *own)
    return std::string_view(own) == "off" ? std::string() : std::string(own);
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) return std::string(xdg) + "/terrabrief";
  if (const char* home = std::getenv("HOME"); home && *home) return std::string(home) + "/.cache/terrabrief";
  return {};
}

std::string fileIdentity(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return {};
  std::error_code ec;
  const std::filesystem::path absolute = std::filesystem::absolute(path, ec);
  return fmt::format("{}|{}|{}.{:09}|{}", ec ? path : absolute.string(), static_cast<long long>(st.st_size),
                     static_cast<long long>(st.st_mtim.tv_sec), static_cast<long>(st.st_mtim.tv_nsec),
                     static_cast<unsigned long long>(st.st_ino));
}

std::string entryName(std::string_view kind, std::string_view key) {
  std::uint64_t h = 14695981039346656037ull;  // FNV-1a: keys are short, speed is irrelevant
  for (unsigned char c : key) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return fmt::format("{}-{:016x}", kind, h);
}

std::uint64_t maxBytes() {
  if (const char* mb = std::getenv("TERRABRIEF_CACHE_MAX_MB"); mb && *mb) {
    char* end = nullptr;
    const unsigned long long v = std::strtoull(mb, &end, 10);
    if (end && *end == '\0') return static_cast<std::uint64_t>(v) << 20;
  }
  return std::uint64_t(2) << 30;
}

namespace {
// Oldest-first removal of entries (not of other files) until the directory fits the budget.
// Returns the bytes left.
std::uint64_t evict(const std::string& dir, const std::string& keep) {
  namespace fs = std::filesystem;
  struct Item {
    fs::path path;
    fs::file_time_type used;
    std::uintmax_t size;
  };
  std::vector<Item> items;
  std::uint64_t total = 0;
  std::error_code ec;
  for (const fs::directory_entry& e : fs::directory_iterator(dir, ec)) {
    const std::string name = e.path().filename().string();
    if (name.empty() || name[0] == '.' || !e.is_regular_file(ec)) continue;  // temporaries start with '.'
    const std::uintmax_t size = e.file_size(ec);
    if (ec) continue;
    total += size;
    if (name != keep) items.push_back({e.path(), e.last_write_time(ec), size});
  }
  std::sort(items.begin(), items.end(), [](const Item& a, const Item& b) { return a.used < b.used; });
  const std::uint64_t budget = maxBytes();
  for (const Item& item : items) {
    if (total <= budget) break;
    if (fs::remove(item.path, ec)) total -= item.size;
  }
  return total;
}

// Tile caches store thousands of small entries: scanning the directory after each store would
// cost O(entries) per tile. Stores add to an estimate instead, and the directory is scanned (and
// trimmed) on the first store, when the estimate passes the budget, and every 512 stores (other
// processes write here too).
std::mutex gBudgetMutex;
std::string gBudgetDir;
std::uint64_t gEstimate = 0;
int gStoresSinceScan = 0;

void keepWithinBudget(const std::string& dir, const std::string& keep, std::uint64_t added) {
  std::lock_guard lock(gBudgetMutex);
  gEstimate += added;
  if (dir == gBudgetDir && gEstimate <= maxBytes() && ++gStoresSinceScan < 512) return;
  gBudgetDir = dir;
  gStoresSinceScan = 0;
  gEstimate = evict(dir, keep);
}
}  // namespace

namespace {
std::atomic<std::uint64_t> gOpened{0}, gStored{0};
}  // namespace

Counters counters() { return {gOpened.load(), gStored.load()}; }

Entry open(const std::string& name) {
  Entry e;
  const std::string dir = directory();
  if (dir.empty()) return e;
  const std::string path = dir + "/" + name;
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return e;
  struct stat st {};
  if (::fstat(fd, &st) == 0 && st.st_size > 0) {
    const auto size = static_cast<std::size_t>(st.st_size);
    void* p = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (p != MAP_FAILED) {
      e.map_ = std::shared_ptr<const void>(p, [size](const void* q) { ::munmap(const_cast<void*>(q), size); });
      e.size_ = size;
      ::futimens(fd, nullptr);  // a use: least recently used entries are evicted first
      ++gOpened;
    }
  }
  ::close(fd);
  return e;
}

bool store(const std::string& name, const std::vector<Part>& parts) {
  const std::string dir = directory();
  if (dir.empty()) return false;
  try {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    AtomicFile file(dir + "/" + name);
    std::FILE* f = std::fopen(file.tempPath().c_str(), "wb");
    if (!f) throw std::runtime_error("cannot create " + file.tempPath());
    bool ok = true;
    std::uint64_t bytes = 0;
    for (const Part& p : parts) {
      ok = ok && std::fwrite(p.data, 1, p.size, f) == p.size;
      bytes += p.size;
    }
    ok = (std::fclose(f) == 0) && ok;
    if (!ok) throw std::runtime_error("write failed (disk full?)");
    file.commit();
    ++gStored;
    keepWithinBudget(dir, name, bytes);
    return true;
  } catch (const std::exception& e) {
    log::debug("cache: {} not stored in {}: {}", name, dir, e.what());
    return false;
  }
}

}  // namespace tb::cache
