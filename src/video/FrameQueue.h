// A bounded, closable queue of frames between the renderer (producer) and the encoder thread
// (consumer): push() blocks while the queue is full, so memory stays bounded and rendering runs
// at most `capacity` frames ahead of encoding.
#pragma once
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>

#include "core/Image.h"

namespace tb::video {

class FrameQueue {
 public:
  explicit FrameQueue(std::size_t capacity) : capacity_(capacity < 1 ? 1 : capacity) {}

  // false when the queue was closed (the consumer stopped); the frame is then dropped.
  bool push(ImageRGBA frame);
  // The next frame, or nothing once the queue is closed and empty.
  std::optional<ImageRGBA> pop();
  // No more frames: pop() drains what is queued, then returns nothing; push() returns false.
  void close();

 private:
  std::size_t capacity_;
  std::deque<ImageRGBA> frames_;
  bool closed_ = false;
  std::mutex mutex_;
  std::condition_variable notFull_, notEmpty_;
};

}  // namespace tb::video
