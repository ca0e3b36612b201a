// LatestJob: newer submissions supersede older ones; only the newest result arrives.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "convstep/latest_job.h"

namespace convstep {
namespace {

TEST(LatestJob, DeliversTheResultOnce) {
  LatestJob<int> runner;
  runner.Submit([](const CancelToken&) { return 42; });
  runner.Wait();
  auto result = runner.TakeResult();
  ASSERT_TRUE(result);
  EXPECT_EQ(*result, 42);
  EXPECT_FALSE(runner.TakeResult());
  EXPECT_FALSE(runner.Busy());
}

TEST(LatestJob, ANewerJobCancelsTheRunningOne) {
  LatestJob<int> runner;
  std::atomic<bool> started{false}, saw_cancel{false};
  runner.Submit([&](const CancelToken& token) {
    started = true;
    for (int i = 0; i < 5000 && !token.cancelled(); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    saw_cancel = token.cancelled();
    return 1;
  });
  while (!started) std::this_thread::yield();
  EXPECT_TRUE(runner.Busy());
  runner.Submit([](const CancelToken&) { return 2; });
  runner.Wait();
  EXPECT_TRUE(saw_cancel);
  auto result = runner.TakeResult();
  ASSERT_TRUE(result);
  EXPECT_EQ(*result, 2);  // the superseded job's 1 is never delivered
}

TEST(LatestJob, ManyQuickEditsEndOnTheLast) {
  LatestJob<int> runner;
  for (int i = 0; i < 200; ++i) runner.Submit([i](const CancelToken&) { return i; });
  runner.Wait();
  auto result = runner.TakeResult();
  ASSERT_TRUE(result);
  EXPECT_EQ(*result, 199);
}

TEST(LatestJob, DestructionStopsALongJob) {
  auto start = std::chrono::steady_clock::now();
  {
    LatestJob<int> runner;
    runner.Submit([](const CancelToken& token) {
      while (!token.cancelled()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
      return 0;
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

}  // namespace
}  // namespace convstep
