#include "providers/http/timers.hpp"

#include <condition_variable>
#include <exception>
#include <map>
#include <mutex>
#include <thread>

namespace genops::providers::http {

namespace {

// The state the timer thread shares with its owner, so an owner destroyed
// from inside a callback can detach the thread safely.
struct TimerState {
  std::mutex mutex;
  std::condition_variable wake;
  std::multimap<Timers::Clock::time_point, std::function<void()>> due;
  bool stopping = false;
  TimerErrorHandler on_error;

  void run() noexcept {
    std::unique_lock lock(mutex);
    while (!stopping) {
      if (due.empty()) {
        wake.wait(lock);
        continue;
      }
      if (Timers::Clock::now() < due.begin()->first) {
        wake.wait_until(lock, due.begin()->first);
        continue;
      }
      auto fn = std::move(due.begin()->second);
      due.erase(due.begin());
      lock.unlock();
      std::string what;
      try {
        fn();
      } catch (const std::exception& e) {
        what = e.what();
      } catch (...) {
        what = "an exception that is not a std::exception";
      }
      if (!what.empty() && on_error) {
        try {
          on_error(what);
        } catch (...) {
          // The handler is the last place to report to.
        }
      }
      lock.lock();
    }
  }
};

class TimerThread final : public Timers {
 public:
  explicit TimerThread(TimerErrorHandler on_error) : m_state(std::make_shared<TimerState>()) {
    m_state->on_error = std::move(on_error);
    m_thread = std::thread([state = m_state] { state->run(); });
  }

  ~TimerThread() override {
    {
      std::lock_guard lock(m_state->mutex);
      m_state->stopping = true;
    }
    m_state->wake.notify_all();
    if (m_thread.get_id() == std::this_thread::get_id()) {
      m_thread.detach();
    } else {
      m_thread.join();
    }
  }

  TimerThread(const TimerThread&) = delete;
  TimerThread& operator=(const TimerThread&) = delete;

  Clock::time_point now() const override { return Clock::now(); }

  void call_after(Clock::duration delay, std::function<void()> fn) override {
    {
      std::lock_guard lock(m_state->mutex);
      m_state->due.emplace(Clock::now() + delay, std::move(fn));
    }
    m_state->wake.notify_all();
  }

 private:
  std::shared_ptr<TimerState> m_state;
  std::thread m_thread;
};

}  // namespace

std::shared_ptr<Timers> make_timer_thread(TimerErrorHandler on_error) {
  return std::make_shared<TimerThread>(std::move(on_error));
}

}  // namespace genops::providers::http
