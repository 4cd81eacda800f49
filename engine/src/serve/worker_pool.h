// The bounded worker pool behind the HTTP server. httplib hands every accepted connection to a
// TaskQueue; this one runs at most `workers` connections at a time and lets at most `capacity`
// more wait. A connection beyond that is not dropped: it goes to a single overflow thread that
// only answers 503 (the request handlers ask current_connection_overloaded()), so the client
// learns to retry. When even the overflow lane is full the accepting thread waits, which pushes
// back on the kernel's listen queue instead of growing memory.
#pragma once

#include <httplib.h>

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace ccdafhir::serve {

class WorkerPool : public httplib::TaskQueue {
 public:
  WorkerPool(std::size_t workers, std::size_t capacity);
  ~WorkerPool() override;
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  void enqueue(std::function<void()> fn) override;
  // Runs every connection already accepted to its end, then joins the threads.
  void shutdown() override;

  // Called from a request handler, about the connection its thread is serving.
  static bool current_connection_overloaded();
  // How long the connection waited for a worker; returns it once, then zero (so only the
  // connection's first request is charged with the wait).
  static std::chrono::steady_clock::duration take_queue_wait();

 private:
  using Clock = std::chrono::steady_clock;
  struct Job {
    std::function<void()> fn;
    Clock::time_point queued;
  };
  void run_workers();
  void run_overflow();

  const std::size_t workers_;
  const std::size_t capacity_;
  std::mutex mutex_;
  std::condition_variable work_ready_;
  std::condition_variable overflow_ready_;
  std::condition_variable space_;
  std::deque<Job> jobs_;
  std::deque<Job> overflow_;
  std::size_t busy_ = 0;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
  std::thread overflow_thread_;
};

}  // namespace ccdafhir::serve
