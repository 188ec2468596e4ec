// A cache of derived data on disk (LOD tables, texture pyramids, reprojected tiles), so that opening the same scene
// again skips work whose inputs did not change, the way GIS tools keep overviews beside a
// raster. Entries are named by a hash of everything they derive from; they are written
// atomically and read through a read-only mapping. A missing, short or unwritable cache only
// costs the recomputation: nothing here throws.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace tb::cache {

// $TERRABRIEF_CACHE_DIR, else $XDG_CACHE_HOME/terrabrief, else $HOME/.cache/terrabrief; empty
// (no caching) when TERRABRIEF_CACHE_DIR is "off" or no directory can be named.
std::string directory();

// What identifies a source file's content without reading it: path, size, modification time
// (ns) and inode. Empty when the file cannot be stat'ed (then nothing derived from it is cached).
std::string fileIdentity(const std::string& path);

// Entry name for a key: `kind` + "-" + 16 hex digits of a 64-bit hash of the key.
std::string entryName(std::string_view kind, std::string_view key);

// A cache entry's bytes, mapped read-only; empty when absent or unreadable.
class Entry {
 public:
  Entry() = default;
  const std::uint8_t* data() const { return static_cast<const std::uint8_t*>(map_.get()); }
  std::size_t size() const { return size_; }
  explicit operator bool() const { return map_ != nullptr; }
  std::shared_ptr<const void> keepAlive() const { return map_; }  // for borrowers of data()

 private:
  friend Entry open(const std::string& name);
  std::shared_ptr<const void> map_;
  std::size_t size_ = 0;
};

Entry open(const std::string& name);

// Writes the parts, concatenated, as entry `name` (temporary file, then rename), then removes
// the least recently used entries while the cache holds more than maxBytes() (opening an entry
// counts as a use). Returns false (and logs at debug level) when caching is off or the
// directory cannot be written.
struct Part {
  const void* data;
  std::size_t size;
};
bool store(const std::string& name, const std::vector<Part>& parts);

// 2 GiB, or $TERRABRIEF_CACHE_MAX_MB.
std::uint64_t maxBytes();

// What this process did with the cache so far: entries open() mapped, entries store() wrote.
// A hit is an open without a store after it; tests tell hits from rebuilds by these (the
// pictures are the same either way).
struct Counters {
  std::uint64_t opened = 0;
  std::uint64_t stored = 0;
};
Counters counters();

}  // namespace tb::cache
