// Writes an output file under a temporary name in the same directory and renames it into place
// on commit(), so that a reader never sees a half-written file and a failure leaves nothing.
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
};

// Checks that `path` could be created (its directory exists and is writable); throws otherwise.
void checkWritableOutput(const std::string& path);

}  // namespace tb
