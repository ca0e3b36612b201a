// LatestJob: runs the newest of a stream of jobs on one background thread.
// An edit submits a job; a newer edit supersedes it (the older one is told to stop and its
// result is never delivered), so the UI keeps drawing and always ends on the newest result.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>

namespace convstep {

/// Tells a running job it has been superseded; long jobs check it between chunks of work.
class CancelToken {
 public:
  /// True once a newer job was submitted (or the runner is shutting down).
  bool cancelled() const { return flag_->load(std::memory_order_relaxed); }

 private:
  template <typename T>
  friend class LatestJob;
  explicit CancelToken(std::shared_ptr<std::atomic<bool>> flag) : flag_(std::move(flag)) {}
  std::shared_ptr<std::atomic<bool>> flag_;
};

/// One worker thread computing the latest submitted job. Not copyable; joins on destruction.
template <typename T>
class LatestJob {
 public:
  using Job = std::function<T(const CancelToken&)>;

  LatestJob() : worker_([this] { Run(); }) {}
  ~LatestJob() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stopping_ = true;
      if (running_flag_) running_flag_->store(true);
    }
    wake_.notify_all();
    worker_.join();
  }
  LatestJob(const LatestJob&) = delete;
  LatestJob& operator=(const LatestJob&) = delete;

  /// Queues `job`, superseding any queued or running one. Returns the job's number.
  uint64_t Submit(Job job) {
    std::lock_guard<std::mutex> lock(mutex_);
    pending_ = std::move(job);
    pending_id_ = ++last_id_;
    if (running_flag_) running_flag_->store(true);  // the running job is now outdated
    wake_.notify_all();
    return pending_id_;
  }

  /// The result of the newest job once it is done (each result is delivered once); results
  /// of superseded jobs are dropped.
  std::optional<T> TakeResult() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!result_ || result_id_ != last_id_) return std::nullopt;
    std::optional<T> out = std::move(result_);
    result_.reset();
    return out;
  }

  /// True while a job is queued or running (show a progress indicator).
  bool Busy() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return pending_ != nullptr || running_;
  }

  /// Blocks until the newest job has finished (for tests and headless use).
  void Wait() const {
    std::unique_lock<std::mutex> lock(mutex_);
    done_.wait(lock, [this] { return !pending_ && !running_; });
  }

 private:
  void Run() {
    std::unique_lock<std::mutex> lock(mutex_);
    for (;;) {
      wake_.wait(lock, [this] { return stopping_ || pending_ != nullptr; });
      if (stopping_) return;
      Job job = std::move(pending_);
      pending_ = nullptr;
      const uint64_t id = pending_id_;
      running_flag_ = std::make_shared<std::atomic<bool>>(false);
      CancelToken token(running_flag_);
      running_ = true;
      lock.unlock();
      T value = job(token);
      lock.lock();
      running_ = false;
      running_flag_.reset();
      if (id == last_id_ && !token.cancelled()) {
        result_ = std::move(value);
        result_id_ = id;
      }
      done_.notify_all();
    }
  }

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  mutable std::condition_variable done_;
  Job pending_;
  uint64_t pending_id_ = 0;
  uint64_t last_id_ = 0;
  std::optional<T> result_;
  uint64_t result_id_ = 0;
  bool running_ = false;
  bool stopping_ = false;
  std::shared_ptr<std::atomic<bool>> running_flag_;
  std::thread worker_;  // last: starts after every other member is ready
};

}  // namespace convstep
