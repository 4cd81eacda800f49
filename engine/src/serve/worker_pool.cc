#include "serve/worker_pool.h"

namespace ccdafhir::serve {

namespace {
thread_local bool t_overloaded = false;
thread_local std::chrono::steady_clock::duration t_queue_wait{};
}  // namespace

WorkerPool::WorkerPool(std::size_t workers, std::size_t capacity)
    : workers_(workers == 0 ? 1 : workers), capacity_(capacity) {
  for (std::size_t i = 0; i < workers_; ++i) threads_.emplace_back([this] { run_workers(); });
  overflow_thread_ = std::thread([this] { run_overflow(); });
}

WorkerPool::~WorkerPool() {
  shutdown();
}

void WorkerPool::enqueue(std::function<void()> fn) {
  std::unique_lock lock(mutex_);
  // The overflow lane holds as many connections as the queue: each costs only the time to read
  // the request head and write a 503.
  space_.wait(lock, [&] {
    return stopping_ || busy_ + jobs_.size() < workers_ + capacity_ || overflow_.size() < capacity_;
  });
  Job job{std::move(fn), Clock::now()};
  if (busy_ + jobs_.size() < workers_ + capacity_) {
    jobs_.push_back(std::move(job));
    work_ready_.notify_one();
  } else {
    overflow_.push_back(std::move(job));
    overflow_ready_.notify_one();
  }
}

void WorkerPool::run_workers() {
  for (;;) {
    Job job;
    {
      std::unique_lock lock(mutex_);
      work_ready_.wait(lock, [&] { return stopping_ || !jobs_.empty(); });
      if (jobs_.empty()) return;  // stopping, and nothing accepted is left
      job = std::move(jobs_.front());
      jobs_.pop_front();
      ++busy_;
    }
    t_overloaded = false;
    t_queue_wait = Clock::now() - job.queued;
    job.fn();
    {
      std::lock_guard lock(mutex_);
      --busy_;
    }
    space_.notify_one();
  }
}

void WorkerPool::run_overflow() {
  for (;;) {
    Job job;
    {
      std::unique_lock lock(mutex_);
      overflow_ready_.wait(lock, [&] { return stopping_ || !overflow_.empty(); });
      if (overflow_.empty()) return;
      job = std::move(overflow_.front());
      overflow_.pop_front();
    }
    t_overloaded = true;
    t_queue_wait = {};
    job.fn();
    space_.notify_one();
  }
}

void WorkerPool::shutdown() {
  {
    std::lock_guard lock(mutex_);
    if (stopping_ && threads_.empty()) return;
    stopping_ = true;
  }
  work_ready_.notify_all();
  overflow_ready_.notify_all();
  space_.notify_all();
  for (auto& t : threads_) t.join();
  threads_.clear();
  if (overflow_thread_.joinable()) overflow_thread_.join();
}

bool WorkerPool::current_connection_overloaded() {
  return t_overloaded;
}

std::chrono::steady_clock::duration WorkerPool::take_queue_wait() {
  auto wait = t_queue_wait;
  t_queue_wait = {};
  return wait;
}

}  // namespace ccdafhir::serve
