// One slow computation at a time off the UI thread, where only the latest request matters (a
// viewshed for the point clicked last): a new request supersedes the one running (its cancel
// flag is raised, its result dropped), the UI polls once a frame for the finished result or its
// error message, and destruction cancels and joins. No GL, no ImGui.
#pragma once
#include <atomic>
#include <condition_variable>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <variant>

namespace tb::viewer {

template <typename T>
class LatestJob {
 public:
  // The work: reads its cancel flag now and then and may stop early by throwing.
  using Work = std::function<T(const std::atomic<bool>& cancel)>;
  // A finished request: its result, or the one-line message of what it threw.
  using Outcome = std::variant<T, std::string>;

  LatestJob() : thread_([this] { loop(); }) {}
  ~LatestJob() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
      if (running_) running_->store(true);
      pending_.reset();
    }
    wake_.notify_all();
    thread_.join();
  }
  LatestJob(const LatestJob&) = delete;
  LatestJob& operator=(const LatestJob&) = delete;

  // Starts `work` as soon as the worker is free; whatever was asked before is cancelled.
  void start(Work work) {
    {
      std::lock_guard lock(mutex_);
      ++generation_;
      if (running_) running_->store(true);
      pending_ = Pending{generation_, std::move(work)};
      done_.reset();
    }
    wake_.notify_all();
  }
  // Cancels what is asked or running; nothing will be delivered for it.
  void cancel() {
    std::lock_guard lock(mutex_);
    ++generation_;
    if (running_) running_->store(true);
    pending_.reset();
    done_.reset();
  }
  // True from start() until the latest request has finished (or is cancelled).
  bool busy() const {
    std::lock_guard lock(mutex_);
    return pending_.has_value() || (running_ && runningGeneration_ == generation_);
  }
  // The latest request's outcome once it is finished (then forgotten); nothing before.
  std::optional<Outcome> take() {
    std::lock_guard lock(mutex_);
    std::optional<Outcome> out = std::move(done_);
    done_.reset();
    return out;
  }
  // Blocks until nothing is asked or running, a cancelled request included (for tests and for a
  // caller that must wait).
  void wait() {
    std::unique_lock lock(mutex_);
    finished_.wait(lock, [this] { return !pending_ && !running_; });
  }

 private:
  struct Pending {
    unsigned long long generation;
    Work work;
  };

  void loop() {
    std::unique_lock lock(mutex_);
    for (;;) {
      wake_.wait(lock, [this] { return stopping_ || pending_.has_value(); });
      if (stopping_) return;
      Pending job = std::move(*pending_);
      pending_.reset();
      auto cancel = std::make_shared<std::atomic<bool>>(false);
      running_ = cancel;
      runningGeneration_ = job.generation;
      lock.unlock();
      std::optional<Outcome> outcome;
      try {
        outcome.emplace(std::in_place_index<0>, job.work(*cancel));
      } catch (const std::exception& e) {
        outcome.emplace(std::in_place_index<1>, e.what());
      } catch (...) {
        outcome.emplace(std::in_place_index<1>, "unknown failure");
      }
      lock.lock();
      running_.reset();
      // A superseded or cancelled request's outcome is dropped, whatever it was.
      if (job.generation == generation_ && !cancel->load()) done_ = std::move(outcome);
      finished_.notify_all();
    }
  }

  mutable std::mutex mutex_;
  std::condition_variable wake_, finished_;
  bool stopping_ = false;
  unsigned long long generation_ = 0, runningGeneration_ = 0;
  std::optional<Pending> pending_;
  std::shared_ptr<std::atomic<bool>> running_;  // the running request's cancel flag
  std::optional<Outcome> done_;
  std::thread thread_;  // last: started once everything above exists
};

}  // namespace tb::viewer
