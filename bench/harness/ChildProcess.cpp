// posix_spawn with stdout/stderr sent to /dev/null: the child's own chatter would break the
// bench's table, and its exit code is what matters.
#include "harness/ChildProcess.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>

#include "core/Error.h"

extern char** environ;

namespace tb::bench {

std::vector<std::string> userEnvironment() {
  const char* mark = std::getenv("TERRABRIEF_HUGEPAGES");
  const bool launcherAdded = mark && std::strcmp(mark, "launcher") == 0;
  std::vector<std::string> env;
  for (char** e = environ; *e; ++e) {
    const std::string entry = *e;
    if (launcherAdded && (entry.starts_with("GLIBC_TUNABLES=") || entry.starts_with("TERRABRIEF_HUGEPAGES=") ||
                          entry.starts_with("TERRABRIEF_USER_GLIBC_TUNABLES=")))
      continue;
    env.push_back(entry);
  }
  if (const char* original = std::getenv("TERRABRIEF_USER_GLIBC_TUNABLES"); launcherAdded && original)
    env.push_back(std::string("GLIBC_TUNABLES=") + original);
  return env;
}

ChildResult runChild(const std::vector<std::string>& argv, const std::vector<std::string>& environment) {
  if (argv.empty()) throw internalError("bench", "runChild without a program");
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  std::vector<char*> envp;
  for (const std::string& e : environment) envp.push_back(const_cast<char*>(e.c_str()));
  envp.push_back(nullptr);
  char** const childEnv = environment.empty() ? environ : envp.data();

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);

  const auto start = std::chrono::steady_clock::now();
  pid_t pid = 0;
  const int rc = argv[0].find('/') == std::string::npos
                     ? posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), childEnv)
                     : posix_spawn(&pid, args[0], &actions, nullptr, args.data(), childEnv);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) throw Error(argv[0], std::string("cannot start: ") + std::strerror(rc), kExitInternal);

  int status = 0;
  rusage usage{};
  while (::wait4(pid, &status, 0, &usage) < 0) {
    if (errno != EINTR) throw internalError(argv[0], std::string("wait4 failed: ") + std::strerror(errno));
  }
  ChildResult result;
  result.peakMiB = usage.ru_maxrss / 1024.0;  // Linux reports kilobytes
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

double runChildOrThrow(const std::vector<std::string>& argv, const std::vector<std::string>& environment) {
  const ChildResult r = runChild(argv, environment);
  if (r.exitCode != 0) {
    std::string command;
    for (const std::string& a : argv) command += (command.empty() ? "" : " ") + a;
    throw internalError(argv[0], "exited with " + std::to_string(r.exitCode) + ": " + command);
  }
  return r.seconds;
}

}  // namespace tb::bench
