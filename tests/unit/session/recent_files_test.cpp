// The recent-files list: where it lives (XDG), the newest first and once, a damaged file ignored
// with a message, written atomically (no temporary left beside it).
#include <gtest/gtest.h>
#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "session/RecentFiles.h"

using namespace tb::session;
namespace fs = std::filesystem;

namespace {

fs::path scratch(const char* name) {
  const fs::path d = fs::path(TB_TEST_OUTPUT_DIR) / name;
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

TEST(RecentFiles, LivesInTheXdgConfigFolder) {
  const char* old = std::getenv("XDG_CONFIG_HOME");
  const std::string saved = old ? old : "";
  ::setenv("XDG_CONFIG_HOME", "/tmp/xdg-test", 1);
  EXPECT_EQ(recentFilesPath(), "/tmp/xdg-test/terrabrief/recent.json");
  ::unsetenv("XDG_CONFIG_HOME");
  const char* home = std::getenv("HOME");
  if (home && *home) EXPECT_EQ(recentFilesPath(), std::string(home) + "/.config/terrabrief/recent.json");
  if (old) ::setenv("XDG_CONFIG_HOME", saved.c_str(), 1);
}

TEST(RecentFiles, NewestFirstOnceAndAtMostTen) {
  std::vector<std::string> list;
  for (int i = 0; i < 12; ++i) list = withRecentFile(list, "/s/" + std::to_string(i) + ".json");
  ASSERT_EQ(list.size(), kMaxRecentFiles);
  EXPECT_EQ(list.front(), "/s/11.json");
  list = withRecentFile(list, "/s/5.json");
  EXPECT_EQ(list.front(), "/s/5.json");
  EXPECT_EQ(std::count(list.begin(), list.end(), "/s/5.json"), 1);
  EXPECT_EQ(list.size(), kMaxRecentFiles);
}

TEST(RecentFiles, SavedAndReadBackInAFolderMadeForIt) {
  const fs::path path = scratch("recent-files") / "config" / "terrabrief" / "recent.json";
  saveRecentFiles(path.string(), {"/a/scene.json", "/b/brief.json"});
  std::string problem;
  EXPECT_EQ(loadRecentFiles(path.string(), problem), (std::vector<std::string>{"/a/scene.json", "/b/brief.json"}));
  EXPECT_EQ(problem, "");
  int entries = 0;
  for (const auto& e : fs::directory_iterator(path.parent_path())) entries += !e.path().empty();
  EXPECT_EQ(entries, 1) << "a temporary file was left beside the list";
}

TEST(RecentFiles, AMissingFileIsAnEmptyListWithoutAProblem) {
  std::string problem = "stale";
  EXPECT_TRUE(loadRecentFiles((scratch("recent-missing") / "recent.json").string(), problem).empty());
  EXPECT_EQ(problem, "");
}

TEST(RecentFiles, ADamagedFileIsIgnoredWithAMessageNamingIt) {
  const fs::path path = scratch("recent-damaged") / "recent.json";
  for (const char* text : {"{not json", "[1, 2]", "{\"recent\": 3}"}) {
    std::ofstream(path) << text;
    std::string problem;
    EXPECT_TRUE(loadRecentFiles(path.string(), problem).empty()) << text;
    EXPECT_NE(problem.find(path.string()), std::string::npos) << problem;
  }
  // Entries that are not names are skipped, the rest kept.
  std::ofstream(path) << R"({"recent": ["/a.json", 7, "", "/b.json"]})";
  std::string problem;
  EXPECT_EQ(loadRecentFiles(path.string(), problem), (std::vector<std::string>{"/a.json", "/b.json"}));
}

TEST(RecentFiles, AnUnwritableFolderThrowsNamingTheFile) {
  const fs::path blocker = scratch("recent-blocked") / "file";
  std::ofstream(blocker) << "a file where the folder should be";
  const std::string path = (blocker / "terrabrief" / "recent.json").string();
  try {
    saveRecentFiles(path, {"/a.json"});
    FAIL() << "no error";
  } catch (const std::exception& e) {
    EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
  }
}

}  // namespace
