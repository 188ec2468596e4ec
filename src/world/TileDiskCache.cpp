// TileDiskCache: a header (magic, version, key length, payload size, payload checksum), the key,
// then the payload, in one core/DiskCache entry.
#include "world/TileDiskCache.h"

#include <atomic>
#include <cstring>

#include <fmt/format.h>

#include "core/DiskCache.h"

namespace tb::world::tilecache {

namespace {

constexpr std::uint32_t kMagic = 0x43544254;  // "TBTC"
constexpr std::uint32_t kVersion = 1;

struct Header {
  std::uint32_t magic, version, keyBytes, reserved;
  std::uint64_t payloadBytes, checksum;
};

// FNV-1a over 64-bit words (then the tail bytes): a damaged entry changes it; speed matters more
// than strength here (a tile is ~64 KB, checked on every hit).
std::uint64_t checksum(const void* data, std::size_t bytes) {
  const auto* p = static_cast<const std::uint8_t*>(data);
  std::uint64_t h = 14695981039346656037ull;
  std::size_t i = 0;
  for (; i + 8 <= bytes; i += 8) {
    std::uint64_t w;
    std::memcpy(&w, p + i, 8);
    h = (h ^ w) * 1099511628211ull;
  }
  for (; i < bytes; ++i) h = (h ^ p[i]) * 1099511628211ull;
  return h;
}

std::atomic<std::uint64_t> gHits{0}, gMisses{0}, gRejected{0};

}  // namespace

std::string key(const char* kind, const std::string& source, double west, double north, double cell, int width,
                int height) {
  return fmt::format("{}|{}|{:.17g},{:.17g},{:.17g},{}x{}", kind, source, west, north, cell, width, height);
}

bool load(const std::string& key, void* out, std::size_t bytes) {
  const cache::Entry e = cache::open(cache::entryName("tile", key));
  if (!e) {
    ++gMisses;
    return false;
  }
  Header h{};
  if (e.size() >= sizeof h) std::memcpy(&h, e.data(), sizeof h);
  const std::uint8_t* storedKey = e.data() + sizeof h;
  const bool ok = e.size() == sizeof h + key.size() + bytes && h.magic == kMagic && h.version == kVersion &&
                  h.keyBytes == key.size() && h.payloadBytes == bytes &&
                  std::memcmp(storedKey, key.data(), key.size()) == 0 &&
                  checksum(storedKey + key.size(), bytes) == h.checksum;
  if (!ok) {
    ++gRejected;
    return false;
  }
  std::memcpy(out, storedKey + key.size(), bytes);
  ++gHits;
  return true;
}

void save(const std::string& key, const void* data, std::size_t bytes) {
  const Header h{kMagic, kVersion, static_cast<std::uint32_t>(key.size()), 0, bytes, checksum(data, bytes)};
  cache::store(cache::entryName("tile", key), {{&h, sizeof h}, {key.data(), key.size()}, {data, bytes}});
}

Counters counters() { return {gHits.load(), gMisses.load(), gRejected.load()}; }

}  // namespace tb::world::tilecache
