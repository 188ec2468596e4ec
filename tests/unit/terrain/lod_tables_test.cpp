// LOD tables kept in the derived-data cache: restored tables answer exactly as built ones, and
// bytes that do not fit the field are refused (then the tables are rebuilt).
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <string>

#include "SyntheticFields.h"
#include "core/DiskCache.h"
#include "terrain/TerrainLod.h"
#include "terrain/TerrainLodCache.h"

namespace tb::terrain {
namespace {

void expectSameTables(const TerrainLod& a, const TerrainLod& b) {
  ASSERT_EQ(a.levelCount(), b.levelCount());
  for (int L = 0; L < a.levelCount(); ++L)
    for (int ty = 0; ty < a.tilesY(L); ++ty)
      for (int tx = 0; tx < a.tilesX(L); ++tx) {
        const TileKey k{L, tx, ty};
        ASSERT_EQ(a.geometricError(k), b.geometricError(k)) << L << " " << tx << " " << ty;
        ASSERT_EQ(a.skirtDepth(k), b.skirtDepth(k));
        ASSERT_EQ(a.bounds(k).min, b.bounds(k).min);
        ASSERT_EQ(a.bounds(k).max, b.bounds(k).max);
      }
  EXPECT_EQ(a.indices(), b.indices());
}

TEST(LodTables, RestoredTablesAnswerAsBuiltOnes) {
  const HeightField f = testing::roughField(150, 97);
  const TerrainLod built(f, 16);
  const std::vector<std::uint8_t> bytes = built.tables();
  const auto restored = TerrainLod::fromTables(f, 16, bytes.data(), bytes.size());
  ASSERT_TRUE(restored);
  expectSameTables(built, *restored);
  EXPECT_EQ(restored->tables(), bytes);
}

TEST(LodTables, BytesThatDoNotFitAreRefused) {
  const HeightField f = testing::roughField(150, 97);
  const std::vector<std::uint8_t> bytes = TerrainLod(f, 16).tables();
  EXPECT_FALSE(TerrainLod::fromTables(f, 16, bytes.data(), bytes.size() - 1)) << "truncated";
  EXPECT_FALSE(TerrainLod::fromTables(f, 32, bytes.data(), bytes.size())) << "other tile size";
  const HeightField other = testing::roughField(151, 97);
  EXPECT_FALSE(TerrainLod::fromTables(other, 16, bytes.data(), bytes.size())) << "other field size";
  std::vector<std::uint8_t> longer = bytes;
  longer.push_back(0);
  EXPECT_FALSE(TerrainLod::fromTables(f, 16, longer.data(), longer.size())) << "trailing bytes";
  std::vector<std::uint8_t> garbled = bytes;
  garbled[0] ^= 0xff;
  EXPECT_FALSE(TerrainLod::fromTables(f, 16, garbled.data(), garbled.size())) << "not LOD tables";
}

TEST(LodTables, CachedLodIsStoredOnceAndThenRead) {
  std::filesystem::create_directories(TB_TEST_OUTPUT_DIR);
  std::string templ = std::string(TB_TEST_OUTPUT_DIR) + "/lod-cache-XXXXXX";
  const std::string dir = mkdtemp(templ.data());
  ::setenv("TERRABRIEF_CACHE_DIR", dir.c_str(), 1);
  const HeightField f = testing::roughField(150, 97);
  const std::string key = "test field|" + dir;
  const tb::cache::Counters start = tb::cache::counters();
  const auto first = cachedTerrainLod(f, 16, key);
  const std::string entry = dir + "/" + tb::cache::entryName("lod", key + "|tile quads 16");
  ASSERT_TRUE(std::filesystem::exists(entry));
  const tb::cache::Counters built = tb::cache::counters();
  EXPECT_EQ(built.stored - start.stored, 1u);
  const auto second = cachedTerrainLod(f, 16, key);
  expectSameTables(*first, *second);
  // A hit: read, not rebuilt (the tables would be the same either way).
  const tb::cache::Counters read = tb::cache::counters();
  EXPECT_EQ(read.opened - built.opened, 1u);
  EXPECT_EQ(read.stored, built.stored) << "the cached tables were rebuilt";
  // A damaged entry is rebuilt, not trusted.
  std::filesystem::resize_file(entry, 100);
  const auto third = cachedTerrainLod(f, 16, key);
  expectSameTables(*first, *third);
  EXPECT_EQ(tb::cache::counters().stored - read.stored, 1u) << "the damaged entry was not rebuilt";
  EXPECT_GT(std::filesystem::file_size(entry), 100u) << "the rebuilt tables replace the damaged entry";
  ::unsetenv("TERRABRIEF_CACHE_DIR");
}

}  // namespace
}  // namespace tb::terrain
