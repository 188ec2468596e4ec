// H.264 (libx264) in MP4 through FFmpeg's libraries, yuv420p so that common players open it.
// Frames are converted and encoded on a worker thread fed by a bounded queue, so encoding
// overlaps rendering. The file is written under a temporary name and renamed by finish(); a
// failure or an encoder destroyed before finish() leaves nothing behind.
#pragma once
#include <atomic>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "core/AtomicFile.h"
#include "core/Image.h"
#include "video/FrameQueue.h"

namespace tb::video {

struct VideoOptions {
  int width = 1280, height = 720;  // both even (yuv420p halves the chroma planes)
  int fps = 30;
  int crf = 20;                     // x264 constant rate factor: ~visually lossless for maps
  std::string preset = "veryfast";
  std::size_t queueFrames = 6;      // how far rendering may run ahead of encoding
  // x264 threads; 0 = its own choice. 1 keeps every bit of encoding on the (lower-priority)
  // encoder thread, so it yields to rendering; x264's own threads would not.
  int encoderThreads = 1;
  bool lowerPriority = true;        // run the encoder thread at nice +10
  // MP4 metadata (title, comment, encoder...): written into the container.
  std::vector<std::pair<std::string, std::string>> metadata;
  // Called on the encoder thread after each frame is encoded (count so far).
  std::function<void(std::int64_t framesEncoded)> onEncoded;
};

// Throws tb::Error("--size", ...) unless the size can be encoded (even sides, 2..16384).
void checkVideoSize(int width, int height);

class VideoEncoder {
 public:
  // Opens the output (temporary name beside `path`) and starts the encoder thread.
  // Throws tb::Error naming `path` when it cannot be written or the codec is unavailable.
  VideoEncoder(const std::string& path, const VideoOptions& options);
  ~VideoEncoder();  // without finish(): stops the thread and removes the temporary file
  VideoEncoder(const VideoEncoder&) = delete;
  VideoEncoder& operator=(const VideoEncoder&) = delete;

  // Queues one frame (width x height RGBA, rows top-down); blocks while the queue is full.
  // Rethrows the encoder thread's failure, if any.
  void push(ImageRGBA frame);
  // Flushes the encoder, writes the trailer (moov moved to the front: +faststart) and renames
  // the file into place.
  void finish();

  std::int64_t framesEncoded() const { return encoded_.load(); }
  const VideoOptions& options() const { return options_; }

 private:
  struct Codec;  // FFmpeg state, touched only by the encoder thread after construction
  void run();
  void rethrowFailure();

  VideoOptions options_;
  AtomicFile file_;
  std::unique_ptr<Codec> codec_;
  FrameQueue queue_;
  std::thread thread_;
  std::atomic<std::int64_t> encoded_{0};
  std::atomic<bool> abort_{false};
  std::mutex failureMutex_;
  std::exception_ptr failure_;
  bool finished_ = false;
};

}  // namespace tb::video
