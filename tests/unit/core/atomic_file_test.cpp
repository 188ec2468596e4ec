// AtomicFile: outputs that are not regular files are refused, and an interruption removes the
// temporary files (issue 12, item 6).
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <fstream>

#include "core/AtomicFile.h"
#include "core/Error.h"

namespace tb {
namespace {
namespace fs = std::filesystem;

fs::path freshDir(const std::string& name) {
  const fs::path dir = fs::path(TB_TEST_OUTPUT_DIR) / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

TEST(AtomicFile, RefusesAnExistingPathThatIsNotARegularFile) {
  const fs::path dir = freshDir("atomic-file-special");
  const fs::path fifo = dir / "out.png";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  try {
    AtomicFile f(fifo.string());
    FAIL() << "a FIFO was accepted as an output";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("not a regular file"), std::string::npos) << e.what();
  }
  EXPECT_TRUE(fs::is_fifo(fifo));
  EXPECT_THROW(checkWritableOutput("/dev/null"), Error);
  // A regular file, or a link to one, is replaced as before.
  std::ofstream(dir / "old.png") << "x";
  fs::create_symlink(dir / "old.png", dir / "link.png");
  EXPECT_NO_THROW(checkWritableOutput((dir / "old.png").string()));
  EXPECT_NO_THROW(checkWritableOutput((dir / "link.png").string()));
}

void expectSignalRemovesTempFiles(int sig) {
  const fs::path dir = freshDir("atomic-file-signal-" + std::to_string(sig));
  const pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    AtomicFile a((dir / "a.mp4").string()), b((dir / "b.png").string());
    std::ofstream(a.tempPath()) << "partial";
    std::ofstream(b.tempPath()) << "partial";
    ::raise(sig);
    ::_exit(0);  // not reached: the signal ends the process
  }
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFSIGNALED(status)) << "the signal no longer ends the process";
  EXPECT_EQ(WTERMSIG(status), sig);
  EXPECT_TRUE(fs::is_empty(dir)) << "temporary files left behind after signal " << sig;
}

TEST(AtomicFile, InterruptionRemovesTemporaryFiles) {
  expectSignalRemovesTempFiles(SIGINT);
  expectSignalRemovesTempFiles(SIGTERM);
}

}  // namespace
}  // namespace tb
