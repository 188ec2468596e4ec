// A real HTTP server on 127.0.0.1 for the tests (cli, and the tile reader's unit tests):
// tests/unit/geo/tile_test_server.py (Range support from Debian's python3-rangehttpserver, plus
// /status/<code>/... and /garbage/... paths) serving `dir` at a port the OS picks, in a child
// process stopped (SIGTERM, then reaped) by the destructor; it also dies with the test process
// and exits by itself after `lifetime` seconds. No GDAL here.
#pragma once
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <string>

namespace tb::clitest {

class LocalHttpServer {
 public:
  explicit LocalHttpServer(const std::string& dir, int lifetime = 120) {
    int fds[2];
    if (pipe(fds) != 0) return;
    pid_ = fork();
    if (pid_ == 0) {
      prctl(PR_SET_PDEATHSIG, SIGTERM);
      dup2(fds[1], STDOUT_FILENO);
      close(fds[0]);
      close(fds[1]);
      const std::string script = std::string(TB_SOURCE_DIR) + "/tests/unit/geo/tile_test_server.py";
      const std::string life = std::to_string(lifetime);
      // Debian's python (not a user's pyenv shim) is the one python3-rangehttpserver installs into.
      execl("/usr/bin/python3", "python3", script.c_str(), dir.c_str(), "--lifetime", life.c_str(), nullptr);
      _exit(127);
    }
    close(fds[1]);
    std::string line;  // "PORT <n>", within 10 s
    pollfd pfd{fds[0], POLLIN, 0};
    while (line.find('\n') == std::string::npos && poll(&pfd, 1, 10000) > 0) {
      char buf[64];
      const ssize_t n = read(fds[0], buf, sizeof buf);
      if (n <= 0) break;
      line.append(buf, static_cast<size_t>(n));
    }
    close(fds[0]);
    std::sscanf(line.c_str(), "PORT %d", &port_);
  }
  ~LocalHttpServer() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      waitpid(pid_, nullptr, 0);
    }
  }
  LocalHttpServer(const LocalHttpServer&) = delete;
  LocalHttpServer& operator=(const LocalHttpServer&) = delete;

  static constexpr const char* kHint =
      "tile_test_server.py did not start: is python3-rangehttpserver installed (scripts/setup installs it)?";
  bool running() const { return port_ > 0; }
  std::string url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(port_) + path; }

 private:
  pid_t pid_ = -1;
  int port_ = 0;
};

}  // namespace tb::clitest
