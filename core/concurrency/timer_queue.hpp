#pragma once
// The one timer queue: deferred calls run on a single thread that sleeps until
// the next deadline. Calls due at the same instant run in the order they were
// queued. A callback's exception never escapes the thread: it is counted and
// passed to the error handler, and the thread goes on.
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <thread>

namespace genops::core::concurrency {

class TimerQueue {
 public:
  using Clock = std::chrono::steady_clock;
  // Receives what a callback threw, on the timer thread.
  using ErrorHandler = std::function<void(const std::string& what)>;

  // Starts the timer thread.
  explicit TimerQueue(ErrorHandler on_error = {});
  // shut_down(). Destroying the queue from inside one of its own callbacks is
  // allowed: the thread is then detached and ends after that callback.
  ~TimerQueue();
  TimerQueue(const TimerQueue&) = delete;
  TimerQueue& operator=(const TimerQueue&) = delete;

  // Runs `fn` once on the timer thread, no earlier than `when`. Dropped (destroyed
  // unrun) after shutdown. `fn` should be short: it delays every later call.
  void call_at(Clock::time_point when, std::function<void()> fn);
  // call_at(now + delay, fn).
  void call_after(Clock::duration delay, std::function<void()> fn);

  // Drops every call not yet due (destroyed outside the lock), waits for a
  // running callback and stops the thread. Idempotent.
  void shut_down();

  // How many callbacks threw so far.
  std::size_t errors() const;

 private:
  struct State;
  std::shared_ptr<State> m_state;  // shared with the thread, which may outlive us
  std::thread m_thread;
};

}  // namespace genops::core::concurrency
