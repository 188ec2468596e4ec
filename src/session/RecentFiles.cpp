// Recent files (see RecentFiles.h).
#include "session/RecentFiles.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/AtomicFile.h"
#include "core/Error.h"

namespace tb::session {
namespace fs = std::filesystem;

std::string recentFilesPath() {
  if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg && *xdg) return std::string(xdg) + "/terrabrief/recent.json";
  if (const char* home = std::getenv("HOME"); home && *home) return std::string(home) + "/.config/terrabrief/recent.json";
  return {};
}

std::vector<std::string> loadRecentFiles(const std::string& path, std::string& problem) {
  problem.clear();
  std::vector<std::string> files;
  std::error_code ec;
  if (path.empty() || !fs::exists(path, ec)) return files;
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  if (in) text << in.rdbuf();
  const nlohmann::json j = nlohmann::json::parse(text.str(), nullptr, false);
  if (!in || j.is_discarded() || !j.is_object() || !j.contains("recent") || !j["recent"].is_array()) {
    problem = fmt::format("{}: not a list of recent files; it is ignored (and replaced when a file is opened)", path);
    return files;
  }
  for (const auto& f : j["recent"])
    if (f.is_string() && !f.get<std::string>().empty() && files.size() < kMaxRecentFiles) files.push_back(f.get<std::string>());
  return files;
}

void saveRecentFiles(const std::string& path, const std::vector<std::string>& files) {
  std::error_code ec;
  fs::create_directories(fs::path(path).parent_path(), ec);
  if (ec) throw Error(path, "cannot create its folder: " + ec.message());
  AtomicFile out(path);
  {
    std::ofstream f(out.tempPath(), std::ios::binary);
    f << nlohmann::json{{"recent", files}}.dump(2) << "\n";
    if (!f.flush()) throw Error(path, "could not be written");
  }
  out.commit();
}

std::vector<std::string> withRecentFile(std::vector<std::string> files, const std::string& opened) {
  files.erase(std::remove(files.begin(), files.end(), opened), files.end());
  files.insert(files.begin(), opened);
  if (files.size() > kMaxRecentFiles) files.resize(kMaxRecentFiles);
  return files;
}

}  // namespace tb::session
