// Drives a real X window for the ui tests: starts the viewer as a child process, sends real X
// input with xdotool (XTEST, the same path as a user's mouse), and captures the screen with
// ImageMagick's `import`. Header-only; used by the tests in this folder.
#pragma once
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <regex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "core/PngFile.h"

namespace tb::uitest {
namespace fs = std::filesystem;
using namespace std::chrono_literals;

// Output of a shell command (stdout), or nothing when it fails.
inline std::optional<std::string> shell(const std::string& command) {
  FILE* p = ::popen((command + " 2>/dev/null").c_str(), "r");
  if (!p) return std::nullopt;
  std::string out;
  char buf[4096];
  while (std::size_t n = std::fread(buf, 1, sizeof buf, p)) out.append(buf, n);
  const int status = ::pclose(p);
  if (status != 0) return std::nullopt;
  return out;
}

inline std::string readFile(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// The viewer process, its log (stderr with TB_LOG=debug) and its window.
class ViewerProcess {
 public:
  ViewerProcess(const fs::path& binary, const fs::path& cwd, const std::vector<std::string>& args) : cwd_(cwd) {
    log_ = cwd / "viewer.log";
    pid_ = ::fork();
    if (pid_ == 0) {
      if (::chdir(cwd.c_str()) != 0) ::_exit(127);
      std::FILE* err = std::freopen(log_.c_str(), "w", stderr);
      (void)err;
      ::setenv("TB_LOG", "debug", 1);
      std::vector<char*> argv;
      std::string bin = binary.string();
      argv.push_back(bin.data());
      std::vector<std::string> copy = args;
      for (std::string& a : copy) argv.push_back(a.data());
      argv.push_back(nullptr);
      ::execv(bin.c_str(), argv.data());
      ::_exit(127);
    }
  }
  ~ViewerProcess() {
    if (pid_ > 0 && !exited_) {
      ::kill(pid_, SIGTERM);
      int status = 0;
      ::waitpid(pid_, &status, 0);
    }
  }

  std::string log() const { return readFile(log_); }

  // Waits until the log matches `pattern` (ECMAScript regex); returns the last match's groups
  // (0 = the whole match), or nothing on timeout or exit.
  std::optional<std::vector<std::string>> waitForLog(const std::string& pattern, std::chrono::seconds timeout) {
    const std::regex re(pattern);
    const auto end = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < end) {
      const std::string text = log();
      std::optional<std::vector<std::string>> last;  // later lines describe the current state
      for (auto it = std::sregex_iterator(text.begin(), text.end(), re); it != std::sregex_iterator(); ++it) {
        std::vector<std::string> groups;
        for (const auto& g : *it) groups.push_back(g.str());
        last = std::move(groups);
      }
      if (last) return last;
      if (hasExited()) return std::nullopt;
      std::this_thread::sleep_for(200ms);
    }
    return std::nullopt;
  }

  bool hasExited() {
    if (exited_) return true;
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      exited_ = true;
      exitCode_ = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }
    return exited_;
  }
  // Waits for the process to end; its exit code, or -1 (signal or timeout).
  int waitExit(std::chrono::seconds timeout) {
    const auto end = std::chrono::steady_clock::now() + timeout;
    while (!hasExited() && std::chrono::steady_clock::now() < end) std::this_thread::sleep_for(100ms);
    return exited_ ? exitCode_ : -1;
  }

 private:
  fs::path cwd_, log_;
  pid_t pid_ = -1;
  bool exited_ = false;
  int exitCode_ = -1;
};

struct WindowGeometry {
  std::string id;
  int x = 0, y = 0, width = 0, height = 0;
};

inline std::optional<WindowGeometry> findWindow(const std::string& name) {
  const auto ids = shell("xdotool search --onlyvisible --name '" + name + "'");
  if (!ids || ids->empty()) return std::nullopt;
  WindowGeometry g;
  g.id = ids->substr(0, ids->find('\n'));
  const auto geo = shell("xdotool getwindowgeometry --shell " + g.id);
  if (!geo) return std::nullopt;
  std::smatch m;
  auto grab = [&](const char* key) {
    std::regex re(std::string(key) + "=(-?\\d+)");
    return std::regex_search(*geo, m, re) ? std::stoi(m[1]) : 0;
  };
  g.x = grab("X");
  g.y = grab("Y");
  g.width = grab("WIDTH");
  g.height = grab("HEIGHT");
  return g;
}

// The window's pixels as they are on the screen now (the X server's framebuffer).
inline ImageRGBA captureWindow(const WindowGeometry& g, const fs::path& scratch) {
  const fs::path png = scratch / "capture.png";
  if (!shell("import -silent -window root " + png.string())) return {};
  const ImageRGBA screen = readPng(png.string()).image;
  ImageRGBA out(g.width, g.height);
  for (int y = 0; y < g.height && g.y + y < screen.height; ++y)
    for (int x = 0; x < g.width && g.x + x < screen.width; ++x) {
      const std::uint8_t* s = screen.at(g.x + x, g.y + y);
      std::copy(s, s + 4, out.at(x, y));
    }
  return out;
}

struct Rect {
  int x = 0, y = 0, w = 0, h = 0;
};

// Mean absolute difference per channel (0..255) over a rectangle of two same-sized images.
inline double meanDifference(const ImageRGBA& a, const ImageRGBA& b, Rect r) {
  if (a.width != b.width || a.height != b.height || r.w <= 0 || r.h <= 0) return 255.0;
  double sum = 0;
  for (int y = r.y; y < r.y + r.h; ++y)
    for (int x = r.x; x < r.x + r.w; ++x)
      for (int c = 0; c < 3; ++c) sum += std::abs(int(a.at(x, y)[c]) - int(b.at(x, y)[c]));
  return sum / (3.0 * r.w * r.h);
}

// Captures until two captures in a row agree (the viewer has stopped animating), or timeout.
inline ImageRGBA captureStable(const WindowGeometry& g, const fs::path& scratch, std::chrono::seconds timeout) {
  ImageRGBA prev = captureWindow(g, scratch);
  const auto end = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < end) {
    std::this_thread::sleep_for(400ms);
    ImageRGBA next = captureWindow(g, scratch);
    if (meanDifference(prev, next, {0, 0, g.width, g.height}) < 0.05) return next;
    prev = std::move(next);
  }
  return prev;
}

inline void xdo(const std::string& args) { shell("xdotool " + args); }

}  // namespace tb::uitest
