// LatestJob, the viewer's one-slow-computation-at-a-time worker: a new request supersedes the
// running one (cancelled, its result dropped), cancel() delivers nothing, a throw becomes the
// outcome's message, and destruction joins a running job.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "core/Error.h"
#include "viewer/LatestJob.h"

namespace tb::viewer {
namespace {

using namespace std::chrono_literals;

// Spins until its cancel flag rises (or 10 s pass, then returns `value` anyway), counting stops.
LatestJob<int>::Work untilCancelled(int value, std::atomic<int>& stopped, std::atomic<bool>& startedFlag) {
  return [value, &stopped, &startedFlag](const std::atomic<bool>& cancel) {
    startedFlag = true;
    const auto end = std::chrono::steady_clock::now() + 10s;
    while (!cancel.load() && std::chrono::steady_clock::now() < end) std::this_thread::sleep_for(1ms);
    if (cancel.load()) {
      ++stopped;
      throw Error("job", "cancelled");
    }
    return value;
  };
}

void waitFor(const std::atomic<bool>& flag) {
  const auto end = std::chrono::steady_clock::now() + 10s;
  while (!flag.load() && std::chrono::steady_clock::now() < end) std::this_thread::sleep_for(1ms);
  ASSERT_TRUE(flag.load()) << "the job never started";
}

TEST(LatestJob, ANewRequestSupersedesTheRunningOneWhichIsCancelledAndDropped) {
  LatestJob<int> job;
  std::atomic<int> stopped{0};
  std::atomic<bool> started{false};
  job.start(untilCancelled(1, stopped, started));
  waitFor(started);
  EXPECT_TRUE(job.busy());
  EXPECT_FALSE(job.take()) << "nothing before it finishes";
  job.start([](const std::atomic<bool>&) { return 2; });
  job.wait();
  EXPECT_EQ(stopped.load(), 1) << "the first request saw its cancel flag";
  const auto outcome = job.take();
  ASSERT_TRUE(outcome);
  ASSERT_EQ(outcome->index(), 0u) << std::get<1>(*outcome);
  EXPECT_EQ(std::get<0>(*outcome), 2) << "only the latest request's result is delivered";
  EXPECT_FALSE(job.busy());
  EXPECT_FALSE(job.take()) << "an outcome is delivered once";
}

TEST(LatestJob, CancelDeliversNothing) {
  LatestJob<int> job;
  std::atomic<int> stopped{0};
  std::atomic<bool> started{false};
  job.start(untilCancelled(7, stopped, started));
  waitFor(started);
  job.cancel();
  EXPECT_FALSE(job.busy());
  job.wait();
  EXPECT_EQ(stopped.load(), 1);
  EXPECT_FALSE(job.take());
}

TEST(LatestJob, AThrowIsDeliveredAsItsMessage) {
  LatestJob<int> job;
  job.start([](const std::atomic<bool>&) -> int { throw Error("radius", "reaches beyond the terrain data"); });
  job.wait();
  const auto outcome = job.take();
  ASSERT_TRUE(outcome);
  ASSERT_EQ(outcome->index(), 1u);
  EXPECT_EQ(std::get<1>(*outcome), "radius: reaches beyond the terrain data");
}

TEST(LatestJob, DestructionCancelsAndJoinsARunningJob) {
  std::atomic<int> stopped{0};
  std::atomic<bool> started{false};
  const auto t0 = std::chrono::steady_clock::now();
  {
    LatestJob<int> job;
    job.start(untilCancelled(1, stopped, started));
    waitFor(started);
  }
  EXPECT_EQ(stopped.load(), 1) << "the running job was told to stop and joined";
  EXPECT_LT(std::chrono::steady_clock::now() - t0, 5s);
}

}  // namespace
}  // namespace tb::viewer
