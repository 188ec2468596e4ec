// Runs the real terrabrief binary (TB_BINARY) or a GDAL tool in a child process with its own
// working directory and environment, capturing exit code, stdout and stderr. Shared by the cli
// tests; header-only because every *_test.cpp is compiled into one executable.
#pragma once
#include <fcntl.h>
#include <grp.h>
#include <sys/stat.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace tb::clitest {
namespace fs = std::filesystem;

struct RunResult {
  int exitCode = -1;  // -1: killed by a signal
  long peakRssKb = 0;  // the child's peak resident set (wait4's ru_maxrss), in KiB
  std::string out;
  std::string err;

  std::vector<std::string> errLines() const {
    std::vector<std::string> lines;
    std::istringstream in(err);
    for (std::string l; std::getline(in, l);) lines.push_back(l);
    return lines;
  }
};

struct RunOptions {
  RunOptions(fs::path dir) : cwd(std::move(dir)) {}  // implicit: a cwd alone is the common case
  fs::path cwd;                               // a scratch directory
  std::map<std::string, std::string> env;     // added to (or replacing in) the inherited environment
  bool asNobody = false;                      // drop root privileges (uid/gid 65534) before exec
};

// A fresh directory under TB_TEST_OUTPUT_DIR, removed (with its contents) at the end of the test.
class ScratchDir {
 public:
  explicit ScratchDir(const std::string& tag, const fs::path& base = TB_TEST_OUTPUT_DIR) {
    fs::create_directories(base);
    std::string pattern = (base / ("tb-cli-" + tag + "-XXXXXX")).string();
    if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed for " + pattern);
    path_ = pattern;
  }
  ~ScratchDir() {
    std::error_code ec;
    fs::permissions(path_, fs::perms::owner_all, fs::perm_options::add, ec);
    for (auto it = fs::recursive_directory_iterator(path_, ec); it != fs::recursive_directory_iterator(); ++it)
      if (it->is_directory(ec)) fs::permissions(it->path(), fs::perms::owner_all, fs::perm_options::add, ec);
    fs::remove_all(path_, ec);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  const fs::path& path() const { return path_; }
  fs::path operator/(const std::string& name) const { return path_ / name; }

 private:
  fs::path path_;
};

inline std::string readFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline void writeFile(const fs::path& p, const std::string& text) {
  std::ofstream out(p, std::ios::binary);
  out << text;
}

// Names in a directory (not recursive), sorted: to prove that nothing was left behind.
inline std::vector<std::string> listDir(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

// argv[0] is a path or a program name looked up in PATH.
inline RunResult runProgram(const std::vector<std::string>& argv, const RunOptions& options) {
  // stdout/stderr go to files outside the child's cwd, so that they cannot be mistaken for output.
  static int counter = 0;
  const fs::path captureDir = fs::path(TB_TEST_OUTPUT_DIR) / "cli-capture";
  fs::create_directories(captureDir);
  const std::string stem = std::to_string(::getpid()) + "-" + std::to_string(counter++);
  const fs::path outPath = captureDir / (stem + ".out"), errPath = captureDir / (stem + ".err");

  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    const int in = ::open("/dev/null", O_RDONLY);
    const int out = ::open(outPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int err = ::open(errPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (in < 0 || out < 0 || err < 0) ::_exit(126);
    ::dup2(in, 0);
    ::dup2(out, 1);
    ::dup2(err, 2);
    if (::chdir(options.cwd.c_str()) != 0) ::_exit(126);
    for (const auto& [k, v] : options.env) ::setenv(k.c_str(), v.c_str(), 1);
    if (options.asNobody && ::geteuid() == 0) {
      if (::setgroups(0, nullptr) != 0 || ::setgid(65534) != 0 || ::setuid(65534) != 0) ::_exit(126);
    }
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    ::execvp(args[0], args.data());
    ::_exit(127);
  }
  int status = 0;
  rusage usage{};
  while (::wait4(pid, &status, 0, &usage) < 0) {
  }
  RunResult r;
  r.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.peakRssKb = usage.ru_maxrss;
  r.out = readFile(outPath);
  r.err = readFile(errPath);
  fs::remove(outPath);
  fs::remove(errPath);
  return r;
}

inline RunResult runTerrabrief(const std::vector<std::string>& args, const RunOptions& options) {
  std::vector<std::string> argv{TB_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  return runProgram(argv, options);
}

inline std::string describe(const RunResult& r) {
  return "exit " + std::to_string(r.exitCode) + "\n--- stdout ---\n" + r.out + "--- stderr ---\n" + r.err;
}

// The bad-input contract: exit 2, exactly one stderr line "terrabrief: ..." that names `subject`.
inline void expectOneLineError(const RunResult& r, const std::string& subject, int exitCode = 2) {
  EXPECT_EQ(r.exitCode, exitCode) << describe(r);
  const std::vector<std::string> lines = r.errLines();
  ASSERT_EQ(lines.size(), 1u) << describe(r);
  EXPECT_EQ(lines[0].rfind("terrabrief: ", 0), 0u) << lines[0];
  EXPECT_NE(lines[0].find(subject), std::string::npos) << "stderr does not name " << subject << ": " << lines[0];
}

inline fs::path defaultSceneDir() { return fs::path(TB_DATA_DIR) / "kyongsong"; }
inline fs::path defaultDem() { return defaultSceneDir() / "dem.tif"; }

}  // namespace tb::clitest
