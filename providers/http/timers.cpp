#include "providers/http/timers.hpp"

#include "core/concurrency/timer_queue.hpp"

namespace genops::providers::http {

namespace {

// The real Timers: the core timer queue (one thread; destroying it from
// inside one of its own callbacks is allowed).
class TimerThread final : public Timers {
 public:
  explicit TimerThread(TimerErrorHandler on_error) : m_queue(std::move(on_error)) {}

  Clock::time_point now() const override { return Clock::now(); }

  void call_after(Clock::duration delay, std::function<void()> fn) override {
    m_queue.call_after(delay, std::move(fn));
  }

 private:
  core::concurrency::TimerQueue m_queue;
};

}  // namespace

std::shared_ptr<Timers> make_timer_thread(TimerErrorHandler on_error) {
  return std::make_shared<TimerThread>(std::move(on_error));
}

}  // namespace genops::providers::http
