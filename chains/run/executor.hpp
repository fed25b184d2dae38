#pragma once
// A small fixed pool of worker threads with a timer, on which every step of
// every run executes. Model calls never block a worker: clients answer
// through callbacks, which post their continuation here.
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <queue>
#include <string>
#include <thread>
#include <vector>

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
  void work();
  void time();
  struct Timed {
    Clock::time_point when;
    std::uint64_t order;
    std::function<void()> task;
    bool operator>(const Timed& o) const { return when != o.when ? when > o.when : order > o.order; }
  };
  mutable std::mutex m_mutex;
  std::condition_variable m_work_cv, m_timer_cv;
  std::deque<std::function<void()>> m_tasks;
  std::priority_queue<Timed, std::vector<Timed>, std::greater<>> m_timed;
  std::uint64_t m_timed_order = 0;
  std::size_t m_internal_errors = 0;
  ErrorHandler m_on_error;
  bool m_stopping = false;
  std::vector<std::thread> m_threads;
  std::thread m_timer;
};

}  // namespace genops::chains::run
