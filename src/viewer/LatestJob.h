// Slow computations off the UI thread where only the latest request matters (a viewshed for the
// point clicked last; the saved viewsheds of the scene just opened). A request is a batch of works
// run in order on one worker; a new request supersedes the one running (its cancel flag is raised,
// its remaining works skipped, its results dropped), the UI polls once a frame for the works
// finished so far (a result or its error message each), and destruction cancels and joins.
// LatestJob is the one-work case. No GL, no ImGui.
#pragma once
#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <variant>
#include <vector>

namespace tb::viewer {

template <typename T>
class LatestBatch {
 public:
  // One work: reads its cancel flag now and then and may stop early by throwing.
  using Work = std::function<T(const std::atomic<bool>& cancel)>;
  // A finished work: its result, or the one-line message of what it threw.
  using Outcome = std::variant<T, std::string>;
  struct Delivery {
    std::size_t index;  // the work's place in the batch
    Outcome outcome;
  };

  LatestBatch() : thread_([this] { loop(); }) {}
  ~LatestBatch() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
      if (running_) running_->store(true);
      pending_.reset();
    }
    wake_.notify_all();
    thread_.join();
  }
  LatestBatch(const LatestBatch&) = delete;
  LatestBatch& operator=(const LatestBatch&) = delete;

  // Starts `works`, in order, as soon as the worker is free; whatever was asked before is cancelled.
  void start(std::vector<Work> works) {
    {
      std::lock_guard lock(mutex_);
      ++generation_;
      if (running_) running_->store(true);
      pending_ = Pending{generation_, std::move(works)};
      done_.clear();
    }
    wake_.notify_all();
  }
  // Cancels what is asked or running; nothing more will be delivered for it.
  void cancel() {
    std::lock_guard lock(mutex_);
    ++generation_;
    if (running_) running_->store(true);
    pending_.reset();
    done_.clear();
  }
  // True from start() until the latest batch's last work has finished (or it is cancelled).
  bool busy() const {
    std::lock_guard lock(mutex_);
    return pending_.has_value() || (running_ && runningGeneration_ == generation_);
  }
  // The latest batch's works finished since the last call, in the order they finished.
  std::vector<Delivery> take() {
    std::lock_guard lock(mutex_);
    std::vector<Delivery> out = std::move(done_);
    done_.clear();
    return out;
  }
  // Blocks until nothing is asked or running, a cancelled batch included (for tests and for a
  // caller that must wait).
  void wait() {
    std::unique_lock lock(mutex_);
    finished_.wait(lock, [this] { return !pending_ && !running_; });
  }

 private:
  struct Pending {
    unsigned long long generation;
    std::vector<Work> works;
  };

  void loop() {
    std::unique_lock lock(mutex_);
    for (;;) {
      wake_.wait(lock, [this] { return stopping_ || pending_.has_value(); });
      if (stopping_) return;
      Pending batch = std::move(*pending_);
      pending_.reset();
      auto cancel = std::make_shared<std::atomic<bool>>(false);
      running_ = cancel;
      runningGeneration_ = batch.generation;
      for (std::size_t i = 0; i < batch.works.size() && !cancel->load(); ++i) {
        lock.unlock();
        std::optional<Outcome> outcome;
        try {
          outcome.emplace(std::in_place_index<0>, batch.works[i](*cancel));
        } catch (const std::exception& e) {
          outcome.emplace(std::in_place_index<1>, e.what());
        } catch (...) {
          outcome.emplace(std::in_place_index<1>, "unknown failure");
        }
        lock.lock();
        // A superseded or cancelled batch's outcomes are dropped, whatever they were.
        if (batch.generation == generation_ && !cancel->load()) done_.push_back({i, std::move(*outcome)});
      }
      running_.reset();
      finished_.notify_all();
    }
  }

  mutable std::mutex mutex_;
  std::condition_variable wake_, finished_;
  bool stopping_ = false;
  unsigned long long generation_ = 0, runningGeneration_ = 0;
  std::optional<Pending> pending_;
  std::shared_ptr<std::atomic<bool>> running_;  // the running batch's cancel flag
  std::vector<Delivery> done_;
  std::thread thread_;  // last: started once everything above exists
};

// A batch of one: the latest request's single result.
template <typename T>
class LatestJob {
 public:
  using Work = typename LatestBatch<T>::Work;
  using Outcome = typename LatestBatch<T>::Outcome;

  void start(Work work) {
    std::vector<Work> one;
    one.push_back(std::move(work));
    batch_.start(std::move(one));
  }
  void cancel() { batch_.cancel(); }
  bool busy() const { return batch_.busy(); }
  // The latest request's outcome once it is finished (then forgotten); nothing before.
  std::optional<Outcome> take() {
    std::vector<typename LatestBatch<T>::Delivery> done = batch_.take();
    if (done.empty()) return std::nullopt;
    return std::move(done.back().outcome);
  }
  void wait() { batch_.wait(); }

 private:
  LatestBatch<T> batch_;
};

}  // namespace tb::viewer
