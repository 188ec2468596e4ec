// Raster samples that are either owned (filled by a reader) or borrowed, read-only, from a file
// mapping that `owner` keeps alive. An uncompressed raster already on the scene's grid is used
// in place: the page cache holds it already, and copying it into fresh memory cost the first
// touch of every page (100-200 ms per 64 MB in VMs) for no change in the data.
#pragma once
#include <cstddef>
#include <cstring>
#include <initializer_list>
#include <memory>
#include <utility>
#include <vector>

#include "core/FloatBuffer.h"

namespace tb {

template <typename T>
class SampleBuffer {
 public:
  using Owned = std::vector<T, DefaultInitAllocator<T>>;

  SampleBuffer() = default;
  SampleBuffer(Owned owned) : owned_(std::move(owned)) {}  // NOLINT: implicit, like the vector it wraps
  SampleBuffer(std::initializer_list<T> values) : owned_(values) {}
  SampleBuffer(const std::vector<T>& values) : owned_(values.begin(), values.end()) {}  // NOLINT
  // Borrowed: `data` stays valid (and unchanged) while `owner` lives.
  SampleBuffer(std::shared_ptr<const void> owner, const T* data, std::size_t size)
      : owner_(std::move(owner)), view_(data), size_(size) {}

  // `count` samples whose values the caller writes next.
  static SampleBuffer uninitialised(std::size_t count) { return SampleBuffer(Owned(count)); }
  static SampleBuffer filled(std::size_t count, T value) { return SampleBuffer(Owned(count, value)); }

  bool borrowed() const { return owner_ != nullptr; }
  const T* data() const { return owner_ ? view_ : owned_.data(); }
  std::size_t size() const { return owner_ ? size_ : owned_.size(); }
  bool empty() const { return size() == 0; }
  const T& operator[](std::size_t i) const { return data()[i]; }
  const T* begin() const { return data(); }
  const T* end() const { return data() + size(); }

  // Writable samples; borrowed ones are copied first (the file is never written).
  T* mutableData() {
    if (owner_) {
      Owned copy(size_);
      std::memcpy(copy.data(), view_, size_ * sizeof(T));
      owned_ = std::move(copy);
      owner_.reset();
      view_ = nullptr;
      size_ = 0;
    }
    return owned_.data();
  }

 private:
  Owned owned_;
  std::shared_ptr<const void> owner_;
  const T* view_ = nullptr;
  std::size_t size_ = 0;
};

}  // namespace tb
