// Writes an output file under a temporary name in the same directory and renames it into place
// on commit(), so that a reader never sees a half-written file and a failure leaves nothing. An
// interruption (SIGINT, SIGTERM, SIGHUP) removes the temporary files still open, then ends the
// process as the signal would have.
#pragma once
#include <string>

namespace tb {

class AtomicFile {
 public:
  // Throws tb::Error(path, ...) at once if the directory does not exist or is not writable,
  // before any expensive work is done.
  explicit AtomicFile(std::string finalPath);
  ~AtomicFile();  // removes the temporary file unless committed
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  const std::string& tempPath() const { return tempPath_; }
  const std::string& finalPath() const { return finalPath_; }
  void commit();  // fsync-free rename; throws tb::Error on failure

 private:
  std::string finalPath_;
  std::string tempPath_;
  bool committed_ = false;
  int slot_ = -1;  // in the table of files removed on interruption
};

// Checks that `path` could be created or replaced: its directory exists and is writable, and
// whatever is there already is a regular file (never a device, a FIFO or a directory, which a
// rename would replace). Throws otherwise.
void checkWritableOutput(const std::string& path);

}  // namespace tb
