#pragma once
// Deferred calls on a clock, behind an interface so limits can be tested with
// a fake clock. The real one is a single thread sleeping until the next deadline.
#include <chrono>
#include <functional>
#include <memory>
#include <string>

namespace genops::providers::http {

class Timers {
 public:
  using Clock = std::chrono::steady_clock;
  virtual ~Timers() = default;
  // The current time on this timer's clock.
  virtual Clock::time_point now() const = 0;
  // Runs `fn` once, no earlier than `delay` from now, on the timer's thread.
  // `fn` must not block nor throw; an exception from it is a bug, reported to
  // the error handler of make_timer_thread.
  virtual void call_after(Clock::duration delay, std::function<void()> fn) = 0;
};

// Receives what a timer callback threw (a bug), on the timer thread.
using TimerErrorHandler = std::function<void(const std::string& what)>;

// A real Timers on one thread. Destroying it drops calls not yet due. A
// callback that throws goes to `on_error` (when set) and the thread goes on.
std::shared_ptr<Timers> make_timer_thread(TimerErrorHandler on_error = {});

}  // namespace genops::providers::http
