// A small pool of std::threads for splitting a big forward pass over the cores.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "convstep/result.h"

namespace convstep {

/// The number of cores the machine offers (at least 1).
int HardwareThreads();

/// The largest thread count a pool accepts.
inline constexpr int kMaxThreads = 256;

/// `requested` if it is a usable thread count (1 .. kMaxThreads), or an error naming it.
Result<int> CheckThreadCount(int64_t requested);

/// `threads` workers in all, counting the thread that calls ParallelFor; the others wait for
/// work between calls. One caller at a time.
class ThreadPool {
 public:
  /// A pool of `threads` workers (clamped to 1 .. kMaxThreads; use CheckThreadCount first).
  explicit ThreadPool(int threads);
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  /// Workers in all, counting the caller.
  int Size() const { return static_cast<int>(workers_.size()) + 1; }

  /// Runs task(index, worker) once for every index in [0, count), spread over the workers
  /// (worker < Size() says which one runs it); returns when all are done. Tasks must not throw.
  void ParallelFor(int64_t count, const std::function<void(int64_t index, int worker)>& task);

 private:
  void WorkerLoop(int worker);
  void RunTasks(int worker);

  std::vector<std::thread> workers_;
  std::mutex mutex_;
  std::condition_variable wake_;  // a new job, or stop
  std::condition_variable done_;  // a worker finished the job
  const std::function<void(int64_t, int)>* task_ = nullptr;
  int64_t count_ = 0;
  std::atomic<int64_t> next_{0};
  uint64_t generation_ = 0;  // one per ParallelFor call
  int busy_ = 0;             // workers still in the current job
  bool stop_ = false;
};

}  // namespace convstep
