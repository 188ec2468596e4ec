// Bounded producer/consumer queue of frames (see FrameQueue.h).
#include "video/FrameQueue.h"

namespace tb::video {

bool FrameQueue::push(ImageRGBA frame) {
  std::unique_lock lock(mutex_);
  notFull_.wait(lock, [&] { return closed_ || frames_.size() < capacity_; });
  if (closed_) return false;
  frames_.push_back(std::move(frame));
  notEmpty_.notify_one();
  return true;
}

std::optional<ImageRGBA> FrameQueue::pop() {
  std::unique_lock lock(mutex_);
  notEmpty_.wait(lock, [&] { return closed_ || !frames_.empty(); });
  if (frames_.empty()) return std::nullopt;
  ImageRGBA frame = std::move(frames_.front());
  frames_.pop_front();
  notFull_.notify_one();
  return frame;
}

void FrameQueue::close() {
  std::lock_guard lock(mutex_);
  closed_ = true;
  notFull_.notify_all();
  notEmpty_.notify_all();
}

}  // namespace tb::video
