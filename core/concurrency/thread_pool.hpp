#pragma once
// The one worker pool (after ccache's util/ThreadPool): a fixed number of
// threads fed by a FIFO queue that may be bounded, so a producer faster than
// the workers waits instead of growing memory. Shutting down either drains the
// queue (every queued task runs) or drops it. A task's exception never
// escapes a worker: it is counted, its message kept in a first-error slot and
// passed to the error handler; submit() returns it through a std::future.
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <future>
#include <limits>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <type_traits>
#include <vector>

namespace genops::core::concurrency {

class ThreadPool {
 public:
  static constexpr std::size_t k_unbounded = std::numeric_limits<std::size_t>::max();
  // Receives what a task threw, on the worker thread.
  using ErrorHandler = std::function<void(const std::string& what)>;
  enum class Shutdown { drain, drop };

  // Starts `threads` workers (at least 1); at most `max_queue` tasks wait at
  // once (at least 1). `on_error` is told about every task that throws.
  explicit ThreadPool(std::size_t threads, std::size_t max_queue = k_unbounded, ErrorHandler on_error = {});
  // shut_down(Shutdown::drain). Must not run on one of the pool's workers.
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  // Queues `task` behind those already queued, blocking while the queue is
  // full. Returns false, and destroys the task unrun, once shutting down.
  bool enqueue(std::function<void()> task);

  // Queues `fn`; its result or its exception arrives through the future. After
  // shutdown the future holds a std::future_error (broken_promise).
  template <class F>
  std::future<std::invoke_result_t<F>> submit(F fn) {
    using R = std::invoke_result_t<F>;
    auto task = std::make_shared<std::packaged_task<R()>>(std::move(fn));
    auto result = task->get_future();
    enqueue([task] { (*task)(); });
    return result;
  }

  // Stops accepting tasks; `drain` runs every queued task first, `drop`
  // destroys them unrun (outside the lock: a task's destructor may enqueue,
  // and is then refused). Waits for the running tasks and joins the workers.
  // Idempotent; must not be called from one of the pool's workers.
  void shut_down(Shutdown mode = Shutdown::drain);

  // How many tasks threw so far.
  std::size_t errors() const;
  // The message of the first task that threw, if any did.
  std::optional<std::string> first_error() const;

 private:
  void work();
  void report(std::string what);

  mutable std::mutex m_mutex;
  std::condition_variable m_work;   // workers: a task or shutdown
  std::condition_variable m_space;  // producers: the queue has room, or shutdown
  std::deque<std::function<void()>> m_queue;
  std::size_t m_max_queue;
  ErrorHandler m_on_error;
  bool m_shutting_down = false;
  std::size_t m_errors = 0;
  std::optional<std::string> m_first_error;
  std::vector<std::thread> m_threads;
};

}  // namespace genops::core::concurrency
