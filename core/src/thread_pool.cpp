// ThreadPool: workers wait on a condition variable; a job hands out indices from an atomic
// counter, so a worker that finishes early takes the next index.
#include "convstep/thread_pool.h"

#include <algorithm>
#include <string>

namespace convstep {

int HardwareThreads() {
  return std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
}

Result<int> CheckThreadCount(int64_t requested) {
  if (requested < 1 || requested > kMaxThreads)
    return MakeError("thread count " + std::to_string(requested) + " is out of range", "threads",
                     "use 1 to " + std::to_string(kMaxThreads) + " (this machine has " +
                         std::to_string(HardwareThreads()) + " cores)");
  return static_cast<int>(requested);
}

ThreadPool::ThreadPool(int threads) {
  const int count = std::clamp(threads, 1, kMaxThreads);
  for (int worker = 1; worker < count; ++worker)
    workers_.emplace_back([this, worker] { WorkerLoop(worker); });
}

ThreadPool::~ThreadPool() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  for (std::thread& thread : workers_) thread.join();
}

void ThreadPool::RunTasks(int worker) {
  for (int64_t index = next_.fetch_add(1); index < count_; index = next_.fetch_add(1))
    (*task_)(index, worker);
}

void ThreadPool::WorkerLoop(int worker) {
  uint64_t seen = 0;
  for (;;) {
    {
      std::unique_lock<std::mutex> lock(mutex_);
      wake_.wait(lock, [&] { return stop_ || generation_ != seen; });
      if (stop_) return;
      seen = generation_;
    }
    RunTasks(worker);
    {
      std::lock_guard<std::mutex> lock(mutex_);
      --busy_;
    }
    done_.notify_one();
  }
}

void ThreadPool::ParallelFor(int64_t count,
                             const std::function<void(int64_t index, int worker)>& task) {
  if (count <= 0) return;
  if (workers_.empty() || count == 1) {
    for (int64_t index = 0; index < count; ++index) task(index, 0);
    return;
  }
  {
    std::lock_guard<std::mutex> lock(mutex_);
    task_ = &task;
    count_ = count;
    next_.store(0);
    busy_ = static_cast<int>(workers_.size());
    ++generation_;
  }
  wake_.notify_all();
  RunTasks(0);
  std::unique_lock<std::mutex> lock(mutex_);
  done_.wait(lock, [&] { return busy_ == 0; });
  task_ = nullptr;
}

}  // namespace convstep
