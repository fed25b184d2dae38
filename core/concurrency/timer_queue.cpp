#include "core/concurrency/timer_queue.hpp"

#include <condition_variable>
#include <cstdint>
#include <exception>
#include <map>
#include <mutex>
#include <utility>
#include <vector>

namespace genops::core::concurrency {

struct TimerQueue::State {
  using Key = std::pair<Clock::time_point, std::uint64_t>;  // deadline, then queueing order

  mutable std::mutex mutex;
  std::condition_variable wake;
  std::map<Key, std::function<void()>> due;
  std::uint64_t order = 0;
  bool stopping = false;
  std::size_t errors = 0;
  ErrorHandler on_error;

  void report(const std::string& what) {
    {
      std::lock_guard lock(mutex);
      ++errors;
    }
    if (!on_error) return;
    try {
      on_error(what);
    } catch (...) {
      // The handler is the last place to report to; the error was counted above.
    }
  }

  // Runs one callback outside the lock; its captures die here too.
  void call(std::function<void()> fn) {
    try {
      fn();
      return;
    } catch (const std::exception& e) {
      report(e.what());
    } catch (...) {
      report("an exception that is not a std::exception");
    }
  }

  void run() {
    std::unique_lock lock(mutex);
    while (!stopping) {
      if (due.empty()) {
        wake.wait(lock);
        continue;
      }
      auto first = due.begin();
      if (Clock::now() < first->first.first) {
        wake.wait_until(lock, first->first.first);
        continue;
      }
      auto fn = std::move(first->second);
      due.erase(first);
      lock.unlock();
      call(std::move(fn));
      lock.lock();
    }
  }
};

TimerQueue::TimerQueue(ErrorHandler on_error) : m_state(std::make_shared<State>()) {
  m_state->on_error = std::move(on_error);
  m_thread = std::thread([state = m_state] { state->run(); });
}

TimerQueue::~TimerQueue() { shut_down(); }

void TimerQueue::call_at(Clock::time_point when, std::function<void()> fn) {
  {
    std::lock_guard lock(m_state->mutex);
    if (!m_state->stopping) {
      m_state->due.emplace(State::Key{when, m_state->order++}, std::move(fn));
      fn = nullptr;
    }
  }
  if (fn) {
    fn = nullptr;  // refused after shutdown: destroyed outside the lock
    return;
  }
  m_state->wake.notify_all();
}

void TimerQueue::call_after(Clock::duration delay, std::function<void()> fn) {
  call_at(Clock::now() + delay, std::move(fn));
}

void TimerQueue::shut_down() {
  std::map<State::Key, std::function<void()>> dropped;
  {
    std::lock_guard lock(m_state->mutex);
    m_state->stopping = true;
    dropped.swap(m_state->due);
  }
  m_state->wake.notify_all();
  if (m_thread.joinable()) {
    if (m_thread.get_id() == std::this_thread::get_id()) {
      m_thread.detach();  // destroyed from its own callback: the thread holds the state
    } else {
      m_thread.join();
    }
  }
  dropped.clear();
}

std::size_t TimerQueue::errors() const {
  std::lock_guard lock(m_state->mutex);
  return m_state->errors;
}

}  // namespace genops::core::concurrency
