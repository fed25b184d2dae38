#pragma once
// A small fixed pool of worker threads with a timer, on which every step of
// every run executes. Model calls never block a worker: clients answer
// through callbacks, which post their continuation here. Built on the core
// worker pool and timer queue (core/concurrency/).
#include <chrono>
#include <cstddef>
#include <functional>
#include <string>

#include "core/concurrency/thread_pool.hpp"
#include "core/concurrency/timer_queue.hpp"

namespace genops::chains::run {

class Executor {
 public:
  using Clock = std::chrono::steady_clock;

  // Receives what a task threw (each a bug), on the worker thread.
  using ErrorHandler = std::function<void(const std::string& what)>;

  // Starts `threads` workers (at least 1) and one timer thread. A task that
  // throws is reported to `on_error` (and counted), never silently dropped.
  explicit Executor(int threads, ErrorHandler on_error = {});
  // stop(), then joins.
  ~Executor();
  Executor(const Executor&) = delete;
  Executor& operator=(const Executor&) = delete;

  // Queues `task` for a worker; dropped after stop(). Tasks must not throw:
  // one that does is a bug, reported to the ErrorHandler and counted.
  void post(std::function<void()> task);
  // Posts `task` at `when` (dropped if the executor stops first).
  void post_at(Clock::time_point when, std::function<void()> task);
  // Stops accepting work, drops queued tasks and joins the threads. Idempotent;
  // must not be called from a worker.
  void stop();
  // Tasks that threw (each a bug), timed ones included.
  std::size_t internal_errors() const;

 private:
  core::concurrency::ThreadPool m_pool;  // unbounded: a worker posting never waits
  core::concurrency::TimerQueue m_timers;  // its calls only post into m_pool
};

}  // namespace genops::chains::run
