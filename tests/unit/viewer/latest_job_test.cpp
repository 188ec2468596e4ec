// LatestJob, the viewer's one-slow-computation-at-a-time worker: a new request supersedes the
// running one (cancelled, its result dropped), cancel() delivers nothing, a throw becomes the
// outcome's message, and destruction joins a running job. LatestBatch, the same for several works
// per request: each outcome arrives as its work finishes, and a new request skips what is left.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>
#include <vector>

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

TEST(LatestBatch, EachWorkIsDeliveredAsItFinishesWithItsIndex) {
  LatestBatch<int> batch;
  std::atomic<bool> secondMayFinish{false};
  std::vector<LatestBatch<int>::Work> works;
  works.push_back([](const std::atomic<bool>&) { return 10; });
  works.push_back([&](const std::atomic<bool>&) -> int {
    const auto end = std::chrono::steady_clock::now() + 10s;
    while (!secondMayFinish.load() && std::chrono::steady_clock::now() < end) std::this_thread::sleep_for(1ms);
    throw Error("second", "failed");
  });
  works.push_back([](const std::atomic<bool>&) { return 30; });
  batch.start(std::move(works));
  std::vector<LatestBatch<int>::Delivery> got;
  const auto end = std::chrono::steady_clock::now() + 10s;
  while (got.empty() && std::chrono::steady_clock::now() < end) {
    got = batch.take();
    std::this_thread::sleep_for(1ms);
  }
  ASSERT_EQ(got.size(), 1u) << "the first work's result comes while the second still runs";
  EXPECT_EQ(got[0].index, 0u);
  EXPECT_EQ(std::get<0>(got[0].outcome), 10);
  EXPECT_TRUE(batch.busy());
  secondMayFinish = true;
  batch.wait();
  EXPECT_FALSE(batch.busy());
  got = batch.take();
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].index, 1u);
  EXPECT_EQ(std::get<1>(got[0].outcome), "second: failed") << "an error is delivered and the batch goes on";
  EXPECT_EQ(got[1].index, 2u);
  EXPECT_EQ(std::get<0>(got[1].outcome), 30);
}

TEST(LatestBatch, ANewBatchSkipsWhatIsLeftOfTheOldOne) {
  LatestBatch<int> batch;
  std::atomic<int> stopped{0}, ranAfter{0};
  std::atomic<bool> started{false};
  std::vector<LatestBatch<int>::Work> old;
  old.push_back([&](const std::atomic<bool>& cancel) {
    return LatestJob<int>::Work(untilCancelled(1, stopped, started))(cancel);
  });
  old.push_back([&](const std::atomic<bool>&) { return ++ranAfter; });
  batch.start(std::move(old));
  waitFor(started);
  std::vector<LatestBatch<int>::Work> fresh;
  fresh.push_back([](const std::atomic<bool>&) { return 5; });
  batch.start(std::move(fresh));
  batch.wait();
  EXPECT_EQ(stopped.load(), 1);
  EXPECT_EQ(ranAfter.load(), 0) << "the superseded batch's second work never ran";
  const auto got = batch.take();
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].index, 0u);
  EXPECT_EQ(std::get<0>(got[0].outcome), 5);
}

}  // namespace
}  // namespace tb::viewer
