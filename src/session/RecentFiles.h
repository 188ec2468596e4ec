// The scenes and briefings opened lately, newest first, kept between runs in a small JSON file in
// the user's config folder. Reading never fails the viewer: a missing file is an empty list, a
// damaged one an empty list and a one-line problem to show. Writing is atomic.
#pragma once
#include <string>
#include <vector>

namespace tb::session {

inline constexpr std::size_t kMaxRecentFiles = 10;

// $XDG_CONFIG_HOME/terrabrief/recent.json, else $HOME/.config/terrabrief/recent.json; "" when
// neither variable is set (nothing is kept then).
std::string recentFilesPath();

// The list in `path`; `problem` says why a file that is there could not be used ("" otherwise).
std::vector<std::string> loadRecentFiles(const std::string& path, std::string& problem);
// Creates the folder when needed; throws tb::Error naming the file when it cannot be written.
void saveRecentFiles(const std::string& path, const std::vector<std::string>& files);
// `opened` (absolute) at the front, once, the list cut to kMaxRecentFiles.
std::vector<std::string> withRecentFile(std::vector<std::string> files, const std::string& opened);

}  // namespace tb::session
