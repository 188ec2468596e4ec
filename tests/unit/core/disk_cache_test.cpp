// The derived-data cache: entries round-trip, "off" and unusable directories only cost the
// recomputation, the least recently used entries go first when over budget.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "core/DiskCache.h"

namespace fs = std::filesystem;
using namespace tb;

namespace {

// Points TERRABRIEF_CACHE_DIR at a fresh directory for one test, and restores it.
class CacheDir : public ::testing::Test {
 protected:
  void SetUp() override {
    if (const char* old = std::getenv("TERRABRIEF_CACHE_DIR")) saved_ = old;
    fs::create_directories(TB_TEST_OUTPUT_DIR);
    std::string templ = std::string(TB_TEST_OUTPUT_DIR) + "/disk-cache-XXXXXX";
    dir_ = mkdtemp(templ.data());
    ::setenv("TERRABRIEF_CACHE_DIR", dir_.c_str(), 1);
  }
  void TearDown() override {
    if (saved_) ::setenv("TERRABRIEF_CACHE_DIR", saved_->c_str(), 1);
    else ::unsetenv("TERRABRIEF_CACHE_DIR");
    ::unsetenv("TERRABRIEF_CACHE_MAX_MB");
  }
  std::string dir_;
  std::optional<std::string> saved_;
};

TEST_F(CacheDir, StoredPartsComeBackConcatenated) {
  const std::string a = "height tables ", b = "and more";
  ASSERT_TRUE(cache::store("lod-1", {{a.data(), a.size()}, {b.data(), b.size()}}));
  const cache::Entry e = cache::open("lod-1");
  ASSERT_TRUE(e);
  EXPECT_EQ(std::string(reinterpret_cast<const char*>(e.data()), e.size()), a + b);
  EXPECT_FALSE(cache::open("lod-2")) << "absent entries are empty, not errors";
  for (const auto& f : fs::directory_iterator(dir_))
    EXPECT_NE(f.path().filename().string()[0], '.') << "temporary left behind: " << f.path();
}

TEST_F(CacheDir, OffStoresNothing) {
  ::setenv("TERRABRIEF_CACHE_DIR", "off", 1);
  EXPECT_EQ(cache::directory(), "");
  const std::string a = "x";
  EXPECT_FALSE(cache::store("lod-1", {{a.data(), 1}}));
  EXPECT_FALSE(cache::open("lod-1"));
}

TEST_F(CacheDir, UnusableDirectoryIsNotAnError) {
  const std::string file = dir_ + "/plain-file";
  std::ofstream(file) << "not a directory";
  ::setenv("TERRABRIEF_CACHE_DIR", (file + "/cache").c_str(), 1);
  const std::string a = "x";
  EXPECT_FALSE(cache::store("lod-1", {{a.data(), 1}}));
  EXPECT_FALSE(cache::open("lod-1"));
}

TEST_F(CacheDir, LeastRecentlyUsedEntriesGoFirstWhenOverBudget) {
  ::setenv("TERRABRIEF_CACHE_MAX_MB", "1", 1);
  const std::vector<char> block(400 * 1024, 'x');
  ASSERT_TRUE(cache::store("a", {{block.data(), block.size()}}));
  ASSERT_TRUE(cache::store("b", {{block.data(), block.size()}}));
  const auto old = fs::file_time_type::clock::now() - std::chrono::hours(2);
  fs::last_write_time(dir_ + "/a", old);
  fs::last_write_time(dir_ + "/b", old + std::chrono::hours(1));
  ASSERT_TRUE(cache::open("a"));  // a use: "b" is now the least recently used
  ASSERT_TRUE(cache::store("c", {{block.data(), block.size()}}));
  EXPECT_TRUE(fs::exists(dir_ + "/a"));
  EXPECT_FALSE(fs::exists(dir_ + "/b"));
  EXPECT_TRUE(fs::exists(dir_ + "/c"));
}

TEST_F(CacheDir, ManySmallStoresStayWithinTheBudget) {
  ::setenv("TERRABRIEF_CACHE_MAX_MB", "1", 1);
  const std::vector<char> block(100 * 1024, 'x');
  for (int i = 0; i < 40; ++i) ASSERT_TRUE(cache::store("t" + std::to_string(i), {{block.data(), block.size()}}));
  std::uintmax_t total = 0;
  for (const auto& e : fs::directory_iterator(dir_)) total += e.file_size();
  EXPECT_LE(total, std::uintmax_t(1) << 20);
  EXPECT_TRUE(fs::exists(dir_ + "/t39"));  // the newest stays
  EXPECT_FALSE(fs::exists(dir_ + "/t0"));
}

TEST(DiskCache, EntryNamesDependOnKindAndKey) {
  EXPECT_EQ(cache::entryName("lod", "k"), cache::entryName("lod", "k"));
  EXPECT_NE(cache::entryName("lod", "k"), cache::entryName("lod", "k2"));
  EXPECT_NE(cache::entryName("lod", "k"), cache::entryName("mips", "k"));
  EXPECT_EQ(cache::entryName("lod", "k").rfind("lod-", 0), 0u);
}

TEST(DiskCache, FileIdentityChangesWhenTheFileDoes) {
  fs::create_directories(TB_TEST_OUTPUT_DIR);
  const std::string path = std::string(TB_TEST_OUTPUT_DIR) + "/identity.txt";
  std::ofstream(path) << "one";
  const std::string first = cache::fileIdentity(path);
  EXPECT_FALSE(first.empty());
  std::ofstream(path) << "three";
  EXPECT_NE(cache::fileIdentity(path), first);
  EXPECT_EQ(cache::fileIdentity(path + ".missing"), "");
}

}  // namespace
